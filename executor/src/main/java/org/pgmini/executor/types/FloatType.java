package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * real (float4, OID 700, java.lang.Float) and double precision (float8, OID 701,
 * java.lang.Double). Text output follows extra_float_digits: above 0 the shortest text that
 * reads back exactly, else 6/15 + extra_float_digits significant digits.
 */
public final class FloatType implements PgType {
    public static final FloatType FLOAT4 = new FloatType(700, "float4", (short) 4, "real");
    public static final FloatType FLOAT8 = new FloatType(701, "float8", (short) 8, "double precision");

    private final int oid;
    private final String name;
    private final short typlen;
    private final String sqlName;

    private FloatType(int oid, String name, short typlen, String sqlName) {
        this.oid = oid;
        this.name = name;
        this.typlen = typlen;
        this.sqlName = sqlName;
    }

    @Override public int oid() { return oid; }
    @Override public String name() { return name; }
    @Override public short typlen() { return typlen; }

    public boolean isDouble() {
        return typlen == 8;
    }

    @Override
    public String output(Object value, SessionContext session) {
        int extra = extraFloatDigits(session);
        if (typlen == 4) {
            return FloatFormat.format((Float) value, extra);
        }
        return FloatFormat.format((Double) value, extra);
    }

    static int extraFloatDigits(SessionContext session) {
        if (session == null) {
            return 1;
        }
        String v = session.settings().currentSetting("extra_float_digits", true);
        if (v == null) {
            return 1;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public Object input(String text, int typmod) {
        String s = TypeIo.trimSpaces(text);
        double d;
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan": d = Double.NaN; break;
            case "infinity": case "+infinity": case "inf": case "+inf": d = Double.POSITIVE_INFINITY; break;
            case "-infinity": case "-inf": d = Double.NEGATIVE_INFINITY; break;
            default:
                if (!isDecimalSyntax(s)) {
                    throw TypeIo.invalidInput(sqlName, text);
                }
                d = Double.parseDouble(s);
                if (Double.isInfinite(d)) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + s + "\" is out of range for type " + sqlName);
                }
                if (typlen == 4) {
                    float f = (float) d;
                    if (Float.isInfinite(f) || (f == 0f && d != 0d)) {
                        throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                                "\"" + s + "\" is out of range for type " + sqlName);
                    }
                    return f;
                }
                if (d == 0d && hasNonZeroDigit(s)) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + s + "\" is out of range for type " + sqlName);
                }
                return d;
        }
        return typlen == 4 ? (Object) (float) d : (Object) d;
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** [+-] digits [. digits] [e [+-] digits], with at least one digit in the mantissa. */
    static boolean isDecimalSyntax(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Checks a float8 result as PostgreSQL's float_overflow/underflow checks do. */
    public static double checkFloat8(double result, boolean inputsInfinite, boolean zeroAllowed) {
        if (Double.isInfinite(result) && !inputsInfinite) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (result == 0.0 && !zeroAllowed) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return result;
    }

    public static float checkFloat4(float result, boolean inputsInfinite, boolean zeroAllowed) {
        if (Float.isInfinite(result) && !inputsInfinite) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (result == 0.0f && !zeroAllowed) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return result;
    }

    @Override
    public byte[] send(Object value) {
        ByteBuffer b = ByteBuffer.allocate(typlen);
        if (typlen == 4) {
            b.putFloat((Float) value);
        } else {
            b.putDouble((Double) value);
        }
        return b.array();
    }

    @Override
    public Object receive(byte[] data) {
        ByteBuffer b = TypeIo.expect(data, typlen);
        return typlen == 4 ? (Object) b.getFloat() : (Object) b.getDouble();
    }
}
