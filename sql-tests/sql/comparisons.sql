--
-- Comparison operators across types, BETWEEN, IN, and their NULL behaviour
--
SELECT 1 < 2 AS lt, 2 <= 2 AS le, 3 > 4 AS gt, 4 >= 4 AS ge, 5 = 5 AS eq, 5 <> 6 AS ne;
-- mixed numeric types compare by value
SELECT 1 = 1.0 AS int_numeric, 1::int8 = 1.0::float8 AS int8_float8, 0.1::float4 = 0.1::float8 AS f4_f8,
       2.5 > 2 AS numeric_int, 1e2 = 100 AS sci_int;
SELECT 9223372036854775807::int8 < 9223372036854775808 AS int8_vs_numeric;
-- text compares by bytes in the C collation; trailing spaces count for text, not for char(n)
SELECT 'a' < 'b' AS a_b, 'Z' < 'a' AS upper_lower, 'abc' > 'ab' AS longer, 'a ' = 'a' AS text_spaces,
       'a '::char(3) = 'a'::char(3) AS char_spaces;
-- literals of unknown type take the other side's type
SELECT 10 = '10' AS int_vs_literal, 1.5 < '2' AS numeric_vs_literal, true = 't' AS bool_vs_literal;
SELECT 10 = 'ten';
SELECT 1 = true;
SELECT 'a'::text = 1;
-- BETWEEN includes both ends; SYMMETRIC sorts them first
SELECT 5 BETWEEN 1 AND 10 AS inside, 1 BETWEEN 1 AND 10 AS low_end, 10 BETWEEN 1 AND 10 AS high_end,
       11 BETWEEN 1 AND 10 AS outside;
SELECT 5 BETWEEN 10 AND 1 AS reversed, 5 BETWEEN SYMMETRIC 10 AND 1 AS symmetric,
       5 NOT BETWEEN 1 AND 4 AS not_between;
SELECT 'm' BETWEEN 'a' AND 'z' AS text_between, 2.5 BETWEEN 2 AND 3 AS numeric_between;
SELECT NULL::int BETWEEN 1 AND 2 AS null_between, 1 BETWEEN NULL AND 2 AS null_low,
       5 BETWEEN NULL AND 2 AS null_low_but_false;
-- IN and NOT IN with lists
SELECT 2 IN (1, 2, 3) AS found, 4 IN (1, 2, 3) AS not_found, 'b' IN ('a', 'b') AS text_in,
       2 IN (1.5, 2.0) AS mixed_types;
SELECT 4 NOT IN (1, 2, 3) AS not_in, 2 NOT IN (1, 2, 3) AS not_in_false;
-- NULL in the list: IN is true when found, else NULL; NOT IN is never true
SELECT 1 IN (1, NULL) AS found_with_null, 2 IN (1, NULL) AS unknown_with_null,
       2 NOT IN (1, NULL) AS not_in_with_null, NULL::int IN (1, 2) AS null_probe;
SELECT 1 IN (1, 'x');
-- comparisons chain only through AND
SELECT 1 < 2 AND 2 < 3 AS chained;
SELECT 1 < 2 < 3;
-- precedence: comparison binds looser than arithmetic, tighter than NOT/AND/OR
SELECT 1 + 1 = 2 AS arith_first, NOT 1 = 2 AS not_after, 1 = 1 OR 1 = 2 AND 2 = 3 AS and_before_or;
-- GREATEST and LEAST ignore NULLs
SELECT greatest(1, 5, 3) AS greatest, least(4, 2, 8) AS least, greatest(1, NULL, 2) AS with_null,
       least(NULL::int, NULL) AS all_null, greatest('apple', 'banana') AS text_greatest,
       greatest(1, 2.5) AS mixed;
