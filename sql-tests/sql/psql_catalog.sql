--
-- psql's verbose describe commands and the index display (psqlcat): \d+ with storage,
-- statistics target and Options (pg_class.reloptions as text[]), the Indexes: section of
-- PRIMARY KEY and UNIQUE constraints, \di, \d of an index, pg_get_indexdef, pg_indexes,
-- pg_get_constraintdef, view definitions (\d+ view, pg_get_viewdef), \dn+ (ACLs and
-- initdb's comments), \dT, \db, \l. Objects
-- live in schema psql_cat, made current through search_path: an unqualified CREATE TABLE goes
-- to the first existing schema of search_path. Sizes are not shown: PostgreSQL counts TOAST
-- tables and a one-page B-tree metapage that this server does not have.
--
CREATE SCHEMA psql_cat;
SET search_path = nosuch, psql_cat;
CREATE TABLE accounts (id integer PRIMARY KEY, owner varchar(30) NOT NULL DEFAULT 'nobody',
                       balance numeric(12,2) CHECK (balance >= 0), email text UNIQUE, opened date);
CREATE TABLE pairs (a int, b int, c text, PRIMARY KEY (b, a), UNIQUE (c, a)) WITH (parallel_workers = 2, fillfactor = 70);
CREATE TABLE plain (x int, y float8);
SELECT relname, relnamespace::regnamespace, reloptions FROM pg_class WHERE relname IN ('accounts', 'pairs', 'plain') ORDER BY 1;
\d accounts
\d+ accounts
\d pairs
\d+ pairs
\d+ plain
\dt+ plain
\di
\di pairs*
\d accounts_pkey
\d+ pairs_pkey
\d pairs_c_a_key
-- indexes of CREATE INDEX: plain, unique, descending, default names
CREATE INDEX ON pairs (c);
CREATE UNIQUE INDEX pairs_desc ON pairs (b DESC, c);
CREATE INDEX "Odd Name" ON accounts (opened, owner);
\d pairs
\d accounts
\d pairs_desc
\d+ "Odd Name"
SELECT pg_get_indexdef('pairs_desc'::regclass), pg_get_indexdef('"Odd Name"'::regclass, 0, true),
       pg_get_indexdef('pairs_desc'::regclass, 1, true);
SELECT pg_get_indexdef('accounts_pkey'::regclass), pg_get_indexdef('pairs_pkey'::regclass, 0, true),
       pg_get_indexdef('pairs_pkey'::regclass, 1, true), pg_get_indexdef('pairs_pkey'::regclass, 2, false),
       pg_get_indexdef(0);
SELECT tablename, indexname, tablespace, indexdef FROM pg_indexes WHERE schemaname = 'psql_cat' ORDER BY indexname;
SELECT conname, contype, conkey, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true)
  FROM pg_constraint WHERE connamespace = 'psql_cat'::regnamespace ORDER BY conname;
SELECT c.relname, i.indnatts, i.indkey, i.indkey[0] AS first, i.indoption, i.indisunique, i.indisprimary
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'psql_cat'::regnamespace) ORDER BY 1;
-- (PostgreSQL has more access methods and PL/pgSQL; this server has heap, btree and no PL)
SELECT a.amname, a.amtype FROM pg_am a WHERE a.amname IN ('heap', 'btree') ORDER BY 1;
\dn+ psql_cat
\dn+ public
\dT
\db
\l postgres
SELECT datname, pg_catalog.shobj_description(oid, 'pg_database') FROM pg_database ORDER BY 1;
SELECT has_database_privilege('postgres', 'CONNECT'), has_database_privilege('postgres', 'create, temp');
SELECT has_database_privilege('postgres', 'read');
SELECT pg_database_size('postgres') > 0 AS has_size, pg_database_size('nosuch');
SELECT lanname, lanpltrusted FROM pg_language WHERE lanname <> 'plpgsql' ORDER BY oid;
-- view definitions as ruleutils prints them (\d+ uses the pretty form, pg_views the plain one)
CREATE TABLE orders (id int, account int, qty int, price numeric(8,2), note text);
CREATE VIEW big_accounts AS SELECT id, owner FROM accounts WHERE id > 5 AND balance >= 100;
CREATE VIEW all_accounts AS SELECT * FROM accounts;
CREATE VIEW order_totals AS SELECT a.id AS account, o.qty, o.price * o.qty AS total
  FROM accounts a JOIN orders o ON a.id = o.account WHERE o.qty > 0 AND a.owner = 'x';
CREATE VIEW per_owner AS SELECT owner, count(*) AS n, sum(balance), avg(balance) AS mean, max(opened)
  FROM accounts GROUP BY owner HAVING count(*) > 1 ORDER BY owner DESC LIMIT 10;
CREATE VIEW owners AS SELECT DISTINCT owner FROM accounts;
CREATE VIEW computed AS SELECT 1 AS one, 'a' AS s, id + 1, upper(owner) AS up, coalesce(email, 'none') AS c FROM accounts;
CREATE VIEW outer_join AS SELECT a.id, o.qty FROM accounts a LEFT JOIN orders o ON a.id = o.account, orders o2
  WHERE o2.id = a.id;
CREATE VIEW filters AS SELECT id FROM accounts WHERE owner LIKE 'a%' OR id IN (1, 2, 3) OR email IS NULL
  OR balance BETWEEN 1 AND 2;
CREATE VIEW renamed (a, b) AS SELECT id, owner FROM accounts x ORDER BY 2 DESC NULLS LAST, 1 OFFSET 2;
\dv
\d+ big_accounts
\d+ order_totals
\d+ per_owner
\d+ filters
\d+ renamed
SELECT relname, pg_get_viewdef(oid) FROM pg_class WHERE relnamespace = 'psql_cat'::regnamespace AND relkind = 'v'
 ORDER BY relname;
SELECT pg_get_viewdef('computed'::regclass, true), pg_get_viewdef('outer_join', true), pg_get_viewdef('accounts'::regclass);
DROP INDEX pairs_c_idx, pairs_desc, "Odd Name";
DROP VIEW big_accounts, all_accounts, order_totals, per_owner, owners, computed, outer_join, filters, renamed;
DROP TABLE orders;
-- unqualified names follow search_path in every statement
INSERT INTO plain VALUES (1, 1.5);
UPDATE plain SET y = 2.5;
SELECT * FROM plain;
CREATE SEQUENCE counter;
SELECT nextval('counter'), currval('psql_cat.counter');
CREATE VIEW plain_view AS SELECT x FROM plain;
SELECT relname, relkind, relnamespace::regnamespace FROM pg_class WHERE relname IN ('counter', 'plain_view') ORDER BY 1;
SET search_path = nosuch;
CREATE TABLE lost (a int);
CREATE SEQUENCE lost_seq;
SELECT * FROM plain;
SET search_path = psql_cat;
-- PostgreSQL's non-reserved keywords as column names
CREATE TABLE words (at int, position int, year int, month int, day int, hour int, minute int, second int,
                    date date, time text, language text, system text, name text, type text, value int,
                    level int, key text, data text, comment text, owner text, version text, zone text);
INSERT INTO words (at, position, year, month, day, date, language, name, type, value)
  VALUES (1, 2, 2024, 5, 6, '2024-05-06', 'en', 'n', 't', 7);
SELECT at, position, year, month, day, date, language, name, type, value FROM words WHERE at = 1 ORDER BY year;
SELECT w.at + w.position AS sum, words.year FROM words w, words ORDER BY 1;
\d words
DROP TABLE words;
DROP VIEW plain_view;
DROP SEQUENCE counter;
DROP TABLE accounts, pairs, plain;
RESET search_path;
DROP SCHEMA psql_cat;
-- CASE in view definitions, defaults and CHECK constraints (jdbcmeta): searched and simple forms,
-- with and without ELSE, nested, inside operators and function calls, in WHERE
CREATE TABLE case_src (a int, b text, n numeric, v varchar(5));
CREATE VIEW case_searched AS SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END AS sign, b FROM case_src;
CREATE VIEW case_simple AS SELECT b, CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END FROM case_src;
CREATE VIEW case_where AS SELECT a FROM case_src WHERE CASE WHEN b = 'x' THEN a ELSE 0 END > 1;
CREATE VIEW case_mixed AS SELECT CASE WHEN a > 0 THEN n ELSE 1 END AS m, CASE v WHEN 'a' THEN 1 ELSE a END + 1 AS k,
  CASE WHEN a > 0 THEN CASE WHEN a > 5 THEN 'big' ELSE 'small' END END AS nest, b FROM case_src ORDER BY CASE WHEN a IS NULL THEN 0 ELSE a END;
CREATE VIEW case_in_call AS SELECT coalesce(CASE WHEN a IS NULL THEN b END, 'z') AS q,
  CASE WHEN a > 0 AND b LIKE 'x%' THEN true ELSE false END AS f FROM case_src;
\d+ case_searched
\d+ case_simple
\d+ case_where
\d+ case_mixed
SELECT pg_get_viewdef('case_mixed'::regclass), pg_get_viewdef('case_in_call'::regclass);
SELECT pg_get_viewdef('case_in_call'::regclass, true), pg_get_viewdef('case_simple'::regclass);
INSERT INTO case_src VALUES (-3, 'x1', 1.5, 'a'), (0, 'y', 2, 'b'), (7, 'x', NULL, 'c'), (NULL, NULL, NULL, NULL);
SELECT * FROM case_searched ORDER BY sign;
SELECT * FROM case_mixed;
CREATE TABLE case_defaults (a int DEFAULT CASE WHEN 1 > 0 THEN 5 ELSE 6 END,
  b int CHECK (CASE WHEN b > 0 THEN true ELSE false END));
SELECT pg_get_expr(adbin, adrelid), pg_get_expr(adbin, adrelid, true) FROM pg_attrdef WHERE adrelid = 'case_defaults'::regclass;
SELECT pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid = 'case_defaults'::regclass;
\d case_defaults
DROP VIEW case_searched, case_simple, case_where, case_mixed, case_in_call;
DROP TABLE case_src, case_defaults;
