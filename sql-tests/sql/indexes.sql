--
-- B-tree indexes: CREATE/DROP INDEX and their names, the indexes of PRIMARY KEY and UNIQUE,
-- the catalog rows, index scans (plans with and without costs, results of equality, range and
-- backward scans), unique violations through indexes, DDL that reaches indexes
--
SET enable_bitmapscan = off;
SET enable_indexonlyscan = off;
CREATE TABLE ix (a int PRIMARY KEY, b text UNIQUE, c int, d int);
CREATE INDEX ON ix (c);
CREATE INDEX ON ix (c DESC, d);
CREATE INDEX ON ix (c);
CREATE UNIQUE INDEX ON ix (d, a);
CREATE INDEX IF NOT EXISTS ix_c_idx ON ix (d);
CREATE INDEX ix_c_idx ON ix (d);
CREATE INDEX ix_named ON ONLY ix USING btree (d ASC NULLS LAST);
-- the catalog
SELECT c.relname, c.relkind, c.relam, c.relpages, c.reltuples, c.relnatts, c.relhasindex
  FROM pg_class c WHERE c.relname LIKE 'ix%' ORDER BY c.relname;
-- (pg_index as clients read it, with its vector types: psql_catalog)
SELECT conname, contype, (SELECT relname FROM pg_class WHERE oid = conindid) AS index
  FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'ix') ORDER BY conname;
SELECT a.attname, a.attnum, a.atttypid FROM pg_attribute a
 WHERE a.attrelid = (SELECT oid FROM pg_class WHERE relname = 'ix_c_d_idx') ORDER BY a.attnum;
SELECT amname, amtype FROM pg_am WHERE amname IN ('heap', 'btree') ORDER BY amname;
-- rows arrive after the indexes: every one gets its entries
INSERT INTO ix SELECT g, 'b' || g, g % 10, g FROM generate_series(1, 500) g;
EXPLAIN (COSTS OFF) SELECT * FROM ix WHERE a = 42;
SELECT * FROM ix WHERE a = 42;
SELECT * FROM ix WHERE 42 = a;
SELECT * FROM ix WHERE a = 4242;
SELECT * FROM ix WHERE a = NULL;
EXPLAIN (COSTS OFF) SELECT a, c FROM ix WHERE a = 42 AND c > 1;
SELECT a, c FROM ix WHERE a = 42 AND c > 1;
SELECT a, c FROM ix WHERE a = 42 AND c > 2;
EXPLAIN (COSTS OFF) SELECT b FROM ix WHERE b = 'b7';
SELECT b FROM ix WHERE b = 'b7';
-- ranges (the index is forced: without statistics a range keeps a third of the rows)
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT a FROM ix WHERE a BETWEEN 10 AND 14;
SELECT a FROM ix WHERE a BETWEEN 10 AND 14;
EXPLAIN (COSTS OFF) SELECT a FROM ix WHERE a > 495;
SELECT a FROM ix WHERE a > 495;
SELECT a FROM ix WHERE a >= 495 AND a < 498;
SELECT a FROM ix WHERE 3 > a;
SELECT a FROM ix WHERE a <= 3 AND a >= 3;
SELECT a FROM ix WHERE a > 10 AND a < 5;
SELECT count(*) FROM ix WHERE a > 0;
RESET enable_seqscan;
-- ORDER BY an index's columns, with LIMIT
EXPLAIN (COSTS OFF) SELECT a FROM ix ORDER BY a LIMIT 3;
SELECT a FROM ix ORDER BY a LIMIT 3;
EXPLAIN (COSTS OFF) SELECT a FROM ix ORDER BY a DESC LIMIT 3;
SELECT a FROM ix ORDER BY a DESC LIMIT 3;
EXPLAIN (COSTS OFF) SELECT a FROM ix WHERE a < 100 ORDER BY a DESC LIMIT 2;
SELECT a FROM ix WHERE a < 100 ORDER BY a DESC LIMIT 2;
SELECT d FROM ix ORDER BY d DESC LIMIT 2 OFFSET 1;
-- unique violations through the indexes
INSERT INTO ix VALUES (42, 'new', 1, 1000);
INSERT INTO ix VALUES (1000, 'b42', 1, 1001);
INSERT INTO ix VALUES (1001, 'x', 1, 1001), (1002, 'y', 1, 1001);
UPDATE ix SET a = a + 1 WHERE a = 499;
UPDATE ix SET a = 1000 WHERE a = 500;
SELECT * FROM ix WHERE a = 1000;
SELECT * FROM ix WHERE a = 500;
DELETE FROM ix WHERE a = 1000;
INSERT INTO ix VALUES (500, 'b500', 0, 500);
SELECT * FROM ix WHERE a = 500;
-- costs of index scans (a small table: one leaf, so both servers' indexes have two pages)
CREATE TABLE ixs (k int PRIMARY KEY, v int, w text);
CREATE INDEX ixs_v ON ixs (v);
INSERT INTO ixs SELECT g, g % 7, 'w' || g FROM generate_series(1, 100) g;
EXPLAIN SELECT * FROM ixs WHERE k = 5;
EXPLAIN SELECT * FROM ixs WHERE k = 5 AND w <> 'x';
EXPLAIN SELECT * FROM ixs WHERE v = 3;
EXPLAIN SELECT * FROM ixs WHERE k > 5;
EXPLAIN SELECT * FROM ixs WHERE k > 5 AND k < 10;
EXPLAIN SELECT k FROM ixs ORDER BY k LIMIT 5;
SET enable_indexscan = off;
EXPLAIN SELECT * FROM ixs WHERE k = 5;
RESET enable_indexscan;
SELECT * FROM ixs WHERE v = 3 ORDER BY k;
-- building over existing rows, and its uniqueness check
CREATE TABLE ixb (a int, b text);
INSERT INTO ixb SELECT g % 50, 'x' || g FROM generate_series(1, 200) g;
CREATE INDEX ON ixb (a);
SELECT count(*) FROM ixb WHERE a = 3;
CREATE UNIQUE INDEX ON ixb (a);
ALTER TABLE ixb ADD PRIMARY KEY (a);
ALTER TABLE ixb ADD CONSTRAINT ixb_b UNIQUE (b);
INSERT INTO ixb VALUES (1, 'x1');
DROP INDEX ixb_b;
ALTER TABLE ixb DROP CONSTRAINT ixb_b;
ALTER TABLE ixb DROP CONSTRAINT ixb_b;
ALTER TABLE ixb DROP CONSTRAINT IF EXISTS ixb_b;
INSERT INTO ixb VALUES (1, 'x1');
INSERT INTO ixb VALUES (NULL, 'n1'), (NULL, 'n2');
CREATE UNIQUE INDEX ixb_u ON ixb (b);
ALTER TABLE ixb ADD PRIMARY KEY (a);
-- errors (the forms pgmini does not support, 0A000, are in the executor's IndexScanTest)
CREATE INDEX ON ixb (zz);
CREATE INDEX ON nope (a);
CREATE INDEX ON ixb USING foo (a);
CREATE VIEW ixv AS SELECT 1 AS x;
CREATE INDEX ON ixv (x);
DROP VIEW ixv;
DROP INDEX nope;
DROP INDEX IF EXISTS nope;
DROP INDEX ixb;
DROP INDEX ix_pkey;
DROP INDEX ix_b_key, ix_c_idx;
DROP TABLE ix_c_d_idx;
-- DDL that reaches indexes
DROP INDEX ix_c_idx1, ix_named;
SELECT relname FROM pg_class WHERE relname LIKE 'ix\_%' ORDER BY relname;
ALTER TABLE ix DROP COLUMN c;
SELECT relname FROM pg_class WHERE relname LIKE 'ix\_%' ORDER BY relname;
BEGIN;
TRUNCATE ix;
SELECT * FROM ix WHERE a = 42;
ROLLBACK;
SELECT a, b FROM ix WHERE a = 42;
TRUNCATE ix;
SELECT * FROM ix WHERE a = 42;
INSERT INTO ix VALUES (42, 'again', 7);
SELECT * FROM ix WHERE a = 42;
BEGIN;
CREATE INDEX ix_tmp ON ix (d);
ROLLBACK;
SELECT relname FROM pg_class WHERE relname = 'ix_tmp';
ALTER TABLE ix RENAME TO ix2;
SELECT * FROM ix2 WHERE a = 42;
DROP TABLE ix2, ixs, ixb;
SELECT count(*) FROM pg_class WHERE relname LIKE 'ix%';
