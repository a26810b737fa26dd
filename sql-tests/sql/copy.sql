-- COPY FROM STDIN / TO STDOUT in text and CSV formats
CREATE TABLE cp (id serial, name text, price numeric(6,2) DEFAULT 9.99, born date, tags text[], ok boolean NOT NULL DEFAULT true);
COPY cp (name, price, born, tags) FROM STDIN;
apple	1.5	2020-01-02	{red,green}
pear	\N	1999-12-31	\N
tab\there	2	\N	{}
back\\slash	3.25	2021-06-30	{"a b",c}
\.
SELECT * FROM cp ORDER BY id;
COPY cp TO STDOUT;
COPY cp (id, name) TO STDOUT WITH (HEADER);
COPY cp TO STDOUT WITH (FORMAT csv, HEADER true);
COPY cp (name, price) TO STDOUT (FORMAT csv, FORCE_QUOTE *);
COPY cp (name, born) TO STDOUT (FORMAT csv, FORCE_QUOTE (born), NULL 'none');
COPY cp (id, name, price) TO STDOUT (DELIMITER '|', NULL '<null>');
COPY cp (id, name) TO STDOUT WITH CSV HEADER DELIMITER ';' QUOTE '''';
COPY (SELECT id, upper(name) AS up, price * 2 AS twice FROM cp WHERE id > 1 ORDER BY id DESC) TO STDOUT WITH CSV HEADER;
COPY (SELECT 'x,y' AS a, '' AS b, NULL::text AS c, 'say "hi"' AS d) TO STDOUT (FORMAT csv);
COPY (SELECT 'x,y' AS a, 'say "hi"' AS d) TO STDOUT (FORMAT csv, ESCAPE '\');
COPY (SELECT E'line1\nline2' AS a, E'cr\r' AS b, E'b\\s' AS c) TO STDOUT;
TRUNCATE cp;
COPY cp (id, name, price, born) FROM STDIN WITH (FORMAT csv, HEADER);
id,name,price,born
10,"with, comma",1,2000-01-01
11,"with ""quotes""",,
12,"",2.5,2001-02-03
13,"multi
line",3,
\.
SELECT id, name, price, born, name IS NULL AS name_null FROM cp ORDER BY id;
COPY cp (id, name, price) FROM STDIN WITH CSV;
20,NULL,1
21,,2
\.
COPY cp (id, name, price) FROM STDIN (FORMAT csv, NULL 'NULL', FORCE_NOT_NULL (name));
22,NULL,1
23,,2
\.
COPY cp (id, name, price) FROM STDIN (FORMAT csv, FORCE_NULL (name));
24,"",1
25,x,2
\.
SELECT id, name, name IS NULL AS is_null FROM cp WHERE id >= 20 ORDER BY id;
COPY cp (id, name) FROM STDIN (DELIMITER ',', NULL 'nil');
30,nil
31,a\,b
\.
SELECT id, name FROM cp WHERE id >= 30 ORDER BY id;
COPY cp (id, name) FROM STDIN (FORMAT csv, HEADER match);
id,name
40,matched
\.
SELECT count(*) FROM cp;
-- errors: nothing of a failed COPY stays
COPY cp (id, name) FROM STDIN (FORMAT csv, HEADER match);
id,nom
41,x
\.
COPY cp (id, name, price) FROM STDIN;
50	a	1
51	b
\.
COPY cp (id, name, price) FROM STDIN;
52	a	1	extra
\.
COPY cp (id, name, price) FROM STDIN;
53	a	1
54	b	cheap
\.
COPY cp (id, name, price) FROM STDIN;
55	a	12345.678
\.
COPY cp (id, name, ok) FROM STDIN;
56	a	\N
\.
COPY cp (id, name) FROM STDIN (FORMAT csv);
57,"open quote
\.
COPY cp (id, born) FROM STDIN;
58	2020-13-45
\.
COPY cp (id, tags) FROM STDIN;
59	{unclosed
\.
SELECT count(*) FROM cp;
BEGIN;
COPY cp (id, name) FROM STDIN;
60	in block
\.
COPY cp (id, name) FROM STDIN;
61	x	y
\.
SELECT 1;
ROLLBACK;
SELECT count(*) FROM cp WHERE id >= 50;
-- constraints: PRIMARY KEY, CHECK, defaults from a sequence
CREATE TABLE cpk (id int PRIMARY KEY, v text CHECK (v <> 'bad'), n serial);
COPY cpk (id, v) FROM STDIN;
1	a
2	b
\.
COPY cpk (id, v) FROM STDIN;
3	c
1	dup
\.
COPY cpk (id, v) FROM STDIN;
4	bad
\.
SELECT * FROM cpk ORDER BY id;
-- psql's \copy runs COPY ... FROM STDIN / TO STDOUT
\copy cpk (id, v) from stdin with (format csv)
7,"from \copy"
8,
\.
\copy cpk to stdout with csv header
\copy (select id * 10 as x from cpk where id > 1 order by id) to stdout
DROP TABLE cpk;
-- option and statement errors
COPY cp TO STDOUT (FORMAT xml);
COPY cp TO STDOUT (FORMAT csv, FORMAT text);
COPY cp TO STDOUT (DELIMITER 'ab');
COPY cp TO STDOUT (QUOTE '"');
COPY cp FROM STDIN (FORMAT csv, FORCE_QUOTE (name));
COPY cp TO STDOUT (FORMAT csv, FORCE_NOT_NULL (name));
COPY cp TO STDOUT (FORMAT csv, DELIMITER ',', QUOTE ',');
COPY cp TO STDOUT (DELIMITER ',', NULL 'a,b');
COPY cp TO STDOUT (bogus true);
COPY cp (nosuch) TO STDOUT;
COPY cp (id, id) FROM STDIN;
COPY nosuch FROM STDIN;
COPY cp TO STDOUT (FORMAT csv, FORCE_QUOTE (price));
DROP TABLE cp;
