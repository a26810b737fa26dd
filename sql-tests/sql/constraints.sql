--
-- NOT NULL, CHECK, PRIMARY KEY and UNIQUE with PostgreSQL's messages and details
--
CREATE TABLE con_t (id int PRIMARY KEY, n int NOT NULL, c int CHECK (c > 0), s text UNIQUE);
INSERT INTO con_t VALUES (1, 1, 1, 'a');
INSERT INTO con_t VALUES (2, NULL, 1, 'b');
INSERT INTO con_t (id, c) VALUES (2, 5);
INSERT INTO con_t VALUES (2, 2, 0, 'b');
INSERT INTO con_t VALUES (2, 2, NULL, 'b');
INSERT INTO con_t VALUES (1, 3, 3, 'c');
INSERT INTO con_t VALUES (3, 3, 3, 'a');
INSERT INTO con_t VALUES (NULL, 3, 3, 'c');
INSERT INTO con_t VALUES (3, 3, 3, NULL), (4, 4, 4, NULL);
INSERT INTO con_t VALUES (5, 5, 5, 'e'), (5, 6, 6, 'f');
UPDATE con_t SET c = -1 WHERE id = 1;
UPDATE con_t SET n = NULL WHERE id = 1;
UPDATE con_t SET id = 2 WHERE id = 1;
UPDATE con_t SET s = 'b' WHERE id = 3;
UPDATE con_t SET id = 10 WHERE id = 1;
SELECT * FROM con_t ORDER BY id;
DELETE FROM con_t WHERE id = 10;
INSERT INTO con_t VALUES (1, 1, 1, 'a') RETURNING id;
-- table constraints and their names
CREATE TABLE con_u (a int, b int, CHECK (a > b), CHECK (a > 0), CONSTRAINT small_b CHECK (b < 10), UNIQUE (a, b));
INSERT INTO con_u VALUES (1, 2);
INSERT INTO con_u VALUES (-1, -2);
INSERT INTO con_u VALUES (11, 10);
INSERT INTO con_u VALUES (5, 1), (6, 1);
INSERT INTO con_u VALUES (5, 1);
INSERT INTO con_u VALUES (5, NULL), (5, NULL);
SELECT * FROM con_u ORDER BY a, b;
CREATE TABLE con_bad (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE con_bad (a int, PRIMARY KEY (nosuch));
CREATE TABLE con_bad (a int CHECK (nosuch > 0));
CREATE TABLE con_bad (a int CHECK (a + 1));
CREATE TABLE con_bad (a int DEFAULT 'x');
CREATE TABLE con_bad (a int DEFAULT true);
-- a failed statement leaves nothing behind
INSERT INTO con_u VALUES (8, 1), (9, 20);
SELECT count(*) FROM con_u;
DROP TABLE con_t, con_u;
SELECT 'done' AS constraints;
