--
-- SELECT over tables: columns, WHERE, aliases, qualified names, schemas and search_path,
-- name resolution errors, generate_series, subqueries in FROM, catalog tables
--
CREATE TABLE sel_people (id int4, name text, dept int4, salary numeric(8,2));
INSERT INTO sel_people VALUES (1, 'ann', 10, 5200.50), (2, 'bob', 20, 4100), (3, 'cid', 10, 6100.25),
    (4, 'dan', NULL, 3900), (5, 'eve', 30, NULL);
SELECT * FROM sel_people ORDER BY id;
SELECT name, salary FROM sel_people WHERE dept = 10 ORDER BY name;
SELECT id, name FROM sel_people WHERE salary > 4000 AND dept IS NOT NULL ORDER BY id;
SELECT id FROM sel_people WHERE dept IS NULL OR salary IS NULL ORDER BY id;
SELECT p.id AS ident, p.name FROM sel_people p WHERE p.id < 3 ORDER BY 1;
SELECT x.a, x.b FROM sel_people AS x(a, b) WHERE x.a = 2;
SELECT public.sel_people.name FROM public.sel_people WHERE id = 3;
SELECT sel_people.* FROM sel_people WHERE id = 1;
SELECT id * 2 AS double_id, upper(name), salary / 2 AS half FROM sel_people WHERE id IN (1, 2) ORDER BY 1;
SELECT count(*) FROM sel_people WHERE name LIKE '%a%';
SELECT name FROM sel_people WHERE id BETWEEN 2 AND 4 ORDER BY name DESC;
SELECT 1 AS one FROM sel_people WHERE false;
-- errors: undefined relation and column, ambiguity, bad qualification
SELECT * FROM sel_nosuch;
SELECT nme FROM sel_people;
SELECT sel_people.nosuch FROM sel_people;
SELECT q.id FROM sel_people;
SELECT sel_people.id FROM sel_people p;
SELECT * FROM nosuchschema.sel_people;
SELECT id FROM sel_people a, sel_people b;
-- schemas and search_path
CREATE SCHEMA sel_other;
CREATE TABLE sel_other.sel_people (z text);
INSERT INTO sel_other.sel_people VALUES ('other');
SELECT * FROM sel_people ORDER BY 1 LIMIT 1;
SET search_path = sel_other, public;
SELECT * FROM sel_people;
SELECT name FROM public.sel_people WHERE id = 1;
RESET search_path;
SELECT z FROM sel_other.sel_people;
DROP TABLE sel_other.sel_people;
DROP SCHEMA sel_other;
-- generate_series as a table and in the select list
SELECT * FROM generate_series(1, 5) ORDER BY 1;
SELECT g FROM generate_series(10, 1, -3) AS g;
SELECT s.n * 2 AS twice FROM generate_series(1, 3) AS s(n);
SELECT * FROM generate_series(1::int8, 3::int8) AS big;
SELECT * FROM generate_series(0.5, 2.0, 0.5) AS num;
SELECT generate_series(1, 3) AS gs;
SELECT generate_series(1, 2) AS a, generate_series(1, 3) AS b;
SELECT id, generate_series(1, 2) AS k FROM sel_people WHERE id <= 2 ORDER BY id, k;
SELECT sum(g) FROM generate_series(1, 100) g;
SELECT * FROM generate_series(1, 3, 0);
-- subqueries in FROM
SELECT s.d, s.n FROM (SELECT dept AS d, count(*) AS n FROM sel_people GROUP BY dept) AS s WHERE s.d IS NOT NULL ORDER BY s.d;
SELECT t.name FROM (SELECT * FROM sel_people WHERE salary > 5000) t ORDER BY t.name;
-- VALUES in FROM
SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, NULL)) AS v(n, word) ORDER BY n DESC;
SELECT p.name, v.label FROM sel_people p JOIN (VALUES (1, 'first'), (2, 'second')) AS v(id, label) ON p.id = v.id ORDER BY 1;
SELECT * FROM (VALUES (1.5), (2)) AS w;
-- the catalog is made of tables
SELECT nspname FROM pg_namespace WHERE nspname IN ('public', 'pg_catalog') ORDER BY nspname;
SELECT relname, relnatts FROM pg_class WHERE relname = 'sel_people';
SELECT attname, attnum FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid
    WHERE c.relname = 'sel_people' AND a.attnum > 0 ORDER BY attnum;
DROP TABLE sel_people;
