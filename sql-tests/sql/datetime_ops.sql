-- date/time arithmetic, intervals, extract/date_part, date_trunc, age, make_*, to_char, AT TIME ZONE
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';
SET IntervalStyle = 'postgres';
SELECT date '2020-03-01' - date '2020-01-01' AS days, date '2020-01-01' + 30 AS plus,
       30 + date '2020-01-01' AS plus2, date '2020-01-01' - 1 AS minus;
SELECT timestamp '2020-01-02' - timestamp '2020-01-01 12:00' AS diff,
       timestamp '2020-01-01' - timestamp '2020-01-03 12:00' AS neg_diff,
       timestamp '2020-01-31' + interval '1 mon' AS month_end,
       date '2020-01-31' + interval '1 mon 1 day 1 hour' AS date_plus;
SELECT time '10:00' + interval '15 hours' AS wraps, time '10:00' - time '11:30' AS tdiff,
       date '2020-01-01' + time '10:00' AS dt, time '24:00' > time '23:59' AS later;
SELECT '2020-01-01'::date - 'infinity'::date;
SELECT date 'infinity' > date '2020-01-01', timestamp '-infinity' < timestamp '2020-01-01',
       date 'infinity'::timestamp, timestamp 'infinity' + interval '1 day', date 'infinity' + 1;
SET TimeZone = 'Europe/Berlin';
SELECT timestamptz '2020-03-28 12:00' + interval '1 day' AS over_dst_day,
       timestamptz '2020-03-28 12:00' + interval '24 hours' AS over_dst_hours;
SET TimeZone = 'UTC';
-- intervals
SELECT '1.5 years'::interval, '1.5 mons'::interval, '1.5 weeks'::interval, '-1.5 days'::interval;
SELECT '1 day -2 hours'::interval, '-1 days +2 hours'::interval, '@ 1 hour ago'::interval, '1 2:03:04'::interval;
SELECT '5'::interval, '1-2'::interval, 'P1Y2M3DT4H5M6.5S'::interval, '100000 hours'::interval, '1day'::interval;
SELECT interval '2 decades 1 century 1 millennium', interval '1 millisecond', interval '1 microsecond';
SELECT '1 foo'::interval;
SELECT '2147483648 days'::interval;
SELECT interval '1 mon' * 1.5 AS mul, interval '1 day 3 hours' / 7 AS div, interval '1 year' / 7 AS div_year,
       -interval '1 day -3 hours' AS neg;
SELECT interval '1 mon' = interval '30 days' AS eq, interval '1 day' > interval '23 hours' AS gt,
       interval '1 day' + interval '2 hours' AS sum, interval '1 day' - interval '2 hours' AS dif;
SELECT justify_days(interval '65 days'), justify_hours(interval '50 hours'),
       justify_interval(interval '1 mon -1 hour'), justify_days(interval '-65 days');
SET IntervalStyle = 'iso_8601';
SELECT '1 year 2 mons -3 days 04:05:06.5'::interval AS iso, '0'::interval AS zero, '-1 hour'::interval AS neg;
SET IntervalStyle = 'sql_standard';
SELECT '1 year 2 mons'::interval AS ym, '-1 year -2 mons'::interval AS neg_ym, '3 days 04:05:06'::interval AS dt,
       '-04:05:06'::interval AS neg_t, '1 year -3 days'::interval AS mixed, '0'::interval AS zero;
SET IntervalStyle = 'postgres_verbose';
SELECT '1 year 2 mons -3 days 04:05:06.5'::interval AS v1, '0'::interval AS v2, '-1 day -2 hours'::interval AS v3,
       '-1.5 sec'::interval AS v4;
SET IntervalStyle = 'postgres';
-- extract and date_part
SELECT extract(century from timestamp '2020-03-04 10:11:12.5') AS century,
       extract(dow from timestamp '2020-03-08') AS dow, extract(doy from timestamp '2020-03-04') AS doy,
       extract(isodow from timestamp '2020-03-08') AS isodow, extract(isoyear from date '2021-01-01') AS isoyear,
       extract(week from date '2021-01-01') AS week;
SELECT extract(julian from timestamp '2020-03-04 10:11:12.5') AS julian,
       extract(microseconds from timestamp '2020-03-04 10:11:12.5') AS us,
       extract(milliseconds from timestamp '2020-03-04 10:11:12.5') AS ms,
       extract(second from time '10:11:12.5') AS sec, extract(epoch from time '10:11:12.5') AS epoch;
SELECT extract(epoch from timestamp '1960-01-01 00:00:00.5') AS epoch, extract(year from date '0001-01-01 BC') AS year_bc,
       extract(decade from date '0005-01-01 BC') AS decade_bc, extract(century from date '0100-01-01 BC') AS century_bc;
SELECT extract(quarter from interval '-5 mons') AS q, extract(hour from interval '-3 days -25 hours -5 min') AS h,
       extract(epoch from interval '-1 year') AS e, extract(epoch from interval '1 year 2 mons 3 days 04:05:06.5') AS e2;
SELECT date_part('epoch', date '2020-01-01') AS dp_epoch, date_part('hour', date '2020-01-01') AS dp_hour,
       date_part('julian', timestamp '2020-03-04 10:11:12.5') AS dp_julian, pg_typeof(date_part('day', date '2020-01-01'));
SELECT extract(year from timestamp 'infinity') AS y, extract(hour from timestamp 'infinity') AS h,
       extract(epoch from date 'infinity') AS e;
SET TimeZone = 'Asia/Kolkata';
SELECT extract(timezone from timestamptz '2020-01-01') AS tz, extract(timezone_hour from timestamptz '2020-01-01') AS tzh,
       extract(timezone_minute from timestamptz '2020-01-01') AS tzm, extract('year' from date '2020-01-01') AS quoted;
SET TimeZone = 'UTC';
SELECT extract(hour from date '2020-01-01');
SELECT extract(foo from date '2020-01-01');
SELECT extract(timezone from timestamp '2020-01-01');
-- date_trunc
SELECT date_trunc('quarter', timestamp '2020-05-17 10:00') AS quarter, date_trunc('week', timestamp '2020-05-17 10:00') AS week,
       date_trunc('millennium', timestamp '2020-05-17') AS millennium, date_trunc('century', timestamp '2000-05-17') AS century,
       date_trunc('decade', timestamp '2019-05-17') AS decade, date_trunc('day', timestamp 'infinity') AS inf;
SELECT date_trunc('hour', interval '1 year 2 mons 3 days 04:05:06.5') AS h, date_trunc('quarter', interval '1 year 5 mons') AS q;
SET TimeZone = 'Europe/Berlin';
SELECT date_trunc('day', timestamptz '2020-05-17 23:30+00') AS local_day,
       date_trunc('day', timestamptz '2020-05-17 23:30+00', 'UTC') AS utc_day;
SET TimeZone = 'UTC';
SELECT date_trunc('dow', timestamp '2020-01-01');
SELECT date_trunc('week', interval '1 day');
-- age and constructors
SELECT age(timestamp '2020-03-01', timestamp '2019-01-31 10:00') AS a1,
       age(timestamp '2019-01-31', timestamp '2020-03-01 10:00') AS a2,
       age(date '2020-03-01', date '2019-01-31') AS a3;
SELECT make_date(2020, 2, 29), make_time(10, 11, 12.5), make_timestamp(2020, 1, 2, 3, 4, 5.5),
       make_interval(1, 2, 3, 4, 5, 6, 7.5), make_interval(), make_interval(0, 0, 0, 0, 25);
SELECT make_date(2020, 2, 30);
SELECT to_timestamp(1583316672.5), isfinite(date 'infinity'), isfinite(timestamp '2020-01-01'), isfinite(interval '1 day');
-- casts among the types
SELECT date '2020-01-01'::timestamp AS d_ts, date '2020-01-01'::timestamptz AS d_tz,
       timestamp '2020-01-01 10:00'::date AS ts_d, timestamp '2020-01-01 10:00'::time AS ts_t,
       timestamptz '2020-01-01 23:00-05'::date AS tz_d, interval '25 hours'::time AS i_t, time '10:00'::interval AS t_i;
SELECT date '2020-01-01' < timestamp '2020-01-01 00:00:01' AS lt, timestamp '2020-01-01' = date '2020-01-01' AS eq,
       date '2020-01-01' = timestamptz '2020-01-01 00:00+00' AS eq_tz,
       date '2020-01-01' IN (date '2020-01-01', date '2020-01-02') AS in_list,
       date '2020-01-01' BETWEEN date '2019-01-01' AND date '2021-01-01' AS btw;
SELECT greatest(date '2020-01-01', date '2021-01-01'), least(interval '1 day', interval '23 hours'),
       CASE WHEN true THEN date '2020-01-01' ELSE timestamp '2020-01-01 10:00' END AS common;
SELECT 'now'::date = current_date AS today, now() - now() AS zero, current_date - 1 < current_date AS yesterday,
       pg_typeof(current_date), pg_typeof(localtimestamp), pg_typeof(localtime), pg_typeof(now() - now());
-- AT TIME ZONE and timezone()
SELECT timestamp '2020-01-01 10:00' AT TIME ZONE 'UTC' AS at_utc,
       timestamptz '2020-01-01 10:00+00' AT TIME ZONE 'America/New_York' AS at_ny,
       timezone('Europe/Berlin', timestamptz '2020-07-01 10:00+00') AS fn;
SELECT timestamp '2020-01-01 10:00' AT TIME ZONE 'Mars/Base';
-- to_char
SELECT to_char(timestamp '2020-03-04 15:06:07.123456', 'YYYY-MM-DD HH24:MI:SS.MS.US') AS c1,
       to_char(timestamp '2020-03-04 15:06:07', 'Day, DD Month YYYY HH12:MI AM') AS c2,
       to_char(timestamp '2020-03-04 15:06:07', 'FMDay, FMDD FMMonth YYYY FMHH12:MI pm') AS c3;
SELECT to_char(timestamp '2020-03-04 15:06:07', 'DY dy Dy MON mon Mon Q WW IW DDD D ID J YY YYY Y CC') AS c4,
       to_char(timestamp '2020-03-01 15:06:07', 'DDth ddTH FMDDth "text" HH:MI:SS') AS c5;
SELECT to_char(timestamptz '2020-03-04 15:06:07+02', 'YYYY-MM-DD HH24:MI:SS TZ OF') AS c6,
       to_char(interval '1 day 02:03:04', 'HH24:MI:SS DD') AS c7, to_char(date '2020-03-04', 'YYYY/MM/DD') AS c8,
       to_char(timestamp '0044-03-15 BC', 'YYYY BC B.C. AD') AS c9;
