--
-- numeric, float4 and float8: precision, scale, rounding, output formats
--
-- numeric keeps the scale of its inputs
SELECT 1.10 + 2.205 AS sum, 1.5 * 2.25 AS product, 10.0 - 0.001 AS difference;
SELECT 0.1 + 0.2 AS exact_decimal, 1.000 AS trailing_zeros_kept, -0.0 AS negative_zero;
SELECT 1 / 3.0 AS third, 2.0 / 3 AS two_thirds, 10 / 4.0 AS quotient;
SELECT 1.0 / 7 AS seventh, 100.0 / 3 AS hundred_thirds;
SELECT 12345678901234567890.123456789 + 1 AS big_numeric;
SELECT 7.5 % 2 AS numeric_mod, -7.5 % 2 AS negative_mod;
-- numeric typmods round on input and check the precision
SELECT 3.14159::numeric(5,2) AS rounded, 2.5::numeric(3,0) AS half_up, (-2.5)::numeric(3,0) AS neg_half;
SELECT 0.125::numeric(4,2) AS r1, 0.135::numeric(4,2) AS r2, 99.994::numeric(4,2) AS r3;
SELECT 123.45::numeric(4,2);
SELECT 99.995::numeric(4,2);
SELECT '1.5e3'::numeric AS sci_input, '  42.50  '::numeric AS spaces, '-.5'::numeric AS lead_dot;
SELECT 'NaN'::numeric AS nan, 'nan'::numeric = 'NaN'::numeric AS nan_equal;
SELECT 'abc'::numeric;
SELECT 1.5 / 0;
SELECT 0.0 / 0;
-- numeric comparisons ignore trailing zeros
SELECT 1.0 = 1.00 AS eq, 2.5 > 2.49999 AS gt, 1.1 < 1.10 AS lt;
-- casts between numeric and integers round half away from zero
SELECT 2.5::int4 AS i1, 3.5::int4 AS i2, (-2.5)::int4 AS i3, 2.4999::int8 AS i4;
SELECT 12345.6789::numeric::int2 AS to_int2;
SELECT 99999.5::int2;
-- float8
SELECT 1.5::float8 AS f8, 0.1::float8 + 0.2::float8 AS inexact, 1e300::float8 * 10 AS big;
SELECT 1::float8 / 3 AS third, 2::float8 / 3 AS two_thirds, 100::float8 AS hundred;
SELECT 1e-5::float8 AS small, 1e15::float8 AS e15, 1e16::float8 AS e16, 123456789012345678::float8 AS e17;
SELECT 'Infinity'::float8 AS inf, '-Infinity'::float8 AS neg_inf, 'NaN'::float8 AS nan;
SELECT 'inf'::float8 + 1 AS inf_plus_one, '-0'::float8 AS neg_zero;
SELECT 1e308::float8 * 10;
SELECT 1e-320::float8 AS denormal;
SELECT '1e400'::float8;
SELECT 'xyz'::float8;
SELECT 1::float8 / 0;
SELECT 0::float8 / 0;
SELECT pg_typeof(1.5::float8 + 1) AS f8_plus_int, pg_typeof(1.5 + 1) AS numeric_plus_int,
       pg_typeof(1.5::float8 + 1.5) AS f8_plus_numeric;
-- float4
SELECT 1.5::float4 AS f4, 0.1::float4 AS tenth, 3.14159265358979::float4 AS pi4;
SELECT 1::float4 / 3 AS third4, pg_typeof(1::float4 / 3) AS type4;
SELECT 0.1::float4 + 0.2::float4 AS f4_sum, pg_typeof(1::float4 + 1::float8) AS f4_f8;
SELECT 1e38::float4 AS near_max, 1.17549435e-38::float4 AS min_normal;
SELECT 1e39::float8::float4;
SELECT '1e39'::float4;
-- extra_float_digits changes float output
SET extra_float_digits = 0;
SELECT 0.1::float8 + 0.2::float8 AS f8_15_digits, 1::float8 / 3 AS third, 0.1::float4 AS f4_6_digits;
SET extra_float_digits = -3;
SELECT 1::float8 / 3 AS third_12_digits;
RESET extra_float_digits;
SELECT 0.1::float8 + 0.2::float8 AS shortest_exact;
-- casts between floats and integers round to nearest even
SELECT 2.5::float8::int4 AS f_half_even, 3.5::float8::int4 AS f_half_even2, (-1.5)::float8::int8 AS neg;
SELECT 1e10::float8::int4;
SELECT 'NaN'::float8::int8;
SELECT 1.25::float8::numeric AS f8_to_numeric, 0.1::float4::numeric AS f4_to_numeric;
SELECT 3.75::numeric::float8 AS numeric_to_f8;
