--
-- Merge Join (issue 8): chosen by PostgreSQL's costs against Hash Join and Nested Loop
-- (enable_mergejoin, enable_hashjoin, enable_nestloop), inputs sorted on the join keys, the
-- inner sort marked and restored for duplicate keys; INNER, LEFT, RIGHT and FULL joins, NULL
-- keys, joins on types that only sort (FULL JOIN on interval).
--
SET jit = off;
CREATE TABLE mja (id int4, v text) WITH (autovacuum_enabled = off);
CREATE TABLE mjb (id int4, w int8) WITH (autovacuum_enabled = off);
INSERT INTO mja SELECT g, 'v' || g FROM generate_series(1, 100) g;
INSERT INTO mja VALUES (NULL, 'vnull'), (7, 'v7bis');
INSERT INTO mjb SELECT g % 50, g FROM generate_series(1, 300) g;
INSERT INTO mjb VALUES (NULL, -1), (NULL, -2), (500, 500);
-- without statistics, two unfiltered tables merge; a selective filter makes hashing cheaper
EXPLAIN SELECT * FROM mja JOIN mjb ON mja.id = mjb.id;
EXPLAIN SELECT * FROM mja JOIN mjb ON mja.id = mjb.id WHERE mjb.w = 10;
EXPLAIN (COSTS OFF) SELECT * FROM mja JOIN mjb ON mja.id = mjb.id WHERE mjb.w > 10 AND mja.v < 'v5';
SELECT count(*), sum(w), sum(mja.id) FROM mja JOIN mjb ON mja.id = mjb.id;
SELECT mja.id, v, w FROM mja JOIN mjb ON mja.id = mjb.id WHERE mja.id IN (7, 49) ORDER BY w, v;
-- outer joins keep their unmatched rows, NULL keys never match
EXPLAIN (COSTS OFF) SELECT * FROM mja LEFT JOIN mjb ON mja.id = mjb.id;
SELECT count(*), count(mjb.id), count(w) FROM mja LEFT JOIN mjb ON mja.id = mjb.id;
SELECT mja.id, v, w FROM mja LEFT JOIN mjb ON mja.id = mjb.id WHERE mja.id > 95 OR mja.id IS NULL ORDER BY 1, 3;
EXPLAIN (COSTS OFF) SELECT * FROM mja RIGHT JOIN mjb ON mja.id = mjb.id;
SELECT count(*), count(mja.id), count(w) FROM mja RIGHT JOIN mjb ON mja.id = mjb.id;
SELECT mja.id, mjb.id, w FROM mja RIGHT JOIN mjb ON mja.id = mjb.id WHERE mja.id IS NULL ORDER BY w;
EXPLAIN (COSTS OFF) SELECT * FROM mja FULL JOIN mjb ON mja.id = mjb.id;
SELECT count(*), count(mja.id), count(mjb.id) FROM mja FULL JOIN mjb ON mja.id = mjb.id;
SELECT mja.id, v, mjb.id, w FROM mja FULL JOIN mjb ON mja.id = mjb.id WHERE mja.id IS NULL OR mjb.id IS NULL ORDER BY 1, 3, 4, 2;
-- extra join conditions are a Join Filter (INNER and LEFT)
EXPLAIN (COSTS OFF) SELECT * FROM mja LEFT JOIN mjb ON mja.id = mjb.id AND mjb.w > 200;
SELECT mja.id, w FROM mja LEFT JOIN mjb ON mja.id = mjb.id AND mjb.w > 200 WHERE mja.id BETWEEN 48 AND 52 ORDER BY 1, 2;
-- several keys
EXPLAIN (COSTS OFF) SELECT * FROM mjb x JOIN mjb y ON x.id = y.id AND x.w = y.w;
SELECT count(*) FROM mjb x JOIN mjb y ON x.id = y.id AND x.w = y.w;
-- the methods PostgreSQL's settings leave
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT * FROM mja JOIN mjb ON mja.id = mjb.id;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT * FROM mja JOIN mjb ON mja.id = mjb.id;
EXPLAIN SELECT * FROM mja FULL JOIN mjb ON mja.id = mjb.id;
RESET enable_mergejoin;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT * FROM mja JOIN mjb ON mja.id = mjb.id WHERE mjb.w = 10;
SELECT mja.id, v, w FROM mja JOIN mjb ON mja.id = mjb.id WHERE mjb.w < 3 ORDER BY 1;
RESET enable_nestloop;
RESET enable_hashjoin;
-- many duplicates on both sides: the inner group is read again for each outer row
CREATE TABLE mjd (k int4, n int4) WITH (autovacuum_enabled = off);
INSERT INTO mjd SELECT g % 3, g FROM generate_series(1, 3000) g;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM mjd x JOIN mjd y ON x.k = y.k;
SELECT count(*), sum(x.n::int8 * y.n) FROM mjd x JOIN mjd y ON x.k = y.k;
-- the inner sort spills to disk at a small work_mem (under a Materialize, as PostgreSQL plans it)
SET work_mem = '64kB';
EXPLAIN (COSTS OFF) SELECT count(*) FROM mjd x JOIN mjd y ON x.k = y.k;
SELECT count(*), sum(x.n::int8 * y.n) FROM mjd x JOIN mjd y ON x.k = y.k;
RESET work_mem;
RESET enable_hashjoin;
-- a type that sorts but does not hash: FULL JOIN needs a merge join
CREATE TABLE mji (d interval, tag text) WITH (autovacuum_enabled = off);
CREATE TABLE mjj (d interval, note text) WITH (autovacuum_enabled = off);
INSERT INTO mji VALUES ('1 day', 'a'), ('24 hours', 'b'), ('2 days', 'c'), (NULL, 'd'), ('1 mon', 'e');
INSERT INTO mjj VALUES ('1 day', 'x'), ('30 days', 'y'), ('3 days', 'z'), (NULL, 'w');
EXPLAIN (COSTS OFF) SELECT * FROM mji FULL JOIN mjj ON mji.d = mjj.d;
SELECT mji.d, tag, mjj.d, note FROM mji FULL JOIN mjj ON mji.d = mjj.d ORDER BY tag, note;
-- text keys in C order, numerics equal in value, integers of different widths
CREATE TABLE mjt (t text, n numeric, i int2) WITH (autovacuum_enabled = off);
CREATE TABLE mju (t varchar(10), n numeric, i int8) WITH (autovacuum_enabled = off);
INSERT INTO mjt VALUES ('a', 1.0, 1), ('B', 2.50, 2), ('é', 3, 3), ('a', 1, 4);
INSERT INTO mju VALUES ('a', 1.00, 1), ('b', 2.5, 2), ('é', 3.000, 3), ('A', 9, 9);
SET enable_hashjoin = off;
SELECT mjt.t, mju.t FROM mjt FULL JOIN mju ON mjt.t = mju.t ORDER BY 1, 2;
SELECT mjt.n, mju.n FROM mjt JOIN mju ON mjt.n = mju.n ORDER BY 1, 2;
SELECT mjt.i, mju.i FROM mjt JOIN mju ON mjt.i = mju.i ORDER BY 1;
RESET enable_hashjoin;
DROP TABLE mja, mjb, mjd, mji, mjj, mjt, mju;
