--
-- Sequences: CREATE/DROP SEQUENCE, nextval/currval/setval/lastval, serial columns
--
CREATE SEQUENCE seq_a;
SELECT currval('seq_a');
SELECT nextval('seq_a'), nextval('seq_a'), currval('seq_a');
SELECT lastval();
SELECT setval('seq_a', 10);
SELECT nextval('seq_a');
SELECT setval('seq_a', 20, false);
SELECT nextval('seq_a');
SELECT setval('seq_a', 0);
CREATE SEQUENCE seq_a;
CREATE SEQUENCE IF NOT EXISTS seq_a;
CREATE SEQUENCE seq_down INCREMENT BY -5 MINVALUE -12 MAXVALUE 3 START WITH 3;
SELECT nextval('seq_down'), nextval('seq_down'), nextval('seq_down');
SELECT nextval('seq_down');
CREATE SEQUENCE seq_cycle INCREMENT 2 MINVALUE 1 MAXVALUE 5 CYCLE;
SELECT nextval('seq_cycle'), nextval('seq_cycle'), nextval('seq_cycle'), nextval('seq_cycle');
CREATE SEQUENCE seq_small AS smallint START 32766;
SELECT nextval('seq_small'), nextval('seq_small');
SELECT nextval('seq_small');
CREATE SEQUENCE seq_bad INCREMENT 0;
CREATE SEQUENCE seq_bad MINVALUE 10 MAXVALUE 5;
CREATE SEQUENCE seq_bad START 100 MAXVALUE 50;
-- (a sequence named by a computed text: pgmini reports no position for a literal name yet)
SELECT nextval('nosuch' || '_seq');
-- nextval is not rolled back
BEGIN;
SELECT nextval('seq_a');
ROLLBACK;
SELECT nextval('seq_a');
-- serial columns
CREATE TABLE seq_t (id serial, big bigserial, v text);
INSERT INTO seq_t (v) VALUES ('a'), ('b') RETURNING *;
INSERT INTO seq_t (id, v) VALUES (100, 'c') RETURNING id, big;
INSERT INTO seq_t (v) VALUES ('d') RETURNING id, big;
INSERT INTO seq_t (id) VALUES (NULL);
SELECT currval('seq_t_id_seq'), currval('seq_t_big_seq');
SELECT * FROM seq_t ORDER BY id;
DROP TABLE seq_t;
SELECT nextval('seq_t_id' || '_seq');
DROP SEQUENCE seq_a, seq_down;
DROP SEQUENCE seq_a;
DROP SEQUENCE IF EXISTS seq_a;
DROP SEQUENCE seq_cycle, seq_small;
SELECT 'done' AS sequences;
