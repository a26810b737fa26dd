--
-- Booleans, three-valued logic, NULL handling, CASE, COALESCE, NULLIF
--
SELECT true AS t, false AS f, NULL::boolean AS unknown;
-- text input of booleans accepts several spellings
SELECT 't'::boolean AS a, 'yes'::boolean AS b, 'on'::boolean AS c, '1'::boolean AS d,
       'TRUE'::boolean AS e, '  false '::boolean AS f, 'n'::boolean AS g, 'off'::boolean AS h;
SELECT 'maybe'::boolean;
SELECT 'o'::boolean;
-- AND, OR, NOT with NULL
SELECT true AND NULL AS t_and_n, false AND NULL AS f_and_n, NULL AND NULL AS n_and_n;
SELECT true OR NULL AS t_or_n, false OR NULL AS f_or_n, NULL OR NULL AS n_or_n;
SELECT NOT true AS not_t, NOT false AS not_f, NOT NULL::boolean AS not_n;
SELECT true AND false OR true AS precedence1, true OR false AND false AS precedence2,
       NOT false AND false AS precedence3;
-- comparisons with NULL yield NULL
SELECT 1 = NULL AS eq_null, NULL = NULL AS null_eq_null, NULL <> 1 AS ne_null, 1 < NULL AS lt_null;
SELECT NULL::int + 1 AS null_plus, 'a' || NULL AS concat_null, -NULL::int AS neg_null;
-- IS [NOT] NULL, IS [NOT] TRUE/FALSE/UNKNOWN
SELECT NULL IS NULL AS a, 1 IS NULL AS b, NULL IS NOT NULL AS c, 1 IS NOT NULL AS d;
SELECT true IS TRUE AS a, NULL::boolean IS TRUE AS b, false IS NOT TRUE AS c, NULL::boolean IS NOT TRUE AS d;
SELECT false IS FALSE AS a, NULL::boolean IS FALSE AS b, true IS NOT FALSE AS c, NULL::boolean IS NOT FALSE AS d;
SELECT NULL::boolean IS UNKNOWN AS a, true IS UNKNOWN AS b, NULL::boolean IS NOT UNKNOWN AS c, false IS NOT UNKNOWN AS d;
-- IS [NOT] DISTINCT FROM treats NULL as a value
SELECT 1 IS DISTINCT FROM NULL AS a, NULL IS DISTINCT FROM NULL AS b,
       1 IS NOT DISTINCT FROM 1 AS c, NULL IS NOT DISTINCT FROM NULL AS d;
-- boolean comparisons and ordering: false < true
SELECT false < true AS lt, true = true AS eq, true <> NULL AS ne_null;
-- CASE, searched and simple
SELECT CASE WHEN 1 > 2 THEN 'first' WHEN 2 > 1 THEN 'second' ELSE 'third' END AS searched;
SELECT CASE WHEN false THEN 1 END AS no_else_gives_null;
SELECT CASE WHEN NULL THEN 'null is not true' ELSE 'else branch' END AS null_condition;
SELECT CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' ELSE 'other' END AS simple_case;
SELECT CASE NULL::int WHEN NULL THEN 'matched' ELSE 'null never matches' END AS simple_null;
SELECT CASE WHEN true THEN 1 ELSE 2.5 END AS unified_numeric, CASE WHEN false THEN 'a' ELSE 'bc' END AS unified_text;
SELECT CASE WHEN true THEN 1 ELSE 'x' END;
-- a CASE branch that is not taken is not evaluated
SELECT CASE WHEN 1 = 1 THEN 10 ELSE 1 / 0 END AS lazy_case;
-- COALESCE returns the first non-NULL argument
SELECT COALESCE(NULL, 2, 3) AS a, COALESCE(NULL::text, NULL, 'z') AS b, COALESCE(NULL::int, NULL) AS c;
SELECT COALESCE(1, 1 / 0) AS lazy_coalesce;
SELECT COALESCE(1, 'x');
SELECT COALESCE(NULL, 1.5, 2) AS mixed_numeric;
-- NULLIF returns NULL when both arguments are equal
SELECT NULLIF(1, 1) AS a, NULLIF(1, 2) AS b, NULLIF('x', 'y') AS c, NULLIF(NULL::int, 1) AS d;
SELECT 10 / NULLIF(0, 0) AS avoid_division_by_zero;
-- NULL in output is an empty cell; \pset null changes that
\pset null '(null)'
SELECT NULL AS shown_null, NULLIF(5, 5) AS nullif_null, '' AS empty_string;
\pset null ''
-- boolean casts
SELECT 1::boolean AS from_int1, 0::boolean AS from_int0, true::int AS to_int, true::text AS to_text;
SELECT 2::int8::boolean;
