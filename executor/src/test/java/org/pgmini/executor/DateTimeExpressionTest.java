package org.pgmini.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/**
 * Operators, functions and casts of oid, "char", date/time types, bytea and pg_lsn through the
 * whole engine (parse, analysis, evaluation); every expected value is PostgreSQL 15's for the
 * same statement and settings (session TimeZone UTC, DateStyle ISO/MDY unless set).
 */
class DateTimeExpressionTest extends EngineTestSupport {
    @Test
    void oidAndCharOperatorsAndCasts() {
        assertRow("select 3000000000::oid, (-1)::oid, 5::int8::oid, (-1)::oid::int4, 4294967295::oid::int8",
                "3000000000", "4294967295", "5", "-1", "4294967295");
        assertRow("select '-1'::oid > '1'::oid, 1::oid = 1, pg_typeof(1::oid), pg_typeof(coalesce(1, 2::oid))",
                "t", "t", "oid", "oid");
        assertError("select 4294967296::int8::oid", "22003", "OID out of range");
        assertError("select 1::oid + 1", "42883", "operator does not exist: oid + integer");
        assertRow("select 'abc'::\"char\", '\\101'::\"char\", 'é'::\"char\", 65::\"char\", 'A'::\"char\"::int, (-56)::\"char\"",
                "a", "A", "\\303", "A", "65", "\\310");
        assertRow("select pg_typeof('a'::\"char\"), 'ab'::char(2)::\"char\", 'x'::\"char\"::varchar, 'x'::\"char\" > 'é'::\"char\"",
                "\"char\"", "a", "x", "f");
        assertRow("select ''::text::\"char\"::int, 'bc'::varchar::\"char\", 'a'::\"char\"::char(3) || '|'", "0", "b", "a|");
        assertError("select 128::\"char\"", "22003", "\"char\" out of range");
    }

    @Test
    void typedConstantsAndColumnNames() {
        assertEquals(Arrays.asList("2020-01-05", "2020-01-05 10:11:12.5", "1 day", "2 days"),
                rows("select date '2020-01-05', timestamp '2020-01-05 10:11:12.5', interval '1 day', cast('2 days' as interval)").get(0));
        assertEquals("date", prepare("select date '2020-01-05'").columns().get(0).name());
        assertEquals("interval", prepare("select interval '1 day'").columns().get(0).name());
        assertEquals("extract", prepare("select extract(year from date '2020-01-05')").columns().get(0).name());
        PgException e = error("select interval 'foo'");
        assertEquals("22007", e.sqlState());
        assertEquals(17, e.position());
        assertEquals("0A000", error("select cast(1 as interval day)").sqlState());
    }

    @Test
    void dateAndTimestampArithmetic() {
        assertRow("select timestamp '2020-01-02' - timestamp '2020-01-01 12:00', timestamp '2020-01-01' - timestamp '2020-01-03 12:00',"
                + " date '2020-03-01' - date '2020-01-01', date '2020-01-01' + 30, 30 + date '2020-01-01', date '2020-01-01' - 1",
                "12:00:00", "-2 days -12:00:00", "60", "2020-01-31", "2020-01-31", "2019-12-31");
        assertRow("select timestamp '2020-01-31' + interval '1 mon', date '2020-01-31' + interval '1 mon 1 day 1 hour'",
                "2020-02-29 00:00:00", "2020-03-01 01:00:00");
        session.values.put("TimeZone", "Europe/Berlin");
        assertRow("select timestamptz '2020-03-28 12:00' + interval '1 day', timestamptz '2020-03-28 12:00' + interval '24 hours'",
                "2020-03-29 12:00:00+02", "2020-03-29 13:00:00+02");
        session.values.put("TimeZone", "UTC");
        assertRow("select time '10:00' + interval '15 hours', time '10:00' - time '11:30', date '2020-01-01' + time '10:00',"
                + " time '24:00' > time '23:59'", "01:00:00", "-01:30:00", "2020-01-01 10:00:00", "t");
        assertError("select '2020-01-01'::date - 'infinity'::date", "22008", "cannot subtract infinite dates");
        assertRow("select date 'infinity' > date '2020-01-01', timestamp '-infinity' < timestamp '2020-01-01',"
                + " date 'infinity'::timestamp, timestamp 'infinity' + interval '1 day', date 'infinity' + 1",
                "t", "t", "infinity", "infinity", "infinity");
    }

    @Test
    void intervalArithmeticAndJustify() {
        assertRow("select interval '1 mon' * 1.5, interval '1 day 3 hours' / 7, interval '1 year' / 7, -interval '1 day -3 hours',"
                + " interval '1 mon' = interval '30 days', interval '1 day' > interval '23 hours'",
                "1 mon 15 days", "03:51:25.714286", "1 mon 21 days 10:17:08.5344", "-1 days +03:00:00", "t", "t");
        assertRow("select justify_days(interval '65 days'), justify_hours(interval '50 hours'), justify_interval(interval '1 mon -1 hour'),"
                + " justify_days(interval '-65 days'), justify_interval(interval '-1 mon 40 days')",
                "2 mons 5 days", "2 days 02:00:00", "29 days 23:00:00", "-2 mons -5 days", "10 days");
        assertRow("select make_date(2020, 2, 29), make_interval(1, 2, 3, 4, 5, 6, 7.5), make_time(10, 11, 12.5),"
                + " make_timestamp(2020,1,2,3,4,5.5), make_interval(), make_interval(0, 0, 0, 0, 25)",
                "2020-02-29", "1 year 2 mons 25 days 05:06:07.5", "10:11:12.5", "2020-01-02 03:04:05.5", "00:00:00", "25:00:00");
        assertError("select make_date(2020, 2, 30)", "22008", "date field value out of range: 2020-02-30");
        assertRow("select age(timestamp '2020-03-01', timestamp '2019-01-31 10:00'), age(timestamp '2019-01-31', timestamp '2020-03-01 10:00')",
                "1 year 1 mon 14:00:00", "-1 years -1 mons -1 days -10:00:00");
    }

    @Test
    void extractDatePartAndDateTrunc() {
        assertRow("select extract(century from timestamp '2020-03-04 10:11:12.5'), extract(dow from timestamp '2020-03-08'),"
                + " extract(doy from timestamp '2020-03-04'), extract(isodow from timestamp '2020-03-08'), extract(isoyear from date '2021-01-01'),"
                + " extract(week from date '2021-01-01'), extract(julian from timestamp '2020-03-04 10:11:12.5'),"
                + " extract(microseconds from timestamp '2020-03-04 10:11:12.5'), extract(milliseconds from timestamp '2020-03-04 10:11:12.5'),"
                + " extract(second from time '10:11:12.5'), extract(epoch from time '10:11:12.5')",
                "21", "0", "64", "7", "2020", "53", "2458913.42445023148148148148", "12500000", "12500.000", "12.500000", "36672.500000");
        assertRow("select extract(julian from timestamp '2020-03-04'), extract(epoch from timestamp '1960-01-01 00:00:00.5'),"
                + " extract(year from date '0001-01-01 BC'), extract(decade from date '0005-01-01 BC'), extract(century from date '0100-01-01 BC'),"
                + " extract(quarter from interval '-5 mons'), extract(hour from interval '-3 days -25 hours -5 min'),"
                + " extract(epoch from interval '-1 year'), date_part('epoch', date '2020-01-01'), date_part('hour', date '2020-01-01')",
                "2458913.0000000000000000000000000000", "-315619199.500000", "-1", "-1", "-1", "0", "-25", "-31557600.000000",
                "1577836800", "0");
        assertEquals(Arrays.asList("Infinity", null, "Infinity"),
                rows("select extract(year from timestamp 'infinity'), extract(hour from timestamp 'infinity'), extract(epoch from date 'infinity')").get(0));
        session.values.put("TimeZone", "Asia/Kolkata");
        assertRow("select extract(timezone from timestamptz '2020-01-01'), date_part('timezone_minute', timestamptz '2020-01-01')", "19800", "30");
        session.values.put("TimeZone", "UTC");
        assertError("select extract(hour from date '2020-01-01')", "0A000", "unit \"hour\" not supported for type date");
        assertError("select extract(foo from date '2020-01-01')", "22023", "unit \"foo\" not recognized for type date");
        assertError("select date_trunc('dow', timestamp '2020-01-01')", "22023",
                "unit \"dow\" not recognized for type timestamp without time zone");
        assertError("select date_trunc('week', interval '1 day')", "0A000", "unit \"week\" not supported for type interval");
        assertRow("select date_trunc('day', timestamp 'infinity'), date_trunc('quarter', timestamp '2020-05-17 10:00'),"
                + " date_trunc('millennium', timestamp '2020-05-17'), date_trunc('century', timestamp '2000-05-17'),"
                + " date_trunc('decade', timestamp '2019-05-17'), date_trunc('week', timestamp '2020-05-17 10:00')",
                "infinity", "2020-04-01 00:00:00", "2001-01-01 00:00:00", "1901-01-01 00:00:00", "2010-01-01 00:00:00", "2020-05-11 00:00:00");
        assertRow("select date_trunc('hour', interval '1 year 2 mons 3 days 04:05:06.5'), date_trunc('quarter', interval '1 year 5 mons')",
                "1 year 2 mons 3 days 04:00:00", "1 year 3 mons");
        session.values.put("TimeZone", "Europe/Berlin");
        assertRow("select date_trunc('day', timestamptz '2020-05-17 23:30+00'), date_trunc('day', timestamptz '2020-05-17 23:30+00', 'UTC')",
                "2020-05-18 00:00:00+02", "2020-05-17 02:00:00+02");
        session.values.put("TimeZone", "Asia/Kolkata");
        assertRow("select extract(timezone_hour from timestamptz '2020-01-01'), extract(timezone_minute from timestamptz '2020-01-01'),"
                + " extract('year' from date '2020-01-01')", "5", "30", "2020");
    }

    @Test
    void toCharPatterns() {
        assertRow("select to_char(timestamp '2020-03-04 15:06:07.123456', 'YYYY-MM-DD HH24:MI:SS.MS.US'),"
                + " to_char(timestamp '2020-03-04 15:06:07', 'Day, DD Month YYYY HH12:MI AM'),"
                + " to_char(timestamp '2020-03-04 15:06:07', 'FMDay, FMDD FMMonth YYYY FMHH12:MI pm')",
                "2020-03-04 15:06:07.123.123456", "Wednesday, 04 March     2020 03:06 PM", "Wednesday, 4 March 2020 3:06 pm");
        assertRow("select to_char(timestamp '2020-03-04 15:06:07', 'DY dy Dy MON mon Mon Q WW IW DDD D ID J YY YYY Y CC'),"
                + " to_char(timestamp '2020-03-01 15:06:07', 'DDth ddTH FMDDth \"text\" HH:MI:SS')",
                "WED wed Wed MAR mar Mar 1 10 10 064 4 3 2458913 20 020 0 21", "01st 01ST 1st text 03:06:07");
        assertRow("select to_char(timestamptz '2020-03-04 15:06:07+02', 'YYYY-MM-DD HH24:MI:SS TZ OF tz'),"
                + " to_char(interval '1 day 02:03:04', 'HH24:MI:SS DD'), to_char(date '2020-03-04', 'YYYY/MM/DD'),"
                + " to_char(timestamp '0044-03-15 BC', 'YYYY BC B.C. AD'), to_char(timestamp '2020-03-04 00:06:07', 'HH12 HH AM a.m.')",
                "2020-03-04 13:06:07 UTC +00 utc", "02:03:04 01", "2020/03/04", "0044 BC B.C. BC", "12 12 AM a.m.");
        assertRow("select to_char(timestamp '2020-03-04', 'SSSS TZH:TZM RM rm IYYY'),"
                + " to_char(timestamp '2020-12-31 23:59:59', 'FMMonth FMDDth, YYYY \"at\" FMHH12 PM W')",
                "0 +00:00 III  iii  2020", "December 31st, 2020 at 11 PM 5");
        assertEquals("0A000", error("select to_char(interval '1 day', 'Day')").sqlState());
    }

    @Test
    void castsAmongDateTimeTypes() {
        assertRow("select date '2020-01-01'::timestamp, date '2020-01-01'::timestamptz, timestamp '2020-01-01 10:00'::date,"
                + " timestamp '2020-01-01 10:00'::time, timestamptz '2020-01-01 23:00-05'::date, interval '25 hours'::time,"
                + " time '10:00'::interval, '2020-01-01'::date::text",
                "2020-01-01 00:00:00", "2020-01-01 00:00:00+00", "2020-01-01", "10:00:00", "2020-01-02", "01:00:00", "10:00:00", "2020-01-01");
        assertRow("select date '2020-01-01' < timestamp '2020-01-01 00:00:01', timestamp '2020-01-01' = date '2020-01-01',"
                + " date '2020-01-01' = timestamptz '2020-01-01 00:00+00', date '2020-01-01' in (date '2020-01-01', date '2020-01-02')",
                "t", "t", "t", "t");
        assertRow("select greatest(date '2020-01-01', date '2021-01-01'), least(interval '1 day', interval '23 hours'),"
                + " case when true then date '2020-01-01' else timestamp '2020-01-01 10:00' end",
                "2021-01-01", "23:00:00", "2020-01-01 00:00:00");
        assertRow("select '2020-01-01 10:00:00.5'::timestamp(0), '10:00:00.555'::time(1), cast('2020-01-01 10:00:00.12345' as timestamp(3)),"
                + " '2020-01-01 10:00:00.555+00'::timestamptz(2), cast('2020-01-01 10:00:00.5+00' as timestamptz(0))",
                "2020-01-01 10:00:01", "10:00:00.6", "2020-01-01 10:00:00.123", "2020-01-01 10:00:00.56+00", "2020-01-01 10:00:01+00");
        assertRow("select 'now'::date = current_date, 'today'::timestamp = current_date, pg_typeof(current_date),"
                + " pg_typeof(localtimestamp), pg_typeof(now() - now())",
                "t", "t", "date", "timestamp without time zone", "interval");
    }

    @Test
    void atTimeZone() {
        assertRow("select timestamp '2020-01-01 10:00' at time zone 'UTC', timestamptz '2020-01-01 10:00+00' at time zone 'America/New_York',"
                + " timestamptz '2020-01-01 10:00+00' at time zone 'PST' + interval '1 hour', date '2020-01-01' at time zone 'UTC'",
                "2020-01-01 10:00:00+00", "2020-01-01 05:00:00", "2020-01-01 03:00:00", "2020-01-01 00:00:00");
        assertError("select timestamp '2020-01-01 10:00' at time zone 'Mars/Base'", "22023", "time zone \"Mars/Base\" not recognized");
    }

    @Test
    void literalsAreReadInTheExecutingSession() {
        // one cached plan, two TimeZone settings: the literal is read when the statement runs
        String sql = "select '2020-07-01 12:00'::timestamptz";
        assertEquals("2020-07-01 12:00:00+00", value(sql));
        session.values.put("TimeZone", "America/New_York");
        assertEquals("2020-07-01 12:00:00-04", value(sql));
    }

    @Test
    void byteaFunctions() {
        assertRow("select encode('\\x00ff5c41'::bytea, 'hex'), encode('hello world'::bytea, 'base64'), decode('aGVsbG8=', 'base64'),"
                + " decode('00ff', 'hex'), decode('a\\\\b\\001', 'escape')",
                "00ff5c41", "aGVsbG8gd29ybGQ=", "\\x68656c6c6f", "\\x00ff", "\\x615c6201");
        assertRow("select md5('abc'), md5('abc'::bytea), sha256('abc'::bytea), length('\\x0102'::bytea), octet_length('\\x0102'::bytea),"
                + " '\\x01'::bytea || '\\x02'::bytea, get_byte('\\x0102'::bytea, 1), '\\x01'::bytea < '\\x0100'::bytea",
                "900150983cd24fb0d6963f7d28e17f72", "900150983cd24fb0d6963f7d28e17f72",
                "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "2", "2", "\\x0102", "2", "t");
        assertError("select encode('\\x00'::bytea, 'foo')", "22023", "unrecognized encoding: \"foo\"");
        assertError("select decode('abc', 'hex')", "22023", "invalid hexadecimal data: odd number of digits");
        session.values.put("bytea_output", "escape");
        assertEquals("a\\\\b\\001\\303\\251", value("select 'a\\\\b\\001é'::bytea"));
    }

    @Test
    void lsnArithmeticAndWalFunctions() {
        assertRow("select '0/16B3748'::pg_lsn, '16/B374D848'::pg_lsn - '0/0', '0/1'::pg_lsn + 5, pg_lsn '1/0' > '0/FFFFFFFF',"
                + " '0/0'::pg_lsn - '0/1'::pg_lsn, pg_wal_lsn_diff('1/0', '0/0')",
                "0/16B3748", "97500059720", "0/6", "t", "-1", "4294967296");
        assertError("select '0/1'::pg_lsn - 2", "22023", "pg_lsn out of range");
        assertEquals("0A000", error("select pg_current_wal_lsn()").sqlState());
        session.database = new WalOnlyDatabase(0x16B3748L);
        assertRow("select pg_current_wal_lsn(), pg_current_wal_insert_lsn() - pg_current_wal_lsn(), pg_walfile_name('0/16B3748')",
                "0/16B3748", "8", "000000010000000000000001");
    }

    /** A session's database that answers only the WAL position calls (what these functions use). */
    private static final class WalOnlyDatabase implements org.pgmini.executor.api.DatabaseAccess {
        private final long lsn;

        WalOnlyDatabase(long lsn) {
            this.lsn = lsn;
        }

        @Override public org.pgmini.storage.catalog.Catalog catalog() { throw new UnsupportedOperationException(); }
        @Override public org.pgmini.storage.heap.Heap heap() { throw new UnsupportedOperationException(); }
        @Override public org.pgmini.storage.xact.Transaction transaction() { throw new UnsupportedOperationException(); }
        @Override public long currentWalLsn() { return lsn; }
        @Override public long currentWalInsertLsn() { return lsn + 8; }
        @Override public String walFileName(long at) { return String.format("%08X%08X%08X", 1, at >>> 32, (at & 0xFFFFFFFFL) >>> 24); }
    }
}
