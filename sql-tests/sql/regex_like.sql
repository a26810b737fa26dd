--
-- Pattern matching: LIKE / ILIKE with ESCAPE, SIMILAR TO, POSIX regular expressions
-- (operators, OPERATOR(pg_catalog.~) syntax, COLLATE), substring forms, regexp_* functions.
--

-- LIKE and ILIKE
SELECT 'abc' LIKE 'a%' AS t1, 'abc' LIKE 'a_c' AS t2, 'abc' LIKE 'a_' AS f1, 'abc' NOT LIKE 'b%' AS t3;
SELECT 'ABC' ILIKE 'a%' AS t1, 'ABC' NOT ILIKE 'a%' AS f1, 'abc' ILIKE 'A_C' AS t2;
SELECT 'a%' LIKE 'a\%' AS t1, 'ab' LIKE 'a\%' AS f1, 'a_b' LIKE 'a\_b' AS t2;
SELECT 'a%' LIKE 'a#%' ESCAPE '#' AS t1, 'a#' LIKE 'a##' ESCAPE '#' AS t2, 'a\b' LIKE 'a\b' ESCAPE '' AS t3;
SELECT 'x' LIKE 'x\' AS f1;
SELECT 'ab' LIKE 'a\';
SELECT 'ab' LIKE 'a' ESCAPE 'xx';
SELECT 'ab' ~~ 'a_' AS t1, 'AB' ~~* 'a_' AS t2, 'ab' !~~ 'a%' AS f1, 'AB' !~~* 'x%' AS t3;
SELECT like_escape('a#%', '#'), like_escape('a\b', '');
SELECT 1 LIKE '1';
SELECT NULL LIKE 'a' AS n1, 'a' LIKE NULL AS n2;
SELECT 'héllo' LIKE 'h_llo' AS t1, 'naïve' ILIKE 'NA_VE' AS t2;

-- SIMILAR TO
SELECT 'abc' SIMILAR TO 'abc' AS t1, 'abc' SIMILAR TO 'a' AS f1, 'abc' SIMILAR TO '%(b|d)%' AS t2;
SELECT 'abc' SIMILAR TO 'a_c' AS t1, 'a.c' SIMILAR TO 'a.c' AS t2, 'abc' SIMILAR TO 'a.c' AS f1;
SELECT 'abc' SIMILAR TO 'a(b|c)+' AS t1, 'abd' NOT SIMILAR TO 'a(b|c)+' AS t2;
SELECT 'a%c' SIMILAR TO 'a#%c' ESCAPE '#' AS t1, 'abc' SIMILAR TO 'a#%c' ESCAPE '#' AS f1;
SELECT similar_to_escape('a%b'), similar_to_escape('a#%b', '#');
SELECT 'a' SIMILAR TO 'a' ESCAPE 'xx';

-- substring with SQL and POSIX regular expressions
SELECT substring('Thomas' similar '%#"o_a#"_' escape '#') AS oma;
SELECT substring('Thomas' similar '#"o_a#"_' escape '#') IS NULL AS t;
SELECT substring('Thomas' from '%#"o_a#"_' for '#') AS oma;
SELECT substring('foobar' from 'o(.)b') AS o, substring('foobar' from 'o.b') AS oob;
SELECT substring('foobar' from 'x(.)?f') IS NULL AS t, substring('foobar' from 'z') IS NULL AS t2;
SELECT substring('abcd' from 'a|ab') AS longest, substring('abcd' from 'b*?c') AS shortest;
SELECT substring('aab' from 'a*(ab)?') AS whole;

-- regular expression operators
SELECT 'abc' ~ 'b' AS t1, 'abc' ~ '^b' AS f1, 'abc' ~* 'B' AS t2, 'abc' !~ 'b' AS f2, 'abc' !~* 'X' AS t3;
SELECT 'abc' ~ '^a.c$' AS t1, E'ab\n' ~ 'b$' AS f1, E'a\nb' ~ 'a.b' AS t2;
SELECT 'x' ~ '(?i)X' AS t1, 'x' ~ '***=x.' AS f1, 'x.' ~ '***=x.' AS t2;
SELECT 'foo bar' ~ '\mbar\M' AS t1, 'foobar' ~ '\ybar' AS f1, 'a b' ~ 'a\sb' AS t2, 'a1' ~ '[[:alpha:]][[:digit:]]' AS t3;
SELECT '[]' ~ '[]a]' AS t1, 'a&' ~ '[a&&b]' AS t2, '{' ~ 'a{,3}' AS f1, 'a{,3}' ~ 'a{,3}' AS t3;
SELECT 'aaa' ~ '^a{2,3}$' AS t1, 'aaaa' ~ '^a{2,3}$' AS f1, 'abab' ~ '^(ab)\1$' AS t2;
SELECT 'abc' ~ 'b' COLLATE "C" AS t1, 'abc' ~ 'B' COLLATE "default" AS f1;
SELECT 'abc' OPERATOR(pg_catalog.~) '^(abc)$' COLLATE pg_catalog.default AS t1;
SELECT 'abc' OPERATOR(pg_catalog.!~) 'x' AS t1, 1 OPERATOR(pg_catalog.+) 2 AS three;
SELECT 1 OPERATOR(foo.+) 2;
SELECT 1 ~ 'a';
SELECT NULL ~ 'a' AS n1, 'a' ~ NULL AS n2;
SELECT 'abc'::name ~ 'b' AS t1, 'abc  '::char(5) ~ 'c$' AS t2;

-- invalid regular expressions
SELECT 'a' ~ '(';
SELECT 'a' ~ 'a)';
SELECT 'a' ~ '[a';
SELECT 'a' ~ 'a{3';
SELECT 'a' ~ 'a{300}';
SELECT 'a' ~ 'a{2,1}';
SELECT 'a' ~ 'a**';
SELECT 'a' ~ '*a';
SELECT 'a' ~ 'x|*';
SELECT 'a' ~ '\q';
SELECT 'a' ~ '[b-a]';
SELECT 'a' ~ '\2(a)';
SELECT 'a' ~ '[[:foo:]]';
SELECT 'a' ~ '(?<n>a)';

-- COLLATE
SELECT 'b' < 'a' COLLATE "C" AS f1, 'x' COLLATE "POSIX" = 'x' AS t1;
SELECT pg_typeof('a' COLLATE "C");
SELECT 1 COLLATE "C";
SELECT 'a' COLLATE "xx";

-- regexp_replace, regexp_count, regexp_like, regexp_instr, regexp_substr
SELECT regexp_replace('abc', 'b', 'X') AS aXc, regexp_replace('abcabc', 'b', 'X', 'g') AS all_b;
SELECT regexp_replace('abc', 'x*', '-', 'g'), regexp_replace('abc', 'b*', '-', 'g');
SELECT regexp_replace('abc', 'b', '[\&\\\1\q]');
SELECT regexp_replace('Hello World', '(o)', '<\1>', 'gi'), regexp_replace('HellO', 'o', '0', 'i');
SELECT regexp_replace('aaa', 'a', 'x', 2), regexp_replace('aaa', 'a', 'x', 1, 2), regexp_replace('aaa', 'a', 'x', 1, 0, 'i');
SELECT regexp_replace('abcabc', 'b', 'X', 1, 0, 'g');
SELECT regexp_replace('a.b', '.', 'X', 'g'), regexp_replace(E'a\nb', '^b', 'X', 'n'), regexp_replace(E'a\nb', '.$', 'X');
SELECT regexp_replace('abc', 'b', 'x', 'z');
SELECT regexp_replace('abcabc', 'b', 'X', 0);
SELECT regexp_replace('abcabc', 'b', 'X', 1, -1);
SELECT regexp_count('abcabc', 'b') AS two, regexp_count('abc', 'b*') AS four, regexp_count('ABCabc', 'b', 3, 'i') AS one;
SELECT regexp_count('abc', 'b', 1, 'g');
SELECT regexp_like('abc', 'B', 'i') AS t1, regexp_like('abc', 'B') AS f1;
SELECT regexp_instr('abcabc', 'c', 1, 2) AS six, regexp_instr('abcabc', '(b)(c)', 1, 1, 0, '', 2) AS three,
       regexp_instr('abcabc', 'b', 1, 1, 1) AS three_end, regexp_instr('abc', 'z') AS zero;
SELECT regexp_instr('abcabc', 'b', 1, 1, 2);
SELECT regexp_substr('abcabc', 'b(c)', 1, 2, '', 1) AS c, regexp_substr('abcabc', 'b', 1, 3) IS NULL AS t1,
       regexp_substr('abcabc', 'b', 1, 1, '', 3) IS NULL AS t2;

-- over a table
CREATE TABLE words (w text);
INSERT INTO words VALUES ('apple'), ('Banana'), ('cherry'), ('date'), (NULL), ('apricot');
SELECT w FROM words WHERE w ~ '^a' ORDER BY w;
SELECT w FROM words WHERE w ~* '^b' OR w LIKE '%rr%' ORDER BY w;
SELECT w, regexp_replace(w, '[aeiou]', '*', 'g') FROM words WHERE w IS NOT NULL ORDER BY w COLLATE "C";
SELECT count(*) FROM words WHERE w NOT SIMILAR TO '(a|c)%';
DROP TABLE words;
