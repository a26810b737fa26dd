--
-- DDL on tables: CREATE/ALTER/DROP/TRUNCATE TABLE, schemas, IF [NOT] EXISTS, transactional DDL
--
CREATE TABLE ddl_t (a int, b text, c varchar(10));
CREATE TABLE ddl_t (a int);
CREATE TABLE IF NOT EXISTS ddl_t (a int);
CREATE TABLE ddl_dup (a int, a text);
CREATE TABLE ddl_badtype (a nosuchtype);
INSERT INTO ddl_t VALUES (1, 'one', 'uno'), (2, 'two', 'dos');
SELECT * FROM ddl_t ORDER BY a;
-- ALTER TABLE
ALTER TABLE ddl_t ADD COLUMN d int;
ALTER TABLE ddl_t ADD COLUMN d int;
ALTER TABLE ddl_t ADD COLUMN IF NOT EXISTS d int;
ALTER TABLE ddl_t ADD e boolean;
INSERT INTO ddl_t VALUES (3, 'three', 'tres', 33, true);
SELECT * FROM ddl_t ORDER BY a;
ALTER TABLE ddl_t RENAME COLUMN c TO spanish;
ALTER TABLE ddl_t RENAME nosuch TO other;
ALTER TABLE ddl_t RENAME COLUMN b TO a;
SELECT a, spanish FROM ddl_t ORDER BY a;
ALTER TABLE ddl_t DROP COLUMN d;
ALTER TABLE ddl_t DROP COLUMN d;
ALTER TABLE ddl_t DROP COLUMN IF EXISTS d;
SELECT * FROM ddl_t ORDER BY a;
ALTER TABLE ddl_t RENAME TO ddl_renamed;
SELECT * FROM ddl_t;
SELECT count(*) FROM ddl_renamed;
ALTER TABLE nosuch ADD COLUMN x int;
ALTER TABLE IF EXISTS nosuch ADD COLUMN x int;
-- TRUNCATE
TRUNCATE ddl_renamed;
SELECT count(*) FROM ddl_renamed;
INSERT INTO ddl_renamed VALUES (5, 'five', 'cinco', false);
TRUNCATE TABLE nosuch;
-- DDL is transactional
BEGIN;
CREATE TABLE ddl_tx (x int);
INSERT INTO ddl_tx VALUES (1);
DROP TABLE ddl_renamed;
ROLLBACK;
SELECT * FROM ddl_tx;
SELECT * FROM ddl_renamed;
BEGIN;
TRUNCATE ddl_renamed;
ROLLBACK;
SELECT * FROM ddl_renamed;
BEGIN;
ALTER TABLE ddl_renamed ADD COLUMN z int;
ALTER TABLE ddl_renamed RENAME TO ddl_gone;
ROLLBACK;
SELECT * FROM ddl_renamed;
-- schemas
CREATE SCHEMA ddl_s;
CREATE SCHEMA ddl_s;
CREATE SCHEMA IF NOT EXISTS ddl_s;
CREATE TABLE ddl_s.t (x int);
INSERT INTO ddl_s.t VALUES (7);
SELECT * FROM ddl_s.t;
CREATE TABLE nosuchschema.t (x int);
DROP TABLE ddl_s.t;
-- DROP TABLE
DROP TABLE nosuch;
DROP TABLE IF EXISTS nosuch, ddl_renamed;
DROP TABLE ddl_renamed;
SELECT 'done' AS ddl_tables;
