DROP TABLE IF EXISTS bt;
CREATE TABLE bt (a int2, b int4, c int8, d numeric, e float4, f float8, g bool, h text, i varchar(10), j char(5), k bytea, l date, m timestamp, n timestamptz, p interval, q int4[], r text[], s numeric(10,3), t oid);
SET TimeZone = 'UTC';
INSERT INTO bt VALUES
 (1, 2, 3, 4.5, 1.25, 2.5, true, 'hello', 'vc', 'ab', '\x00ff10', '2024-02-29', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56.789+00', '1 year 2 mons 3 days 04:05:06', '{1,2,NULL}', '{a,"b c"}', 12.345, 42),
 (-32768, -2147483648, -9223372036854775808, -0.000123, -1e30, 'NaN', false, 'é ünïcode', '', '', '\x', '1999-12-31', '1970-01-01 00:00:00', '2000-01-01 00:00:00+00', '-1 days', '{}', '{}', -0.5, 0),
 (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (32767, 2147483647, 9223372036854775807, 123456789012345678901234567890.123456789, 'Infinity', '-Infinity', true, repeat('x', 300), 'abcdefghij', 'abcde', '\xdeadbeef', 'infinity', '-infinity', 'infinity', '0', '{-1}', '{NULL}', 'NaN', 4294967295);
