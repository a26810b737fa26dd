-- bytea, oid, "char" and pg_lsn
SELECT '\x0a'::bytea, 'abc\\d\001'::bytea AS escaped, '\xABc'::bytea AS hex_upper, ''::bytea AS empty,
       '\x61 62 6364'::bytea AS spaced;
SELECT '\x0 a'::bytea;
SELECT '\xg0'::bytea;
SELECT 'a\9'::bytea;
SET bytea_output = 'escape';
SELECT 'a\\b\001é'::bytea AS esc, '\x00ff7f'::bytea AS bin;
SET bytea_output = 'hex';
SELECT encode('\x00ff5c41'::bytea, 'hex') AS hex, encode('\x00ff5c410a'::bytea, 'escape') AS esc,
       encode('hello world'::bytea, 'base64') AS b64;
SELECT decode('aGVsbG8=', 'base64') AS b64, decode('00ff', 'hex') AS hex, decode('a\\b\001', 'escape') AS esc;
SELECT encode('\x00'::bytea, 'foo');
SELECT decode('abc', 'hex');
SELECT md5('abc') AS md5_text, md5('abc'::bytea) AS md5_bytea, sha256('abc'::bytea) AS sha256;
SELECT length('\x0102'::bytea), octet_length('\x0102'::bytea), '\x01'::bytea || '\x02'::bytea AS cat,
       get_byte('\x0102'::bytea, 1), '\x01'::bytea < '\x0100'::bytea AS lt, '\x01'::bytea = '\x01' AS eq;
SELECT '4294967295'::oid, '-1'::oid, '-2147483648'::oid, ' 12 '::oid;
SELECT '4294967296'::oid;
SELECT 'x'::oid;
SELECT 3000000000::oid, (-1)::oid, 5::int8::oid, (-1)::oid::int4, 4294967295::oid::int8;
SELECT 4294967296::int8::oid;
SELECT '-1'::oid > '1'::oid AS unsigned, 1::oid = 1 AS eq, pg_typeof(1::oid), pg_typeof(coalesce(1, 2::oid));
SELECT 1::oid + 1;
SELECT 'abc'::"char", ''::"char" = '' AS empty, '\101'::"char" AS octal, 'é'::"char" AS high,
       65::"char" AS from_int, 'A'::"char"::int AS to_int, (-56)::"char" AS negative;
SELECT 128::"char";
SELECT pg_typeof('a'::"char"), 'ab'::char(2)::"char" AS from_bpchar, 'x'::"char"::varchar AS to_varchar,
       'x'::"char" > 'é'::"char" AS unsigned_cmp, 'a'::"char"::char(3) || '|' AS padded;
SELECT '0/16B3748'::pg_lsn, '16/B374D848'::pg_lsn - '0/0' AS diff, '0/1'::pg_lsn + 5 AS plus,
       pg_lsn '1/0' > '0/FFFFFFFF' AS gt, 'FFFFFFFF/FFFFFFFF'::pg_lsn AS max;
SELECT '0/0'::pg_lsn - '0/1'::pg_lsn AS neg, pg_wal_lsn_diff('1/0', '0/0') AS diff, '1/0'::pg_lsn - 1::numeric AS minus;
SELECT 'x'::pg_lsn;
SELECT '0/1'::pg_lsn - 2;
