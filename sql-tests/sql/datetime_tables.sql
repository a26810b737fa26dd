-- date/time, interval, bytea, oid and "char" columns: storage round trip, filters, ordering, grouping, DML
SET TimeZone = 'America/New_York';
SET DateStyle = 'ISO, MDY';
SET IntervalStyle = 'postgres';
CREATE TABLE dt_events (id int, d date, ts timestamp, tz timestamptz, iv interval, b bytea, o oid, c "char");
INSERT INTO dt_events VALUES
  (1, '2020-01-05', '2020-01-05 10:00', '2020-01-05 10:00+02', '1 day 2 hours', '\x0102', 4294967295, 'a'),
  (2, date '2019-12-31', timestamp '2019-12-31 23:59:59.5', timestamptz '2019-12-31 23:59:59.5+00', interval '-3 mons', 'abc'::bytea, 7, 'z'),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'infinity', '-infinity', 'infinity', '30 days', '\x', 0, ''),
  (5, '0044-03-15 BC', '1999-01-08 04:05:06.789', '2020-07-01 12:00', '1 mon', '\xff', 2147483648, 'é');
SELECT * FROM dt_events ORDER BY id;
SELECT id, d + 1 AS next_day, ts + iv AS later, extract(year FROM d) AS y, date_trunc('month', ts) AS month
  FROM dt_events WHERE d > '2019-06-01' AND d < 'infinity' ORDER BY d;
SELECT id, d FROM dt_events ORDER BY d NULLS FIRST, id;
SELECT id, ts FROM dt_events ORDER BY ts DESC NULLS LAST, id;
SELECT id, tz FROM dt_events ORDER BY tz, id;
SELECT id, iv FROM dt_events ORDER BY iv, id;
SELECT id, o FROM dt_events ORDER BY o DESC NULLS LAST, id;
SELECT id, b FROM dt_events ORDER BY b, id;
SELECT id, c FROM dt_events ORDER BY c, id;
SELECT count(*), count(d), min(d), max(d), min(ts), max(ts), min(tz), min(iv), max(iv), max(o)
  FROM dt_events WHERE id <> 4;
SELECT iv = interval '1 mon' AS is_month, count(*) FROM dt_events WHERE iv IS NOT NULL GROUP BY iv = interval '1 mon' ORDER BY 1;
SELECT id FROM dt_events WHERE iv = '30 days' ORDER BY id;
SELECT id, tz AT TIME ZONE 'UTC' AS utc, to_char(ts, 'YYYY-MM-DD HH24:MI') AS ts_text FROM dt_events WHERE id IN (1, 2) ORDER BY id;
SET TimeZone = 'Asia/Tokyo';
SELECT id, tz FROM dt_events WHERE id IN (1, 2, 5) ORDER BY id;
SET TimeZone = 'America/New_York';
UPDATE dt_events SET d = d + interval '1 mon', iv = iv * 2 WHERE id = 1 RETURNING id, d, iv;
UPDATE dt_events SET ts = ts - interval '1 day', o = o - 1 WHERE id = 2 RETURNING ts;
UPDATE dt_events SET o = 1 WHERE id = 2 RETURNING o;
INSERT INTO dt_events (id, d) VALUES (6, '2020-02-30');
INSERT INTO dt_events (id, ts) VALUES (6, 'yesterday noon');
INSERT INTO dt_events (id, b) VALUES (6, '\xzz');
DELETE FROM dt_events WHERE tz < '2020-06-01' RETURNING id, tz;
SELECT id, d, ts, iv FROM dt_events ORDER BY id;
DROP TABLE dt_events;
