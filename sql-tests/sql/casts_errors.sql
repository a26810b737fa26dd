--
-- Casts with :: and CAST, and the errors users see: input syntax, undefined
-- functions and operators, syntax errors with their position
--
SELECT '123'::int4 AS colon_cast, CAST('123' AS int4) AS cast_syntax, int4 '123' AS type_prefix;
SELECT CAST(1.75 AS int8) AS numeric_to_int8, CAST(7 AS numeric(5,2)) AS int_to_numeric,
       CAST('t' AS boolean) AS text_to_bool, CAST(42 AS text) AS int_to_text;
SELECT '1'::int2::int4::int8::numeric::float8::text AS chain;
SELECT 10::float8 AS int_to_float, 3::numeric / 2 AS numeric_division, 3 / 2 AS integer_division;
SELECT CAST(NULL AS int4) AS null_cast, NULL::text IS NULL AS null_text;
SELECT integer '7' + bigint '8' AS prefixed, double precision '2.5' AS dp, character varying '5' AS cv;
-- type names and their aliases
SELECT 1::smallint AS smallint, 1::integer AS integer, 1::bigint AS bigint, 1::real AS real,
       1::double precision AS double, 1::decimal AS decimal, 1::int AS int;
-- invalid input syntax: 22P02
SELECT 'twelve'::int4;
SELECT CAST('1e' AS numeric);
SELECT 'yes please'::boolean;
SELECT '  '::float8;
SELECT '0x1F'::int4;
SELECT 1 + '2x';
-- text values known only at run time are checked at run time too
SELECT ('4' || '2')::int4 AS runtime_ok;
SELECT ('4' || 'x')::int4;
-- there is no cast between some types
SELECT true::float8;
SELECT 1.5::boolean;
-- undefined functions and operators: 42883
SELECT no_such_function(1);
SELECT abs('a'::text);
SELECT round(1, 2, 3);
SELECT 'a'::text + 1;
SELECT true * false;
SELECT - 'abc'::text;
-- an undefined column or name: 42703
SELECT nonexistent_column;
-- syntax errors: 42601, with the position of the offending token
SELECT 1 +;
SELECT * FROM;
SELEC 1;
SELECT 1 2;
SELECT (1 + 2));
-- a reserved word is a valid column alias after AS
SELECT 1 AS select;
SELECT 1,
       2,
       3 4;
SELECT CAST(1 AS);
SELECT 1::;
-- the SQLSTATEs
\set VERBOSITY sqlstate
SELECT 'twelve'::int4;
SELECT no_such_function(1);
SELECT 'a'::text + 1;
SELECT nonexistent_column;
SELECT 1 +;
\set VERBOSITY default
-- after all these errors the session still works
SELECT 'ok' AS still_alive;
