--
-- Built-in functions: abs, round, mod, and the session information functions
--
-- abs keeps the argument's type
SELECT abs(-5) AS int4, abs(5) AS positive, abs(-5::int8) AS int8, abs(-2.50) AS numeric,
       abs(-1.5::float8) AS float8, abs(-3::int2) AS int2;
SELECT abs(-2147483648);
SELECT abs(NULL::int) IS NULL AS null_in_null_out;
-- round: numeric rounds half away from zero, float8 rounds half to even
SELECT round(2.5) AS r1, round(-2.5) AS r2, round(3.14159, 2) AS r3, round(1234.5678, -2) AS r4;
SELECT round(2.5::float8) AS f1, round(3.5::float8) AS f2, round(-0.5::float8) AS f3;
SELECT round(0.125, 2) AS half_up, round(5, 1) AS int_arg, round(12.345, 0) AS zero_places;
SELECT pg_typeof(round(1.5)) AS numeric_type, pg_typeof(round(1.5::float8)) AS float_type,
       pg_typeof(round(1)) AS int_arg_type;
SELECT round(1.5::float8, 1);
-- mod follows the sign of the dividend, like %
SELECT mod(10, 3) AS a, mod(-10, 3) AS b, mod(10, -3) AS c, mod(10.5, 3) AS d, mod(7::int8, 2::int8) AS e;
SELECT pg_typeof(mod(5::int2, 2::int2)) AS int2_mod, pg_typeof(mod(5, 2.0)) AS numeric_mod;
SELECT mod(1, 0);
SELECT mod(1.5, 0);
-- functions and operators compose
SELECT abs(round(-2.567, 1)) AS composed, mod(abs(-17), 5) + round(0.4) AS arithmetic;
-- session information
SELECT current_database() AS db;
SELECT current_user AS usr, current_user = session_user AS same_user;
SELECT current_user IS NOT NULL AS has_user, length(current_user) > 0 AS named;
SELECT version() LIKE 'PostgreSQL 15%' AS is_pg15_compatible;
SELECT pg_typeof(version()) AS version_type;
-- now() differs from run to run, so only its existence and type are shown;
-- it is the transaction's start time, the same for every call in a statement
SELECT now() IS NOT NULL AS has_now, pg_typeof(now()) AS now_type;
SELECT now() = now() AS same_in_statement;
-- function names are case-insensitive; quoted names are not
SELECT ABS(-1) AS upper_name, Round(1.4) AS mixed_name;
SELECT "ABS"(-1);
-- wrong argument counts
SELECT abs();
SELECT mod(1);
SELECT current_database(1);
