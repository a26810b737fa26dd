--
-- Strings: concatenation, length, case, substring, position, trim, char/varchar
--
SELECT 'abc' || 'def' AS concat, 'n=' || 42 AS text_and_int, 1.5 || 'x' AS numeric_and_text;
SELECT 'abc' || NULL AS with_null, 'x' || '' || 'y' AS with_empty;
SELECT length('hello') AS len, length('') AS empty_len, length(NULL::text) AS null_len,
       char_length('héllo') AS multibyte_chars, octet_length('héllo') AS multibyte_bytes;
SELECT lower('MiXeD Case 123') AS lower, upper('MiXeD Case 123') AS upper;
-- substring, 1-based, in both syntaxes
SELECT substring('PostgreSQL' FROM 5) AS from5, substring('PostgreSQL' FROM 1 FOR 4) AS first4,
       substring('PostgreSQL' FOR 3) AS for3;
SELECT substring('PostgreSQL', 5, 3) AS func_form, substring('abc', 0, 2) AS start_zero,
       substring('abc', 3, 10) AS past_end, substring('abc', 10) AS beyond;
SELECT substring('abc', -1, 3) AS negative_start;
SELECT substring('abc', 1, -1);
-- position
SELECT position('gre' IN 'PostgreSQL') AS found, position('xyz' IN 'PostgreSQL') AS not_found,
       position('' IN 'abc') AS empty_needle, position('S' IN 'PostgreSQL') AS case_sensitive;
-- trim
SELECT '[' || trim('  padded  ') || ']' AS both, '[' || trim(LEADING FROM '  padded  ') || ']' AS leading,
       '[' || trim(TRAILING FROM '  padded  ') || ']' AS trailing;
SELECT trim(BOTH 'x' FROM 'xxhixx') AS chars_both, trim(LEADING 'xy' FROM 'xyxyhixy') AS chars_leading,
       trim('x' FROM 'xhix') AS short_form;
SELECT btrim('--a--', '-') AS btrim, ltrim('  a') AS ltrim, rtrim('a  ') || '|' AS rtrim;
-- comparisons of text are by code point in the C collation
SELECT 'abc' < 'abd' AS lt, 'B' < 'a' AS upper_first, 'abc' = 'abc' AS eq, 'a' < 'ab' AS prefix;
-- LIKE
SELECT 'hello' LIKE 'h%' AS a, 'hello' LIKE 'h_llo' AS b, 'hello' NOT LIKE '%z%' AS c, 'Hello' LIKE 'h%' AS d;
-- char(n) pads with blanks; the blanks do not count for length or comparison
SELECT 'ab'::char(5) AS padded, length('ab'::char(5)) AS char_length, octet_length('ab'::char(5)) AS octets;
SELECT '[' || 'ab'::char(5) || ']' AS concat_strips, 'ab'::char(5) = 'ab   '::char(3) AS blank_insensitive;
SELECT 'abcdef'::char(3) AS truncated_by_cast, 'x'::char AS char1, 'xyz'::character(1) AS char_truncated;
SELECT CAST('toolong' AS char(3)) AS cast_truncates;
-- varchar(n) does not pad; an explicit cast truncates
SELECT 'ab'::varchar(5) AS vc, length('ab'::varchar(5)) AS vc_len, 'abcdef'::varchar(3) AS vc_truncated;
SELECT '[' || 'ab  '::varchar(10) || ']' AS trailing_kept;
SELECT pg_typeof('a'::varchar(3)) AS vc_type, pg_typeof('a'::char(3)) AS char_type,
       pg_typeof('a'::varchar || 'b'::varchar) AS concat_type;
-- casts to and from text
SELECT 123::text AS int_text, 1.50::text AS numeric_text, true::text AS bool_text, 2.5::float8::text AS float_text;
SELECT '  42'::text::int4 + 1 AS text_to_int, '3.25'::text::numeric AS text_to_numeric;
SELECT length(12345::text) AS digits, upper(true::text) AS upper_bool;
-- functions that need text do not take other types implicitly
SELECT length(12345);
SELECT lower(1.5);
-- case-insensitive keywords, case-sensitive string contents
SELECT UPPER('abc') AS shout, LoWeR('ABC') AS whisper;
-- strings with quotes and backslashes are returned as they are
SELECT 'back\slash' AS standard_string, E'back\\slash' AS escaped, 'a''b' AS quote;
SELECT length(E'\n') AS newline_len, E'\x41\101\u0041' AS escapes;
