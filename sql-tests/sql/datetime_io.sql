-- date, time, timestamp, timestamptz: input forms, output in every DateStyle, ranges and errors
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';
SELECT date '2020-01-05', '2020-01-05'::date AS iso, 'January 8, 1999'::date AS words,
       '1999-Jan-08'::date AS ymon, '08-Jan-1999'::date AS dmon, 'Jan-08-1999'::date AS mon_first;
SELECT '19990108'::date AS compact, '990108'::date AS short, '1/8/99'::date AS mdy,
       '1999.008'::date AS doy, 'J2451187'::date AS julian, 'Fri Jan 8 1999'::date AS with_dow;
SELECT 'epoch'::date, 'infinity'::date, '-infinity'::date, '0001-01-01 BC'::date,
       '4714-11-24 BC'::date AS first, '5874897-12-31'::date AS last;
SELECT '2020-13-01'::date;
SELECT '2020-02-30'::date;
SELECT 'foo'::date;
SELECT '5874898-01-01'::date;
SELECT '4714-11-23 BC'::date;
SET DateStyle = 'ISO, DMY';
SELECT '01/02/2020'::date AS dmy, '2020-07-01'::date AS iso;
SET DateStyle = 'ISO, YMD';
SELECT '20/02/01'::date AS ymd;
SET DateStyle = 'ISO, MDY';
SELECT '2020-01-05 10:11:12.1234567'::timestamp AS rounded, '2020-01-05 24:00'::timestamp AS midnight,
       '2020-01-05 10:00+05'::timestamp AS zone_ignored, 'epoch'::timestamp, 'infinity'::timestamp;
SELECT '294276-12-31 23:59:59.999999'::timestamp AS last, '4714-11-24 00:00:00 BC'::timestamp AS first;
SELECT '294277-01-01'::timestamp;
SELECT '2020-01-01 25:00'::timestamp;
SELECT '2020-01-05T10:11:12Z'::timestamptz AS iso_t, '2020-01-05 10:11:12 PST'::timestamptz AS abbrev,
       '2020-01-05 -5'::timestamptz AS hours, '2020-01-05 10:00+0530'::timestamptz AS hhmm,
       '2020-01-01 23:00-05'::timestamptz AS after_time, '2020-01-01 10:00 America/New_York'::timestamptz AS named;
SELECT '10:00 pm'::time, '12:30 am'::time, 'allballs'::time, '23:59:59.9999999'::time AS rounds_up, '24:00'::time;
SELECT '10:61'::time;
SELECT '2020-01-01 10:00:00.5'::timestamp(0) AS p0, '10:00:00.555'::time(1) AS p1,
       CAST('2020-01-01 10:00:00.12345' AS timestamp(3)) AS p3,
       '2020-01-01 10:00:00.12345+00'::timestamp(2) with time zone AS tz2;
SET TimeZone = 'America/New_York';
SELECT '2020-11-01 01:30'::timestamptz AS ambiguous, '2020-03-08 02:30'::timestamptz AS in_gap,
       '2020-07-01 12:00'::timestamptz AS summer, '2020-01-01 12:00'::timestamptz AS winter;
SET TimeZone = 'Europe/Berlin';
SET DateStyle = 'Postgres, MDY';
SELECT '2020-07-01 12:00:00.5'::timestamptz AS tz, '2020-07-01'::date AS d, '2020-07-01 12:00'::timestamp AS ts;
SET DateStyle = 'Postgres, DMY';
SELECT '2020-07-01 12:00:00.5'::timestamptz AS tz, '2020-07-01'::date AS d, '2020-07-01 12:00'::timestamp AS ts;
SET DateStyle = 'SQL, DMY';
SELECT '2020-07-01 12:00:00.5'::timestamptz AS tz, '2020-07-01'::date AS d, '01/02/2020'::date AS dmy_in;
SET DateStyle = 'SQL, MDY';
SELECT '2020-07-01 12:00:00.5'::timestamptz AS tz, '2020-07-01'::date AS d, '2020-07-01 12:00'::timestamp AS ts;
SET DateStyle = 'German';
SELECT '2020-07-01 12:00:00.5'::timestamptz AS tz, '2020-07-01'::date AS d;
SET TimeZone = '+3';
SELECT '2020-07-01 12:00'::timestamptz AS fixed_offset;
SET DateStyle = 'ISO';
SELECT '2020-07-01 12:00'::timestamptz AS fixed_offset_iso, '0044-03-15 BC'::date AS bc;
RESET TimeZone;
RESET DateStyle;
SELECT '2021-06-15 10:00:00'::timestamptz AS session_default, '2021-12-15 10:00:00'::timestamptz AS winter;
SELECT pg_typeof(date '2020-01-01'), pg_typeof(time '10:00'), pg_typeof(timestamp '2020-01-01'),
       pg_typeof(timestamptz '2020-01-01'), pg_typeof(timestamp with time zone '2020-01-01');
