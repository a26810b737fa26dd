package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * oid (OID 26): an unsigned 32-bit object identifier held in a java.lang.Integer (the same bits
 * storage keeps), so values above 2^31 are negative Integers. Output, comparison and conversion
 * to int8 treat the bits as unsigned; the cast to int4 keeps them (-1 for 4294967295).
 */
public final class OidType implements PgType {
    OidType() {}

    @Override public int oid() { return 26; }
    @Override public String name() { return "oid"; }
    @Override public short typlen() { return 4; }

    @Override
    public String output(Object value, SessionContext session) {
        return Integer.toUnsignedString((Integer) value);
    }

    /**
     * Like oidin: an optional sign and decimal digits within -2147483648..4294967295 (negative
     * values wrap, as strtoul's do); surrounding whitespace allowed.
     */
    @Override
    public Object input(String text, int typmod) {
        String s = TypeIo.trimSpaces(text);
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (i >= s.length()) {
            throw TypeIo.invalidInput("oid", text);
        }
        long acc = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw TypeIo.invalidInput("oid", text);
            }
            acc = acc * 10 + (c - '0');
            if (acc > 0xFFFF_FFFFL) {
                throw outOfRange(text);
            }
        }
        if (neg && acc > 0x8000_0000L) {
            throw outOfRange(text);
        }
        return (int) (neg ? -acc : acc);
    }

    private static PgException outOfRange(String text) {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + text + "\" is out of range for type oid");
    }

    /** oid(int8): 22003 "OID out of range" outside 0..4294967295. */
    public static Integer fromInt8(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "OID out of range");
        }
        return (int) v;
    }

    /** The oid's unsigned value. */
    public static long unsigned(Object v) {
        return Integer.toUnsignedLong((Integer) v);
    }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(4).putInt((Integer) value).array();
    }

    @Override
    public Object receive(byte[] data) {
        return TypeIo.expect(data, 4).getInt();
    }
}
