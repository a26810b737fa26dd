--
-- Integer arithmetic: int2, int4, int8, their limits and errors
--
SELECT 2 + 3 AS add, 2 - 3 AS sub, 6 * 7 AS mul, 7 / 2 AS div, 7 % 3 AS modulo;
-- integer division truncates toward zero, modulo takes the sign of the dividend
SELECT -7 / 2 AS a, 7 / -2 AS b, -7 % 3 AS c, 7 % -3 AS d;
SELECT 2 + 3 * 4 AS precedence, (2 + 3) * 4 AS parens, 2 ^ 10 AS power;
SELECT -(5) AS negate, 10 - -3 AS minus_negative;
-- literal types: small ints are int4, larger ones int8, larger still numeric
SELECT pg_typeof(1) AS t1, pg_typeof(3000000000) AS t2, pg_typeof(10000000000000000000) AS t3;
-- int2
SELECT 100::int2 + 200::int2 AS int2_sum, pg_typeof(1::int2 + 1::int2) AS int2_type;
SELECT 32767::int2 AS int2_max, (-32768)::int2 AS int2_min;
SELECT 32767::int2 + 1::int2;
SELECT 32768::int2;
SELECT (-32768)::int2 * (-1)::int2;
SELECT '  123  '::int2 AS spaces_allowed, '-0'::int2 AS minus_zero;
-- int4
SELECT 2147483647 AS int4_max, -2147483648 AS int4_min;
SELECT 2147483647 + 1;
SELECT -2147483647 - 2;
SELECT 65536 * 65536;
SELECT (-2147483648)::int4 / (-1)::int4;
SELECT 2147483647::int4 % 2::int4 AS odd, (-2147483648)::int4 % (-1)::int4 AS min_mod_minus_one;
-- int8
SELECT 9223372036854775807::int8 AS int8_max, (-9223372036854775808)::int8 AS int8_min;
SELECT 9223372036854775807::int8 + 1;
SELECT 4294967296::int8 * 4294967296::int8;
SELECT (-9223372036854775808)::int8 / (-1)::int8;
SELECT 3000000000 * 3 AS big_product, 9223372036854775807::int8 / 2 AS half;
-- mixed widths promote to the wider type
SELECT pg_typeof(1::int2 + 1::int4) AS i2_i4, pg_typeof(1::int4 + 1::int8) AS i4_i8,
       pg_typeof(1::int2 * 1::int8) AS i2_i8;
SELECT 1::int2 + 2147483647::int4;
-- division by zero
SELECT 1 / 0;
SELECT 1::int2 / 0::int2;
SELECT 1::int8 / 0::int8;
SELECT 5 % 0;
SELECT 0 / 5 AS zero_dividend;
-- comparisons across widths
SELECT 1::int2 = 1::int8 AS eq, 2::int4 < 3::int8 AS lt, 5::int8 >= 5::int2 AS ge,
       4 <> 4 AS ne, 4 != 5 AS ne2;
-- casts between integer widths
SELECT 70000::int4::int8 AS widen, 300::int8::int2 AS narrow_ok;
SELECT 70000::int4::int2;
SELECT 9999999999::int8::int4;
-- text input of integers
SELECT '42'::int4 AS i4, '-9223372036854775808'::int8 AS i8_min, '+17'::int2 AS plus;
SELECT '2147483648'::int4;
SELECT '9223372036854775808'::int8;
SELECT 'abc'::int4;
SELECT '12abc'::int8;
SELECT ''::int2;
SELECT '1.5'::int4;
-- the SQLSTATEs behind those errors
\set VERBOSITY sqlstate
SELECT 2147483647 + 1;
SELECT 1 / 0;
SELECT 'abc'::int4;
SELECT '2147483648'::int4;
\set VERBOSITY default
SELECT 'still working' AS after_errors;
