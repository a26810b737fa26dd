--
-- Sorting (issue 8): results equal PostgreSQL's for each type, NULL placement, DESC, several
-- keys and duplicates, in memory (4MB) and spilled to tapes (work_mem 64kB); one-column results
-- (datum sorts) and wider rows. Only sort keys are printed, or keys that make the order total.
--
CREATE TABLE sort_t (id int4, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric,
    t text, vc varchar(12), d date, ts timestamp, ba bytea);
INSERT INTO sort_t
SELECT g,
       CASE WHEN g % 11 = 0 THEN NULL ELSE g % 3 = 0 END,
       CASE WHEN g % 13 = 0 THEN NULL ELSE ((g * 7) % 601 - 300)::int2 END,
       CASE WHEN g % 17 = 0 THEN NULL ELSE (g * 7919) % 100003 - 50000 END,
       CASE WHEN g % 19 = 0 THEN NULL ELSE ((g::int8 * 2654435761) % 4294967311) * (CASE WHEN g % 2 = 0 THEN -1 ELSE 1 END) END,
       CASE WHEN g % 23 = 0 THEN NULL ELSE ((g * 37) % 1001)::float4 / 8 - 60 END,
       CASE WHEN g % 29 = 0 THEN NULL ELSE ((g * 53) % 10007)::float8 / 7 - 700 END,
       CASE WHEN g % 31 = 0 THEN NULL ELSE ((g * 61) % 5003)::numeric / 3 - 800 END,
       CASE WHEN g % 37 = 0 THEN NULL ELSE substr(md5(g::text), 1, g % 12) END,
       CASE WHEN g % 41 = 0 THEN NULL ELSE substr(md5((g % 97)::text), 1 + g % 5, 6) END,
       CASE WHEN g % 43 = 0 THEN NULL ELSE date '2000-01-01' + (g * 17) % 9000 - 4000 END,
       CASE WHEN g % 47 = 0 THEN NULL ELSE timestamp '2020-02-29 12:00:00' + ((g * 7) % 1000) * interval '1 hour 1 second' END,
       CASE WHEN g % 59 = 0 THEN NULL ELSE decode(substr(md5(g::text), 1, 2 * (g % 6)), 'hex') END
FROM generate_series(1, 3000) g;
-- special values: infinities, NaN, -0, extremes, empty and non-ASCII strings, duplicates
INSERT INTO sort_t (id, i2, i4, i8, f4, f8, n, t, vc, ba) VALUES
    (3001, 32767, 2147483647, 9223372036854775807, 'Infinity', 'Infinity', 'Infinity', '', '', ''),
    (3002, -32768, -2147483648, -9223372036854775808, '-Infinity', '-Infinity', '-Infinity', 'é', 'ü', '\x00'),
    (3003, 0, 0, 0, 'NaN', 'NaN', 'NaN', 'z', 'Z', '\xff'),
    (3004, 0, 0, 0, '-0', '-0', '0.000', 'zz', 'zz', '\xff00'),
    (3005, 1, 1, 1, '0', '0', '-0.0', 'ｚ', '€', '\x0000'),
    (3006, NULL, NULL, NULL, 'NaN', 'NaN', 'NaN', '😀', '😀', NULL);
SELECT count(*), count(b), count(i8), count(t) FROM sort_t;

-- small: every row of a slice, each type ascending, descending and with NULLS FIRST
SET work_mem = '4MB';
SELECT id, b FROM sort_t WHERE id <= 24 ORDER BY b, id;
SELECT id, b FROM sort_t WHERE id <= 24 ORDER BY b DESC, id;
SELECT id, i2 FROM sort_t WHERE id <= 30 OR id > 3000 ORDER BY i2 NULLS FIRST, id;
SELECT id, i4 FROM sort_t WHERE id <= 30 OR id > 3000 ORDER BY i4 DESC NULLS LAST, id;
SELECT id, i8 FROM sort_t WHERE id <= 30 OR id > 3000 ORDER BY i8, id;
SELECT id, f4 FROM sort_t WHERE id <= 30 OR id > 3000 ORDER BY f4 DESC, id;
SELECT id, f8 FROM sort_t WHERE id <= 30 OR id > 3000 ORDER BY f8, id;
SELECT id, n FROM sort_t WHERE id <= 30 OR id > 3000 ORDER BY n, id;
SELECT id, t FROM sort_t WHERE id <= 40 OR id > 3000 ORDER BY t, id;
SELECT id, vc FROM sort_t WHERE id <= 40 OR id > 3000 ORDER BY vc DESC, id;
SELECT id, d FROM sort_t WHERE id <= 30 ORDER BY d NULLS FIRST, id;
SELECT id, ts FROM sort_t WHERE id <= 30 ORDER BY ts DESC, id;
SELECT id, ba FROM sort_t WHERE id <= 30 OR id > 3000 ORDER BY ba, id;

-- one-column results (datum sorts): the last rows of the full order, in memory and spilled
SELECT i8 FROM sort_t ORDER BY i8 OFFSET 2980;
SELECT i8 FROM sort_t ORDER BY i8 DESC OFFSET 2980;
SELECT i4 FROM sort_t ORDER BY i4 NULLS FIRST OFFSET 2990;
SELECT i2 FROM sort_t ORDER BY i2 DESC NULLS LAST OFFSET 2990;
SELECT d FROM sort_t ORDER BY d OFFSET 2990;
SELECT t FROM sort_t ORDER BY t OFFSET 2980;
SELECT t FROM sort_t ORDER BY t DESC OFFSET 2980;
SELECT vc FROM sort_t ORDER BY vc NULLS FIRST OFFSET 2990;
SELECT t FROM sort_t ORDER BY t DESC NULLS LAST LIMIT 5;
SELECT t FROM sort_t ORDER BY t NULLS FIRST LIMIT 100 OFFSET 95;
SET work_mem = '64kB';
SELECT i8 FROM sort_t ORDER BY i8 OFFSET 2980;
SELECT i8 FROM sort_t ORDER BY i8 DESC OFFSET 2980;
SELECT i4 FROM sort_t ORDER BY i4 NULLS FIRST OFFSET 2990;
SELECT i2 FROM sort_t ORDER BY i2 DESC NULLS LAST OFFSET 2990;
SELECT d FROM sort_t ORDER BY d OFFSET 2990;
SELECT t FROM sort_t ORDER BY t OFFSET 2980;
SELECT t FROM sort_t ORDER BY t DESC OFFSET 2980;
SELECT vc FROM sort_t ORDER BY vc NULLS FIRST OFFSET 2990;
SELECT t FROM sort_t ORDER BY t DESC NULLS LAST LIMIT 5;
SELECT count(*), min(t), max(t) FROM (SELECT t FROM sort_t ORDER BY t) s;

-- wider rows, several keys, duplicates (spilled at 64kB); the id key makes the order total
SELECT id, b, i2 FROM sort_t ORDER BY b NULLS FIRST, i2 DESC, id OFFSET 2970;
SELECT i4, t, id FROM sort_t ORDER BY i4 DESC, t, id OFFSET 2970;
SELECT f4, f8, id FROM sort_t ORDER BY f4, f8 DESC, id OFFSET 2970;
SELECT n, id FROM sort_t ORDER BY n DESC NULLS LAST, id OFFSET 2970;
SELECT vc, i2, id FROM sort_t ORDER BY vc, i2 NULLS FIRST, id OFFSET 2970;
SELECT d, ts, id FROM sort_t ORDER BY d DESC, ts, id OFFSET 2970;
SELECT ts, id FROM sort_t ORDER BY ts NULLS FIRST, id DESC OFFSET 2970;
SELECT ba, id FROM sort_t ORDER BY ba DESC, id OFFSET 2975;
SELECT i8 % 7 AS m, id FROM sort_t ORDER BY m, id DESC OFFSET 2980;
SELECT t, count(*) AS c FROM (SELECT vc AS t FROM sort_t ORDER BY vc) s GROUP BY t ORDER BY c DESC, t LIMIT 5;
-- one row, and no rows
SELECT id, t FROM sort_t WHERE id = 7 ORDER BY t;
SELECT id FROM sort_t WHERE id < 0 ORDER BY id;
RESET work_mem;
DROP TABLE sort_t;
