package org.pgmini.executor.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

class PgTypesTest {
    private static Object roundTrip(PgType t, Object v) {
        return t.receive(t.send(v));
    }

    @Test
    void registryByOidAndName() {
        assertSame(PgTypes.INT4, PgTypes.byOid(23));
        assertSame(PgTypes.TEXT, PgTypes.byOid(25));
        assertSame(PgTypes.NUMERIC, PgTypes.byOid(1700));
        assertSame(PgTypes.FLOAT8, PgTypes.byName("double precision"));
        assertSame(PgTypes.BPCHAR, PgTypes.byName("character"));
        assertEquals(null, PgTypes.byOid(999999));
    }

    @Test
    void integersInputOutputBinary() {
        assertEquals((short) 123, PgTypes.INT2.input("  123  ", -1));
        assertEquals(-2147483648, PgTypes.INT4.input("-2147483648", -1));
        assertEquals(Long.MIN_VALUE, PgTypes.INT8.input("-9223372036854775808", -1));
        assertEquals(17, PgTypes.INT4.input("+17", -1));
        for (String bad : new String[] {"abc", "12abc", "", "1.5", "0x1F", " "}) {
            PgException e = assertThrows(PgException.class, () -> PgTypes.INT4.input(bad, -1));
            assertEquals("22P02", e.sqlState());
        }
        assertEquals("22003", assertThrows(PgException.class, () -> PgTypes.INT2.input("32768", -1)).sqlState());
        assertEquals("22003", assertThrows(PgException.class, () -> PgTypes.INT8.input("9223372036854775808", -1)).sqlState());
        assertEquals(Integer.MIN_VALUE, roundTrip(PgTypes.INT4, Integer.MIN_VALUE));
        assertEquals((short) -5, roundTrip(PgTypes.INT2, (short) -5));
        assertEquals(Long.MAX_VALUE, roundTrip(PgTypes.INT8, Long.MAX_VALUE));
        assertEquals("22P03", assertThrows(PgException.class, () -> PgTypes.INT4.receive(new byte[3])).sqlState());
    }

    @Test
    void boolSpellings() {
        for (String t : new String[] {"t", "true", "yes", "on", "1", "TRUE", " y "}) {
            assertEquals(true, PgTypes.BOOL.input(t, -1), t);
        }
        for (String f : new String[] {"f", "false", "no", "off", "0", "  false "}) {
            assertEquals(false, PgTypes.BOOL.input(f, -1), f);
        }
        assertThrows(PgException.class, () -> PgTypes.BOOL.input("o", -1));
        assertEquals("t", PgTypes.BOOL.output(true, null));
        assertEquals(false, roundTrip(PgTypes.BOOL, false));
    }

    @Test
    void numericTextAndBinary() {
        assertEquals("42.50", PgTypes.NUMERIC.output(PgTypes.NUMERIC.input("  42.50  ", -1), null));
        assertEquals("-0.5", PgTypes.NUMERIC.output(PgTypes.NUMERIC.input("-.5", -1), null));
        assertEquals("1000", PgTypes.NUMERIC.output(PgTypes.NUMERIC.input("1e3", -1), null));
        assertEquals("3.14", PgTypes.NUMERIC.output(PgTypes.NUMERIC.input("3.14159", NumericType.typmod(5, 2)), null));
        assertSame(NumericSpecial.NAN, PgTypes.NUMERIC.input("nan", -1));
        assertThrows(PgException.class, () -> PgTypes.NUMERIC.input("1e", -1));
        for (String s : new String[] {"0", "0.00", "123456789.000123", "-98765.4321", "0.0001", "10000", "1e-20", "12345678901234567890.123456789"}) {
            BigDecimal d = (BigDecimal) PgTypes.NUMERIC.input(s, -1);
            assertEquals(d, roundTrip(PgTypes.NUMERIC, d), s);
        }
        assertSame(NumericSpecial.NAN, roundTrip(PgTypes.NUMERIC, NumericSpecial.NAN));
    }

    @Test
    void floatsTextAndBinary() {
        assertEquals(1.5, PgTypes.FLOAT8.input("1.5", -1));
        assertEquals(Double.POSITIVE_INFINITY, PgTypes.FLOAT8.input("inf", -1));
        assertEquals("22P02", assertThrows(PgException.class, () -> PgTypes.FLOAT8.input("xyz", -1)).sqlState());
        assertEquals("22P02", assertThrows(PgException.class, () -> PgTypes.FLOAT8.input("  ", -1)).sqlState());
        assertEquals("22003", assertThrows(PgException.class, () -> PgTypes.FLOAT8.input("1e400", -1)).sqlState());
        assertEquals("22003", assertThrows(PgException.class, () -> PgTypes.FLOAT4.input("1e39", -1)).sqlState());
        assertEquals("1.2345678901234568e+17", FloatFormat.format(123456789012345678.0, 1));
        assertEquals("1e-320", FloatFormat.format(1e-320, 1));
        assertEquals(0.1, roundTrip(PgTypes.FLOAT8, 0.1));
        assertEquals(0.1f, roundTrip(PgTypes.FLOAT4, 0.1f));
    }

    @Test
    void charactersAndTimestamps() {
        assertEquals("ab   ", PgTypes.BPCHAR.input("ab", 5 + 4));
        assertEquals("22001", assertThrows(PgException.class, () -> PgTypes.VARCHAR.input("abcdef", 3 + 4)).sqlState());
        assertEquals("héllo", roundTrip(PgTypes.TEXT, "héllo"));
        Instant i = Instant.parse("2024-01-02T03:04:05.123456Z");
        assertEquals("2024-01-02 03:04:05.123456+00", PgTypes.TIMESTAMPTZ.output(i, null));
        assertEquals(i, roundTrip(PgTypes.TIMESTAMPTZ, i));
        org.pgmini.executor.TestSession session = new org.pgmini.executor.TestSession();
        session.values.put("TimeZone", "America/Los_Angeles");
        session.values.put("DateStyle", "Postgres, MDY");
        assertEquals("Mon Jan 01 19:04:05.123456 2024 PST", PgTypes.TIMESTAMPTZ.output(i, session));
        session.values.put("DateStyle", "ISO, MDY");
        assertEquals("2024-01-01 19:04:05.123456-08", PgTypes.TIMESTAMPTZ.output(i, session));
        session.values.put("DateStyle", "SQL, DMY");
        assertEquals("01/01/2024 19:04:05.123456 PST", PgTypes.TIMESTAMPTZ.output(i, session));
        assertEquals(i, PgTypes.TIMESTAMPTZ.input("2024-01-02 04:04:05.123456+01", -1));
    }
}
