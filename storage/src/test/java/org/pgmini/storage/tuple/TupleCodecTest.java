package org.pgmini.storage.tuple;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TupleCodecTest {

    private static final TupleDesc ALL = TupleDesc.of(
            new Attribute("b", AttributeType.BOOL),
            new Attribute("i2", AttributeType.INT2),
            new Attribute("t", AttributeType.TEXT),
            new Attribute("i4", AttributeType.INT4),
            new Attribute("c", AttributeType.CHAR),
            new Attribute("i8", AttributeType.INT8),
            new Attribute("f4", AttributeType.FLOAT4),
            new Attribute("f8", AttributeType.FLOAT8),
            new Attribute("n", AttributeType.NUMERIC),
            new Attribute("vc", AttributeType.VARCHAR),
            new Attribute("bp", AttributeType.BPCHAR),
            new Attribute("d", AttributeType.DATE),
            new Attribute("ts", AttributeType.TIMESTAMP),
            new Attribute("tz", AttributeType.TIMESTAMPTZ),
            new Attribute("iv", AttributeType.INTERVAL),
            new Attribute("by", AttributeType.BYTEA),
            new Attribute("nm", AttributeType.NAME),
            new Attribute("o", AttributeType.OID));

    private static Object[] sample(String text) {
        return new Object[] {true, (short) -7, text, 123456, (byte) 'x', -9_000_000_000L, 1.5f, Math.PI,
                new BigDecimal("-12345.6789000"), "vc", "bp  ", 8766, 725_000_000_000_000L, -1L,
                new IntervalValue(3_600_000_000L, 2, 14), new byte[] {0, 1, (byte) 255}, "pg_class", 0xFFFFFFF0};
    }

    private static void assertRow(Object[] expected, Object[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] instanceof byte[] e) assertArrayEquals(e, (byte[]) actual[i], "column " + i);
            else assertEquals(expected[i], actual[i], "column " + i);
        }
    }

    @Test
    void roundTripAllTypes() {
        Object[] row = sample("hello");
        byte[] t = TupleCodec.form(ALL, row);
        assertRow(row, TupleCodec.deform(ALL, t));
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(ALL.natts(), HeapTupleHeader.natts(b, 0));
        assertEquals(0, HeapTupleHeader.infomask(b, 0) & HeapTupleHeader.HEAP_HASNULL);
        assertEquals(24, HeapTupleHeader.hoff(b, 0));
        assertNotEquals(0, HeapTupleHeader.infomask(b, 0) & HeapTupleHeader.HEAP_XMAX_INVALID);
    }

    @Test
    void longVarlenaUsesFourByteHeader() {
        String longText = "y".repeat(500);
        Object[] row = sample(longText);
        byte[] t = TupleCodec.form(ALL, row);
        assertRow(row, TupleCodec.deform(ALL, t));
        String borderline = "z".repeat(126); // 127 bytes with its 1-byte header: the largest short form
        row = sample(borderline);
        assertRow(row, TupleCodec.deform(ALL, TupleCodec.form(ALL, row)));
        row = sample("z".repeat(127));
        assertRow(row, TupleCodec.deform(ALL, TupleCodec.form(ALL, row)));
    }

    @Test
    void nullsInEveryPosition() {
        for (int i = 0; i < ALL.natts(); i++) {
            Object[] row = sample("abc");
            row[i] = null;
            byte[] t = TupleCodec.form(ALL, row);
            ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
            assertNotEquals(0, HeapTupleHeader.infomask(b, 0) & HeapTupleHeader.HEAP_HASNULL);
            assertTrue(HeapTupleHeader.isNull(b, 0, i));
            assertEquals(i == 0 ? false : true, !HeapTupleHeader.isNull(b, 0, 0));
            assertRow(row, TupleCodec.deform(ALL, t));
        }
        Object[] allNull = new Object[ALL.natts()];
        assertRow(allNull, TupleCodec.deform(ALL, TupleCodec.form(ALL, allNull)));
    }

    @Test
    void randomRowsRoundTrip() {
        Random rnd = new Random(7);
        for (int n = 0; n < 2000; n++) {
            Object[] row = sample("s".repeat(rnd.nextInt(300)));
            for (int i = 0; i < row.length; i++) if (rnd.nextInt(4) == 0) row[i] = null;
            if (row[8] != null) row[8] = new BigDecimal(rnd.nextLong()).movePointLeft(rnd.nextInt(30));
            if (row[15] != null) { byte[] by = new byte[rnd.nextInt(200)]; rnd.nextBytes(by); row[15] = by; }
            assertRow(row, TupleCodec.deform(ALL, TupleCodec.form(ALL, row)));
        }
    }

    @Test
    void numericEdgeCases() {
        TupleDesc d = TupleDesc.of(new Attribute("n", AttributeType.NUMERIC));
        List<Object> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.000"), new BigDecimal("1"),
                new BigDecimal("-1"), new BigDecimal("10000"), new BigDecimal("0.0001"), new BigDecimal("123456789.987654321"),
                new BigDecimal("1E+20"), new BigDecimal("-0.00000000000000000000001"), new BigDecimal("99999999999999999999.9999"),
                NumericSpecial.NAN, NumericSpecial.POSITIVE_INFINITY, NumericSpecial.NEGATIVE_INFINITY));
        for (Object v : values) {
            Object back = TupleCodec.deform(d, TupleCodec.form(d, new Object[] {v}))[0];
            if (v instanceof BigDecimal bd) {
                BigDecimal r = (BigDecimal) back;
                assertEquals(0, bd.compareTo(r), v + " vs " + r);
                assertEquals(Math.max(bd.scale(), 0), r.scale(), "display scale kept for " + v);
            } else {
                assertEquals(v, back);
            }
        }
        // compactness: 1.5 takes header(2) + weight(2) + 2 digits(4) bytes of body
        assertEquals(8, NumericCodec.encode(new BigDecimal("1.5")).length);
        assertEquals(4, NumericCodec.encode(BigDecimal.ZERO).length);
    }

    @Test
    void droppedAndAddedColumnsReadAsNull() {
        TupleDesc v1 = TupleDesc.of(new Attribute("a", AttributeType.INT4), new Attribute("b", AttributeType.TEXT));
        byte[] t = TupleCodec.form(v1, new Object[] {1, "x"});
        TupleDesc v2 = TupleDesc.of(new Attribute("a", AttributeType.INT4), new Attribute("b", AttributeType.TEXT, -1, false, true),
                new Attribute("c", AttributeType.INT8));
        Object[] r = TupleCodec.deform(v2, t);
        assertEquals(1, r[0]);
        assertNull(r[1]);
        assertNull(r[2]);
    }

    @Test
    void partialDeformReadsOnlyTheFirstColumns() {
        Object[] row = sample("partial");
        byte[] t = TupleCodec.form(ALL, row);
        Object[] slot = new Object[ALL.natts()];
        java.util.Arrays.fill(slot, "untouched");
        TupleCodec.deform(ALL, ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN), 0, slot, 9);
        for (int i = 0; i < 9; i++) {
            if (row[i] instanceof byte[] e) assertArrayEquals(e, (byte[]) slot[i]);
            else assertEquals(row[i], slot[i], "column " + i);
        }
        assertEquals("untouched", slot[9]);
    }

    @Test
    void tooBigRowIsRejected() {
        TupleDesc d = TupleDesc.of(new Attribute("t", AttributeType.TEXT));
        PgException e = assertThrows(PgException.class, () -> TupleCodec.form(d, new Object[] {"x".repeat(9000)}));
        assertEquals("54000", e.sqlState());
        assertTrue(e.getMessage().startsWith("row is too big: size "), e.getMessage());
    }

    @Test
    void headerFieldsRoundTrip() {
        byte[] t = TupleCodec.form(ALL, sample("q"));
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        HeapTupleHeader.setXmin(b, 0, 1234);
        HeapTupleHeader.setXmax(b, 0, 0xFFFFFFFE);
        HeapTupleHeader.setCtid(b, 0, new ItemPointer(0x12345678, 17));
        HeapTupleHeader.setRawCommandId(b, 0, 9);
        assertEquals(1234, HeapTupleHeader.xmin(b, 0));
        assertEquals(0xFFFFFFFE, HeapTupleHeader.xmax(b, 0));
        assertEquals(new ItemPointer(0x12345678, 17), HeapTupleHeader.ctid(b, 0));
        assertEquals("(305419896,17)", HeapTupleHeader.ctid(b, 0).toString());
        assertEquals(9, HeapTupleHeader.rawCommandId(b, 0));
        assertRow(sample("q"), TupleCodec.deform(ALL, t));
    }
}
