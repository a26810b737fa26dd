package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * smallint (int2, OID 21, java.lang.Short), integer (int4, OID 23, java.lang.Integer) and
 * bigint (int8, OID 20, java.lang.Long). Overflow is an error (22003), never a wrap-around.
 */
public final class IntegerType implements PgType {
    public static final IntegerType INT2 = new IntegerType(21, "int2", (short) 2, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
    public static final IntegerType INT4 = new IntegerType(23, "int4", (short) 4, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
    public static final IntegerType INT8 = new IntegerType(20, "int8", (short) 8, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");

    private final int oid;
    private final String name;
    private final short typlen;
    private final long min;
    private final long max;
    private final String sqlName;

    private IntegerType(int oid, String name, short typlen, long min, long max, String sqlName) {
        this.oid = oid;
        this.name = name;
        this.typlen = typlen;
        this.min = min;
        this.max = max;
        this.sqlName = sqlName;
    }

    @Override public int oid() { return oid; }
    @Override public String name() { return name; }
    @Override public short typlen() { return typlen; }

    /** "smallint out of range" etc. */
    public PgException outOfRange() {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, sqlName + " out of range");
    }

    /** Boxes a long as this type's Java class, raising 22003 when it does not fit. */
    public Object box(long v) {
        if (v < min || v > max) {
            throw outOfRange();
        }
        switch (typlen) {
            case 2: return (short) v;
            case 4: return (int) v;
            default: return v;
        }
    }

    public boolean fits(long v) {
        return v >= min && v <= max;
    }

    @Override
    public String output(Object value, SessionContext session) {
        return value.toString();
    }

    /** Leading/trailing whitespace and a sign are allowed; anything else is 22P02 (as int4in). */
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
            throw TypeIo.invalidInput(sqlName, text);
        }
        long acc = 0;
        boolean overflow = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw TypeIo.invalidInput(sqlName, text);
            }
            int d = c - '0';
            // accumulate negatively so that the minimum value parses without overflow
            if (!overflow) {
                if (acc < (Long.MIN_VALUE + d) / 10) {
                    overflow = true;
                } else {
                    acc = acc * 10 - d;
                }
            }
        }
        if (!neg) {
            if (acc == Long.MIN_VALUE) {
                overflow = true;
            }
            acc = -acc;
        }
        if (overflow || acc < min || acc > max) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type " + sqlName);
        }
        return box(acc);
    }

    @Override
    public byte[] send(Object value) {
        long v = ((Number) value).longValue();
        ByteBuffer b = ByteBuffer.allocate(typlen);
        switch (typlen) {
            case 2: b.putShort((short) v); break;
            case 4: b.putInt((int) v); break;
            default: b.putLong(v);
        }
        return b.array();
    }

    @Override
    public Object receive(byte[] data) {
        ByteBuffer b = TypeIo.expect(data, typlen);
        switch (typlen) {
            case 2: return b.getShort();
            case 4: return b.getInt();
            default: return b.getLong();
        }
    }
}
