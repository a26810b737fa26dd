-- COPY options and forms beyond the basics: WHERE, FREEZE, ENCODING, BINARY option errors,
-- server-side files and programs (paths relative to the data directory, so runs do not collide)
CREATE TABLE co (id int, name text DEFAULT 'dflt', qty int DEFAULT 7);
-- COPY FROM ... WHERE sees the whole row, defaults included; rejected rows are not counted
COPY co FROM STDIN WHERE id > 1;
1	one	1
2	two	2
3	three	\N
\.
COPY co (id) FROM STDIN WHERE name = 'dflt' AND id % 2 = 0;
10
11
12
\.
COPY co (id, name) FROM STDIN (FORMAT csv) WHERE qty IS NOT NULL AND name <> 'skip';
20,keep
21,skip
22,
\.
SELECT * FROM co ORDER BY id;
COPY co FROM STDIN WHERE id > (SELECT 1);
COPY co FROM STDIN WHERE count(*) > 1;
COPY co FROM STDIN WHERE generate_series(1, 2) > 1;
COPY co FROM STDIN WHERE id + 1;
COPY co TO STDOUT WHERE id > 1;
-- a row WHERE rejects is not checked against NOT NULL
CREATE TABLE cn (id int NOT NULL, v text);
COPY cn FROM STDIN WHERE id IS NOT NULL;
\N	dropped
1	kept
\.
SELECT * FROM cn;
DROP TABLE cn;
-- FREEZE: only for a table created or truncated in the current subtransaction
COPY co FROM STDIN (FREEZE);
99	x	1
\.
COPY co FROM STDIN (FREEZE false);
30	unfrozen	1
\.
BEGIN;
CREATE TABLE cf (a int);
COPY cf FROM STDIN (FREEZE);
1
\.
SELECT * FROM cf;
ROLLBACK;
BEGIN;
TRUNCATE co;
COPY co FROM STDIN (FREEZE true);
40	after truncate	4
\.
SELECT * FROM co;
COMMIT;
-- ENCODING
COPY co TO STDOUT (ENCODING 'LATIN1');
COPY co TO STDOUT (ENCODING 'win-1252', FORMAT csv, HEADER);
COPY co FROM STDIN (ENCODING 'latin9');
41	ascii in latin9	1
\.
COPY co (id, name) FROM STDIN (ENCODING 'UTF-8');
42	utf8 ü
\.
INSERT INTO co VALUES (43, 'euro €', 1);
COPY co TO STDOUT (ENCODING 'LATIN1');
COPY co TO STDOUT (ENCODING 'nosuch');
COPY co TO STDOUT (ENCODING 'UTF8', ENCODING 'UTF8');
SELECT * FROM co ORDER BY id;
-- BINARY takes none of the text options
COPY co TO STDOUT (FORMAT binary, DELIMITER ',');
COPY co TO STDOUT (FORMAT binary, NULL 'x');
COPY co TO STDOUT (FORMAT binary, HEADER);
COPY co TO STDOUT (FORMAT binary, QUOTE '"');
COPY co FROM STDIN (FORMAT binary, FORCE_NOT_NULL (name));
-- server-side files and programs (the superuser); relative paths are the data directory's
COPY co TO PROGRAM 'cat > copy_options_out.txt';
COPY co (id, name) TO PROGRAM 'cat > copy_options_out.csv' (FORMAT csv, FORCE_QUOTE *);
CREATE TABLE co2 (id int, name text, qty int);
COPY co2 FROM 'copy_options_out.txt';
COPY co2 (id, name) FROM PROGRAM 'cat copy_options_out.csv; rm copy_options_out.csv' (FORMAT csv);
COPY co2 FROM PROGRAM 'cat copy_options_out.txt; rm copy_options_out.txt' WHERE id > 41;
SELECT * FROM co2 ORDER BY id, qty;
COPY co2 FROM PROGRAM 'exit 3';
COPY co2 TO PROGRAM 'cat > /dev/null; exit 4';
SELECT count(*) FROM co2;
COPY co2 TO 'relative.txt';
COPY co2 FROM 'copy_options_missing.txt';
COPY co2 FROM '/nonexistent/dir/x.txt';
COPY co2 TO '/nonexistent/dir/x.txt';
COPY co2 FROM 'base';
DROP TABLE co2;
DROP TABLE co;
