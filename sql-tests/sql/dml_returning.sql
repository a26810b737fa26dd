--
-- INSERT / UPDATE / DELETE with defaults, RETURNING and assignment casts
--
CREATE TABLE dml_t (id int, name text, qty int DEFAULT 10, price numeric(8,2), note varchar(5));
INSERT INTO dml_t VALUES (1, 'apple', 3, 1.5, 'red');
INSERT INTO dml_t (id, name) VALUES (2, 'pear'), (3, 'plum');
INSERT INTO dml_t (name, id) VALUES ('fig', 4) RETURNING *;
INSERT INTO dml_t VALUES (5, 'kiwi', DEFAULT, 2.345, NULL) RETURNING id, qty, price;
INSERT INTO dml_t DEFAULT VALUES RETURNING qty;
INSERT INTO dml_t (id, price) VALUES (6, 7) RETURNING price, price * 2 AS double_price;
SELECT * FROM dml_t ORDER BY id;
-- assignment: casts, lengths, mismatches
INSERT INTO dml_t (id, qty) VALUES (7, 12.6) RETURNING qty;
INSERT INTO dml_t (id, name) VALUES (8, 42) RETURNING name;
INSERT INTO dml_t (id, note) VALUES (9, 'too long');
INSERT INTO dml_t (id, note) VALUES (9, 'ok   ') RETURNING note, length(note);
INSERT INTO dml_t (id, qty) VALUES (10, 'many');
INSERT INTO dml_t (id, qty) VALUES (10, 'x'::text);
INSERT INTO dml_t (id, qty) VALUES (10, true);
INSERT INTO dml_t (id, price) VALUES (10, 1234567.891);
INSERT INTO dml_t (id, nosuch) VALUES (10, 1);
INSERT INTO dml_t (id, id) VALUES (10, 1);
INSERT INTO dml_t (id) VALUES (10, 11);
INSERT INTO dml_t (id, name) VALUES (10);
INSERT INTO dml_t VALUES (10, 'a'), (11);
INSERT INTO nosuch VALUES (1);
-- UPDATE
UPDATE dml_t SET qty = qty + 1 WHERE id <= 3;
UPDATE dml_t SET qty = DEFAULT, note = 'upd' WHERE name = 'fig' RETURNING id, qty, note;
UPDATE dml_t SET price = price * 2 WHERE price IS NOT NULL RETURNING id, price;
UPDATE dml_t SET name = upper(name) WHERE false;
UPDATE dml_t AS d SET name = d.name || '!' WHERE d.id = 1 RETURNING d.name;
UPDATE dml_t SET nosuch = 1;
UPDATE dml_t SET qty = 1, qty = 2;
UPDATE dml_t SET qty = 'lots';
UPDATE dml_t SET note = 'much too long' WHERE id = 1;
UPDATE dml_t SET qty = 0 WHERE qty;
SELECT * FROM dml_t ORDER BY id;
-- DELETE
DELETE FROM dml_t WHERE id IS NULL RETURNING qty;
DELETE FROM dml_t WHERE id > 5 RETURNING id, name;
DELETE FROM dml_t d WHERE d.name = 'pear';
DELETE FROM dml_t WHERE nosuch = 1;
SELECT id, name FROM dml_t ORDER BY id;
DELETE FROM dml_t;
SELECT count(*) FROM dml_t;
DROP TABLE dml_t;
SELECT 'done' AS dml_returning;
