package org.pgmini.executor.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/** Array text and binary I/O against PostgreSQL 15's array_in/array_out/array_send forms. */
class ArrayTypeTest {
    private static ArrayType of(PgType element) {
        return PgTypes.arrayOf(element);
    }

    @Test
    void oidsNamesAndLookup() {
        assertEquals(1007, of(PgTypes.INT4).oid());
        assertEquals(1009, of(PgTypes.TEXT).oid());
        assertEquals(1231, of(PgTypes.NUMERIC).oid());
        assertEquals("_int4", of(PgTypes.INT4).name());
        assertEquals(of(PgTypes.INT4), PgTypes.byOid(1007));
        assertEquals(of(PgTypes.INT8), PgTypes.byName("bigint[]"));
        assertEquals(of(PgTypes.TEXT), PgTypes.byName("_text"));
        assertEquals("character varying[]", PgTypes.displayName(of(PgTypes.VARCHAR)));
    }

    @Test
    void textRoundTripWithQuoting() {
        ArrayType t = of(PgTypes.TEXT);
        Object[] v = (Object[]) t.input(" { a , \"b c\" ,\"\",NULL,\"null\",\"x\\\"y\", back\\\\slash, \\NULL } ", -1);
        assertArrayEquals(new Object[] {"a", "b c", "", null, "null", "x\"y", "back\\slash", "NULL"}, v);
        assertEquals("{a,\"b c\",\"\",NULL,\"null\",\"x\\\"y\",\"back\\\\slash\",\"NULL\"}", t.output(v, null));
        assertEquals("{}", t.output(t.input("{}", -1), null));
        assertEquals("{t,f,NULL}", of(PgTypes.BOOL).output(of(PgTypes.BOOL).input("{true,no,null}", -1), null));
    }

    @Test
    void elementTypmodApplies() {
        Object[] v = (Object[]) of(PgTypes.NUMERIC).input("{1.5,2}", NumericType.typmod(5, 2));
        assertArrayEquals(new Object[] {new BigDecimal("1.50"), new BigDecimal("2.00")}, v);
    }

    @Test
    void malformedLiteralsAndUnsupportedShapes() {
        ArrayType t = of(PgTypes.INT4);
        PgException e = assertThrows(PgException.class, () -> t.input("{1,2", -1));
        assertEquals("22P02", e.sqlState());
        assertEquals("malformed array literal: \"{1,2\"", e.getMessage());
        assertEquals("Unexpected end of input.", e.detail());
        assertEquals("Junk after closing right brace.", assertThrows(PgException.class, () -> t.input("{1}x", -1)).detail());
        assertEquals("invalid input syntax for type integer: \"z\"",
                assertThrows(PgException.class, () -> t.input("{z}", -1)).getMessage());
        assertEquals("0A000", assertThrows(PgException.class, () -> t.input("{{1},{2}}", -1)).sqlState());
        assertEquals("0A000", assertThrows(PgException.class, () -> t.input("[0:1]={1,2}", -1)).sqlState());
        assertArrayEquals(new Object[] {7, 8}, (Object[]) t.input("[1:2]={7,8}", -1));
    }

    @Test
    void binaryFormIsArraySend() {
        ArrayType t = of(PgTypes.INT4);
        byte[] b = t.send(new Object[] {1, null});
        // ndim 1, has nulls, element oid 23, dim 2, lower bound 1, [len 4, 1], [len -1]
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 23, 0, 0, 0, 2, 0, 0, 0, 1,
            0, 0, 0, 4, 0, 0, 0, 1, -1, -1, -1, -1}, b);
        assertArrayEquals(new Object[] {1, null}, (Object[]) t.receive(b));
        assertArrayEquals(new Object[0], (Object[]) t.receive(t.send(new Object[0])));
        ArrayType text = of(PgTypes.TEXT);
        assertArrayEquals(new Object[] {"é", ""}, (Object[]) text.receive(text.send(new Object[] {"é", ""})));
        assertEquals("42804", assertThrows(PgException.class, () -> text.receive(b)).sqlState());
    }

    @Test
    void storedFormRoundTrips() {
        Object stored = StorageValues.toStorage(1185, new Object[] {TimestamptzType.POS_INFINITY, null});
        assertEquals(byte[].class, stored.getClass());
        assertArrayEquals(new Object[] {TimestamptzType.POS_INFINITY, null}, (Object[]) StorageValues.fromStorage(1185, stored));
    }
}
