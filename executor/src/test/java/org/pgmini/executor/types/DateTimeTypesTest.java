package org.pgmini.executor.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.executor.TestSession;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.IntervalValue;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.tuple.TupleDesc;

/**
 * Text/binary I/O of the types added for tables (each expected text checked against
 * PostgreSQL 15 with the same input and settings), and the round trip of every one of them
 * through StorageValues and storage's TupleCodec.
 */
class DateTimeTypesTest {
    private static Object roundTrip(PgType t, Object v) {
        return t.receive(t.send(v));
    }

    private static String io(PgType t, String text, TestSession s) {
        return t.output(t.input(text, -1, s), s);
    }

    private static String io(PgType t, String text) {
        return io(t, text, new TestSession());
    }

    private static String state(Runnable r) {
        return assertThrows(PgException.class, r::run).sqlState();
    }

    @Test
    void oidIsUnsigned() {
        assertEquals("4294967295", io(PgTypes.OID, "-1"));
        assertEquals("2147483648", io(PgTypes.OID, "-2147483648"));
        assertEquals("12", io(PgTypes.OID, " 12 "));
        assertEquals(-1, PgTypes.OID.input("4294967295", -1));
        assertEquals("22003", state(() -> PgTypes.OID.input("4294967296", -1)));
        assertEquals("22003", state(() -> PgTypes.OID.input("-2147483649", -1)));
        assertEquals("22P02", state(() -> PgTypes.OID.input("", -1)));
        assertEquals(-7, roundTrip(PgTypes.OID, -7));
    }

    @Test
    void charIsOneByte() {
        assertEquals("a", io(PgTypes.CHAR, "abc"));
        assertEquals("", io(PgTypes.CHAR, ""));
        assertEquals("A", io(PgTypes.CHAR, "\\101"));
        assertEquals("\\303", io(PgTypes.CHAR, "é"));
        assertEquals((byte) -56, PgTypes.CHAR.input("\\310", -1));
        assertEquals("22003", state(() -> CharType.fromInt(128)));
        assertEquals((byte) 'x', roundTrip(PgTypes.CHAR, (byte) 'x'));
        assertEquals(PgTypes.CHAR, PgTypes.byName("\"char\""));
        assertEquals(PgTypes.BPCHAR, PgTypes.byName("char"));
    }

    @Test
    void dateInputForms() {
        for (String s : new String[] {"2020-01-05", "January 5, 2020", "2020-Jan-05", "05-Jan-2020", "Jan-05-2020",
                "20200105", "200105", "1/5/20", "Jan 5 20", "5 January 2020", "Sun Jan 5 2020", "2020 Jan 5", "2020.005",
                "J2458854", "2020-01-05 10:00:00"}) {
            assertEquals("2020-01-05", io(PgTypes.DATE, s), s);
        }
        assertEquals("1970-01-01", io(PgTypes.DATE, "epoch"));
        assertEquals("infinity", io(PgTypes.DATE, "infinity"));
        assertEquals("-infinity", io(PgTypes.DATE, "-infinity"));
        assertEquals("0001-01-01 BC", io(PgTypes.DATE, "0001-01-01 BC"));
        assertEquals("4714-11-24 BC", io(PgTypes.DATE, "4714-11-24 BC"));
        assertEquals("5874897-12-31", io(PgTypes.DATE, "5874897-12-31"));
        assertEquals("22008", state(() -> io(PgTypes.DATE, "2020-13-01")));
        assertEquals("22008", state(() -> io(PgTypes.DATE, "2020-02-30")));
        assertEquals("22008", state(() -> io(PgTypes.DATE, "99-01-08")));
        assertEquals("22008", state(() -> io(PgTypes.DATE, "5874898-01-01")));
        assertEquals("22008", state(() -> io(PgTypes.DATE, "4714-11-23 BC")));
        PgException e = assertThrows(PgException.class, () -> io(PgTypes.DATE, "foo"));
        assertEquals("22007", e.sqlState());
        assertEquals("invalid input syntax for type date: \"foo\"", e.getMessage());
        PgException hint = assertThrows(PgException.class, () -> io(PgTypes.DATE, "13/01/2020"));
        assertEquals("Perhaps you need a different \"datestyle\" setting.", hint.hint());
    }

    @Test
    void dateStyles() {
        TestSession s = new TestSession();
        s.values.put("DateStyle", "ISO, DMY");
        assertEquals("2020-02-01", io(PgTypes.DATE, "01/02/2020", s));
        s.values.put("DateStyle", "SQL, DMY");
        assertEquals("01/07/2020", io(PgTypes.DATE, "2020-07-01", s));
        assertEquals("01/07/2020 12:00:00", io(PgTypes.TIMESTAMP, "2020-07-01 12:00", s));
        s.values.put("DateStyle", "Postgres, MDY");
        s.values.put("TimeZone", "Europe/Berlin");
        assertEquals("Wed Jul 01 12:00:00.5 2020 CEST", io(PgTypes.TIMESTAMPTZ, "2020-07-01 12:00:00.5", s));
        assertEquals("07-01-2020", io(PgTypes.DATE, "2020-07-01", s));
        assertEquals("Wed Jul 01 12:00:00 2020", io(PgTypes.TIMESTAMP, "2020-07-01 12:00", s));
        s.values.put("DateStyle", "German");
        s.values.put("TimeZone", "<+03>-03");
        assertEquals("01.07.2020 12:00:00.5 +03", io(PgTypes.TIMESTAMPTZ, "2020-07-01 12:00:00.5", s));
        assertEquals("01.07.2020", io(PgTypes.DATE, "2020-07-01", s));
    }

    @Test
    void timestampsAndZones() {
        assertEquals("2020-01-05 10:11:12.123457", io(PgTypes.TIMESTAMP, "2020-01-05 10:11:12.1234567"));
        assertEquals("2020-01-06 00:00:00", io(PgTypes.TIMESTAMP, "2020-01-05 24:00"));
        assertEquals("2020-01-05 10:00:00", io(PgTypes.TIMESTAMP, "2020-01-05 10:00+05"));
        assertEquals("1970-01-01 00:00:00", io(PgTypes.TIMESTAMP, "epoch"));
        assertEquals("294276-12-31 23:59:59.999999", io(PgTypes.TIMESTAMP, "294276-12-31 23:59:59.999999"));
        assertEquals("22008", state(() -> io(PgTypes.TIMESTAMP, "294277-01-01")));
        assertEquals("22008", state(() -> io(PgTypes.TIMESTAMP, "2020-01-01 25:00")));
        assertEquals("2020-01-05 10:11:12+00", io(PgTypes.TIMESTAMPTZ, "2020-01-05T10:11:12Z"));
        assertEquals("2020-01-05 18:11:12+00", io(PgTypes.TIMESTAMPTZ, "2020-01-05 10:11:12 PST"));
        assertEquals("2020-01-05 05:00:00+00", io(PgTypes.TIMESTAMPTZ, "2020-01-05 -5"));
        assertEquals("2020-01-05 04:30:00+00", io(PgTypes.TIMESTAMPTZ, "2020-01-05 10:00+0530"));
        assertEquals("2020-01-02 04:00:00+00", io(PgTypes.TIMESTAMPTZ, "2020-01-01 23:00-05"));
        assertEquals("2020-01-01 15:00:00+00", io(PgTypes.TIMESTAMPTZ, "2020-01-01 10:00 America/New_York"));
        assertEquals("0001-01-01 00:00:00+00 BC", io(PgTypes.TIMESTAMPTZ, "0001-01-01 BC"));
        TestSession ny = new TestSession();
        ny.values.put("TimeZone", "America/New_York");
        assertEquals("2020-11-01 01:30:00-05", io(PgTypes.TIMESTAMPTZ, "2020-11-01 01:30", ny));
        assertEquals("2020-03-08 03:30:00-04", io(PgTypes.TIMESTAMPTZ, "2020-03-08 02:30", ny));
        assertEquals("1800-01-01 00:00:00-04:56:02", io(PgTypes.TIMESTAMPTZ, "1800-01-01", ny));
        assertEquals("infinity", io(PgTypes.TIMESTAMPTZ, "infinity"));
        assertEquals("22:00:00", io(PgTypes.TIME, "10:00 pm"));
        assertEquals("00:30:00", io(PgTypes.TIME, "12:30 am"));
        assertEquals("00:00:00", io(PgTypes.TIME, "allballs"));
        assertEquals("22008", state(() -> io(PgTypes.TIME, "10:61")));
    }

    @Test
    void nowAndTodayUseTheTransactionStart() {
        TestSession s = new TestSession();
        s.transactionStart = Instant.parse("2021-06-15T23:30:00Z");
        assertEquals("2021-06-15", io(PgTypes.DATE, "today", s));
        assertEquals("2021-06-16", io(PgTypes.DATE, "tomorrow", s));
        assertEquals("2021-06-14 00:00:00", io(PgTypes.TIMESTAMP, "yesterday", s));
        assertEquals("2021-06-15 23:30:00+00", io(PgTypes.TIMESTAMPTZ, "now", s));
        s.values.put("TimeZone", "Asia/Tokyo");
        assertEquals("2021-06-16", io(PgTypes.DATE, "today", s));
    }

    @Test
    void intervalInputAndStyles() {
        String[][] cases = {
            {"1.5 years", "1 year 6 mons"}, {"1.5 mons", "1 mon 15 days"}, {"1.5 weeks", "10 days 12:00:00"},
            {"-1.5 days", "-1 days -12:00:00"}, {"1 day -2 hours", "1 day -02:00:00"}, {"-1 days +2 hours", "-1 days +02:00:00"},
            {"@ 1 hour ago", "-01:00:00"}, {"1 2:03:04", "1 day 02:03:04"}, {"5", "00:00:05"}, {"1-2", "1 year 2 mons"},
            {"P1Y2M3DT4H5M6.5S", "1 year 2 mons 3 days 04:05:06.5"}, {"100000 hours", "100000:00:00"}, {"1day", "1 day"},
            {"0.1 sec", "00:00:00.1"}, {"2 decades 1 century 1 millennium", "1120 years"}, {"0", "00:00:00"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], io(PgTypes.INTERVAL, c[0]), c[0]);
        }
        assertEquals("22007", state(() -> io(PgTypes.INTERVAL, "1 foo")));
        assertEquals("22007", state(() -> io(PgTypes.INTERVAL, "1 2 3")));
        assertEquals("22015", state(() -> io(PgTypes.INTERVAL, "2147483648 days")));
        TestSession s = new TestSession();
        s.values.put("IntervalStyle", "iso_8601");
        assertEquals("P1Y2M-3DT4H5M6.5S", io(PgTypes.INTERVAL, "1 year 2 mons -3 days 04:05:06.5", s));
        assertEquals("PT0S", io(PgTypes.INTERVAL, "0", s));
        s.values.put("IntervalStyle", "sql_standard");
        assertEquals("+1-0 -3 +0:00:00", io(PgTypes.INTERVAL, "1 year -3 days", s));
        assertEquals("-4:05:06", io(PgTypes.INTERVAL, "-04:05:06", s));
        assertEquals("3 4:05:06", io(PgTypes.INTERVAL, "3 days 04:05:06", s));
        s.values.put("IntervalStyle", "postgres_verbose");
        assertEquals("@ 1 year 2 mons -3 days 4 hours 5 mins 6.5 secs", io(PgTypes.INTERVAL, "1 year 2 mons -3 days 04:05:06.5", s));
        assertEquals("@ 1 day 2 hours ago", io(PgTypes.INTERVAL, "-1 day -2 hours", s));
        assertEquals("@ 1.5 secs ago", io(PgTypes.INTERVAL, "-1.5 sec", s));
    }

    @Test
    void byteaAndLsn() {
        assertEquals("\\x0a", io(PgTypes.BYTEA, "\\x0a"));
        assertEquals("\\x61626364", io(PgTypes.BYTEA, "\\x61 62 6364"));
        assertEquals("\\x6162635c6401", io(PgTypes.BYTEA, "abc\\\\d\\001"));
        assertEquals("22023", state(() -> io(PgTypes.BYTEA, "\\x0 a")));
        assertEquals("22023", state(() -> io(PgTypes.BYTEA, "\\xg0")));
        assertEquals("22P02", state(() -> io(PgTypes.BYTEA, "a\\9")));
        TestSession s = new TestSession();
        s.values.put("bytea_output", "escape");
        assertEquals("a\\\\b\\001\\303\\251", io(PgTypes.BYTEA, "a\\\\b\\001é", s));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) roundTrip(PgTypes.BYTEA, new byte[] {1, 2}));
        assertEquals("16/B374D848", io(PgTypes.PG_LSN, "16/b374d848"));
        assertEquals("FFFFFFFF/FFFFFFFF", io(PgTypes.PG_LSN, "FFFFFFFF/FFFFFFFF"));
        assertEquals("22P02", state(() -> io(PgTypes.PG_LSN, "x")));
        assertEquals("22P02", state(() -> io(PgTypes.PG_LSN, "123456789/0")));
        assertEquals(-1L, roundTrip(PgTypes.PG_LSN, -1L));
    }

    @Test
    void binaryFormsAreMicrosecondsSince2000() {
        assertEquals(-10957, PgTypes.DATE.input("1970-01-01", -1));
        assertEquals(0L, PgTypes.TIMESTAMP.input("2000-01-01", -1));
        assertEquals(86_400_000_000L + 1, PgTypes.TIMESTAMP.input("2000-01-02 00:00:00.000001", -1));
        assertEquals(DateTimes.TS_NOEND, PgTypes.TIMESTAMP.input("infinity", -1));
        assertEquals(123, roundTrip(PgTypes.DATE, 123));
        assertEquals(5L, roundTrip(PgTypes.TIMESTAMP, 5L));
        assertEquals(Instant.parse("2020-01-01T00:00:00.000001Z"), roundTrip(PgTypes.TIMESTAMPTZ, Instant.parse("2020-01-01T00:00:00.000001Z")));
        assertEquals(new IntervalValue(1, 2, 3), roundTrip(PgTypes.INTERVAL, new IntervalValue(1, 2, 3)));
        assertEquals(36_000_000_000L, roundTrip(PgTypes.TIME, 36_000_000_000L));
        assertEquals("22008", state(() -> PgTypes.TIMESTAMP.receive(java.nio.ByteBuffer.allocate(8).putLong(DateTimes.END_TIMESTAMP).array())));
    }

    @Test
    void everyStoredTypeRoundTripsThroughTupleCodec() {
        Object[][] cases = {
            {PgTypes.OID, AttributeType.OID, PgTypes.OID.input("4294967295", -1)},
            {PgTypes.CHAR, AttributeType.CHAR, PgTypes.CHAR.input("\\303", -1)},
            {PgTypes.DATE, AttributeType.DATE, PgTypes.DATE.input("0044-03-15 BC", -1)},
            {PgTypes.DATE, AttributeType.DATE, PgTypes.DATE.input("infinity", -1)},
            {PgTypes.TIMESTAMP, AttributeType.TIMESTAMP, PgTypes.TIMESTAMP.input("2024-02-29 12:34:56.789012", -1)},
            {PgTypes.TIMESTAMP, AttributeType.TIMESTAMP, PgTypes.TIMESTAMP.input("-infinity", -1)},
            {PgTypes.TIMESTAMPTZ, AttributeType.TIMESTAMPTZ, PgTypes.TIMESTAMPTZ.input("1999-12-31 23:59:59.999999-08", -1)},
            {PgTypes.TIMESTAMPTZ, AttributeType.TIMESTAMPTZ, PgTypes.TIMESTAMPTZ.input("infinity", -1)},
            {PgTypes.TIMESTAMPTZ, AttributeType.TIMESTAMPTZ, PgTypes.TIMESTAMPTZ.input("-infinity", -1)},
            {PgTypes.INTERVAL, AttributeType.INTERVAL, PgTypes.INTERVAL.input("-1 year 2 days 03:04:05.6", -1)},
            {PgTypes.BYTEA, AttributeType.BYTEA, PgTypes.BYTEA.input("\\x00ff10", -1)},
        };
        TestSession s = new TestSession();
        for (Object[] c : cases) {
            PgType t = (PgType) c[0];
            TupleDesc desc = TupleDesc.of(new Attribute("a", (AttributeType) c[1]), new Attribute("b", AttributeType.INT4));
            Object stored = StorageValues.toStorage(t.oid(), c[2]);
            assertEquals(((AttributeType) c[1]).javaClass() == Object.class ? stored.getClass() : ((AttributeType) c[1]).javaClass(),
                    stored.getClass(), t.name());
            Object[] back = TupleCodec.deform(desc, TupleCodec.form(desc, new Object[] {stored, 7}));
            Object value = StorageValues.fromStorage(t.oid(), back[0]);
            assertEquals(t.output(c[2], s), t.output(value, s), t.name());
            assertEquals(7, back[1]);
        }
        assertEquals("infinity", PgTypes.TIMESTAMPTZ.output(StorageValues.fromStorage(1184, Long.MAX_VALUE), s));
        assertNull(StorageValues.toStorage(1082, null));
        assertEquals(List.of(Long.MAX_VALUE), List.of(StorageValues.toStorage(1184, TimestamptzType.POS_INFINITY)));
    }
}
