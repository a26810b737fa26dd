--
-- What pgjdbc's DatabaseMetaData asks (jdbcmeta): information_schema._pg_expandarray, a
-- set-returning function of a record type, in the select list and in FROM; field selection
-- (expr).field with its errors; set-returning calls inside expressions; the record type's
-- output; integer bitwise operators; pg_constraint's foreign-key columns; and the exact
-- queries of getPrimaryKeys, getIndexInfo and getImportedKeys of pgjdbc 42.7.
--
SELECT information_schema._pg_expandarray(ARRAY['a', NULL, 'c d', '', 'q"x', 'p,(r)']);
SELECT (information_schema._pg_expandarray(ARRAY[10, 20])).n, (information_schema._pg_expandarray(ARRAY[10, 20])).x;
SELECT (information_schema._pg_expandarray(ARRAY[10, 20])).n + 1 AS next;
SELECT information_schema._pg_expandarray(ARRAY[1, 2]), generate_series(1, 3);
SELECT generate_series(1, 3) * 10 AS tens, 1 + generate_series(5, 6);
SELECT pg_typeof(information_schema._pg_expandarray(ARRAY[1]));
SELECT information_schema._pg_expandarray(NULL::int[]);
SELECT information_schema._pg_expandarray('{}'::text[]);
SELECT * FROM information_schema._pg_expandarray(ARRAY[5, 6]) e;
SELECT * FROM information_schema._pg_expandarray(ARRAY[5, 6]) e(a);
SELECT e.x, e.n * 2 AS twice FROM information_schema._pg_expandarray(ARRAY['p', 'q']) AS e WHERE e.n > 1;
SELECT (k).x, (k).n FROM (SELECT information_schema._pg_expandarray(ARRAY['p', 'q']) AS k) s;
SELECT k FROM (SELECT information_schema._pg_expandarray(ARRAY[3, 1, 2]) AS k) s ORDER BY k DESC;
SELECT (k).x FROM (SELECT information_schema._pg_expandarray(ARRAY[3, NULL, 1]) AS k) s ORDER BY k;
-- misuse, with PostgreSQL's errors
SELECT (information_schema._pg_expandarray(ARRAY[10, 20])).z;
SELECT (1).x;
SELECT (s.a).b FROM (SELECT 1 AS a) s;
SELECT * FROM information_schema._pg_expandarray(ARRAY[5, 6]) e(a, b, c);
SELECT _pg_expandarray(ARRAY[1]);
SELECT information_schema._pg_expandarray(NULL);
SELECT information_schema._pg_expandarray('{1}');
SELECT information_schema._pg_expandarray(1);
SELECT 1 WHERE information_schema._pg_expandarray(ARRAY[1]) IS NOT NULL;
SELECT '(1,2)'::record;
-- row constructors: records of columns f1, f2, ...; row comparisons column by column; IS NULL
SELECT ROW(1, 'a', NULL), (2, 'b c'), pg_typeof(ROW(1, 2));
SELECT (ROW(1, 'a'::text)).f2, (ROW(1.5, 2)).f1 + 1 AS next;
SELECT (1, NULL) = (1, 2) AS a, (1, NULL) <> (2, 2) AS b, (1, 2) < (1, 3) AS c, (1, NULL) < (2, 0) AS d,
       (1, NULL) < (1, 0) AS e, (1, 'a') <= (1, 'a') AS f, (2, 1) > (1, 5) AS g, ROW(1, 2) >= ROW(1, 2) AS h;
SELECT ROW(1, 2) IS NULL AS a, ROW(NULL, NULL) IS NULL AS b, ROW(1, NULL) IS NOT NULL AS c, ROW(1, 2) IS NOT NULL AS d;
SELECT (ROW(1, 2)).f3;
SELECT (1, 2) = (1, 2, 3);
SELECT (1, 2) = ROW(1, 'x');
-- integer bitwise operators and shifts
SELECT 5 & 3 AS a, 1::int2 & 3::int2 AS b, 6::int8 & 3::int8 AS c, 1 << 4 AS d, 1::int2 << 15 AS e, 1::int8 << 40 AS f;
SELECT pg_typeof(1::int2 & 1::int2), pg_typeof(1::int2 << 1), pg_typeof(1::int8 << 1);
-- a column called cardinality (pgjdbc's getIndexInfo), and the function of that name
SELECT x.cardinality FROM (SELECT 1 AS cardinality) x;
SELECT cardinality(ARRAY[1, 2]);
-- the catalog as pgjdbc reads it
CREATE SCHEMA jdbc_meta;
CREATE TABLE jdbc_meta.t (id int PRIMARY KEY, code varchar(10) UNIQUE, a int, b text CHECK (b <> ''));
CREATE TABLE jdbc_meta.u (x int, y int, z text, PRIMARY KEY (y, x));
CREATE INDEX u_z ON jdbc_meta.u (z DESC, x);
SELECT information_schema._pg_expandarray(i.indkey), i.indkey, i.indoption, i.indoption[0] & 1::smallint AS desc_first
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'jdbc_meta'::regnamespace AND c.relname IN ('u_pkey', 'u_z') ORDER BY c.relname, 1;
SELECT conname, contype, condeferrable, condeferred, conparentid, confrelid, confupdtype, confdeltype, confmatchtype,
       conislocal, coninhcount, connoinherit, conkey, confkey, conpfeqop, conppeqop, conffeqop, confdelsetcols, conexclop
  FROM pg_constraint WHERE connamespace = 'jdbc_meta'::regnamespace ORDER BY conname;
-- getPrimaryKeys(null, "jdbc_meta", "u")
SELECT        result.TABLE_CAT AS "TABLE_CAT",        result.TABLE_SCHEM AS "TABLE_SCHEM",        result.TABLE_NAME AS "TABLE_NAME",        result.COLUMN_NAME AS "COLUMN_NAME",        result.KEY_SEQ AS "KEY_SEQ",        result.PK_NAME AS "PK_NAME"FROM      (SELECT current_database() AS TABLE_CAT, n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME,   (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relname AS PK_NAME,   information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM, i.indnkeyatts as KEY_COUNT FROM pg_catalog.pg_class ct   JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid)   JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)   JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid)   JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid) WHERE true  AND n.nspname = 'jdbc_meta' AND ct.relname = 'u' AND i.indisprimary  ) result where  result.A_ATTNUM = (result.KEYS).x AND result.KEY_SEQ <= KEY_COUNT  ORDER BY result.table_name, result.pk_name, result.key_seq;
-- getIndexInfo(null, "jdbc_meta", "u", false, false)
SELECT     tmp.TABLE_CAT AS "TABLE_CAT",     tmp.TABLE_SCHEM AS "TABLE_SCHEM",     tmp.TABLE_NAME AS "TABLE_NAME",     tmp.NON_UNIQUE AS "NON_UNIQUE",     tmp.INDEX_QUALIFIER AS "INDEX_QUALIFIER",     tmp.INDEX_NAME AS "INDEX_NAME",     tmp.TYPE AS "TYPE",     tmp.ORDINAL_POSITION AS "ORDINAL_POSITION",     trim(both '"' from pg_catalog.pg_get_indexdef(tmp.CI_OID, tmp.ORDINAL_POSITION, false)) AS "COLUMN_NAME",   CASE tmp.AM_NAME     WHEN 'btree' THEN CASE tmp.I_INDOPTION[tmp.ORDINAL_POSITION - 1] & 1::smallint       WHEN 1 THEN 'D'       ELSE 'A'     END     ELSE NULL   END AS "ASC_OR_DESC",     tmp.CARDINALITY AS "CARDINALITY",     tmp.PAGES AS "PAGES",     tmp.FILTER_CONDITION AS "FILTER_CONDITION"FROM (SELECT current_database() AS TABLE_CAT,  n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME, NOT i.indisunique AS NON_UNIQUE,   NULL AS INDEX_QUALIFIER, ci.relname AS INDEX_NAME,   CASE i.indisclustered     WHEN true THEN 1    ELSE CASE am.amname       WHEN 'hash' THEN 2      ELSE 3    END   END AS TYPE,   (information_schema._pg_expandarray(i.indkey)).n AS ORDINAL_POSITION,   ci.reltuples AS CARDINALITY,   ci.relpages AS PAGES,   pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS FILTER_CONDITION,   ci.oid AS CI_OID,   i.indoption AS I_INDOPTION,   am.amname AS AM_NAME FROM pg_catalog.pg_class ct   JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)   JOIN pg_catalog.pg_index i ON (ct.oid = i.indrelid)   JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)   JOIN pg_catalog.pg_am am ON (ci.relam = am.oid) WHERE true  AND n.nspname = 'jdbc_meta' AND ct.relname = 'u') AS tmp ORDER BY "NON_UNIQUE", "TYPE", "INDEX_NAME", "ORDINAL_POSITION" ;
-- getImportedKeys(null, "jdbc_meta", "t"): no foreign keys, no rows
SELECT current_database() AS "PKTABLE_CAT", pkn.nspname AS "PKTABLE_SCHEM", pkc.relname AS "PKTABLE_NAME", pka.attname AS "PKCOLUMN_NAME", current_database() AS "FKTABLE_CAT", fkn.nspname AS "FKTABLE_SCHEM", fkc.relname AS "FKTABLE_NAME", fka.attname AS "FKCOLUMN_NAME", pos.n AS "KEY_SEQ", CASE con.confupdtype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 WHEN 'p' THEN 1 WHEN 'a' THEN 3 ELSE NULL END AS "UPDATE_RULE", CASE con.confdeltype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 WHEN 'p' THEN 1 WHEN 'a' THEN 3 ELSE NULL END AS "DELETE_RULE", con.conname AS "FK_NAME", pkic.relname AS "PK_NAME", CASE  WHEN con.condeferrable AND con.condeferred THEN 5 WHEN con.condeferrable THEN 6 ELSE 7 END AS "DEFERRABILITY"  FROM  pg_catalog.pg_namespace pkn, pg_catalog.pg_class pkc, pg_catalog.pg_attribute pka,  pg_catalog.pg_namespace fkn, pg_catalog.pg_class fkc, pg_catalog.pg_attribute fka,  pg_catalog.pg_constraint con,  pg_catalog.generate_series(1, 32) pos(n),  pg_catalog.pg_class pkic WHERE pkn.oid = pkc.relnamespace AND pkc.oid = pka.attrelid AND pka.attnum = con.confkey[pos.n] AND con.confrelid = pkc.oid  AND fkn.oid = fkc.relnamespace AND fkc.oid = fka.attrelid AND fka.attnum = con.conkey[pos.n] AND con.conrelid = fkc.oid  AND con.contype = 'f' AND (pkic.relkind = 'i' OR pkic.relkind = 'I') AND pkic.oid = con.conindid  AND fkn.nspname = 'jdbc_meta' AND fkc.relname = 't' ORDER BY pkn.nspname,pkc.relname, con.conname,pos.n;
DROP TABLE jdbc_meta.t, jdbc_meta.u;
DROP SCHEMA jdbc_meta;
