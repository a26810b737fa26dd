package org.pgmini.executor.copy;

import java.math.BigDecimal;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * One COPY FROM column's text input: the column type's input function, with shortcuts for the
 * common bulk-load types that read the field's bytes directly instead of making a String first:
 * int2/int4/int8 (an optional minus sign and digits), numeric without a typmod ({@code -?d+(.d+)?}
 * with at most 18 digits), text/varchar without a length and char(n) (padded). A field the shortcut does not
 * recognize goes through the type's own input function, so every value a shortcut accepts is
 * exactly what the input function would return, and every error (message, SQLSTATE) is the
 * input function's. Immutable.
 */
final class CopyFieldInput {
    private enum Kind { GENERIC, INT2, INT4, INT8, NUMERIC, TEXT, BPCHAR }

    private final PgType type;
    private final int typmod;
    private final Kind kind;

    CopyFieldInput(PgType type, int typmod) {
        this.type = type;
        this.typmod = typmod;
        if (type == PgTypes.INT2) {
            kind = Kind.INT2;
        } else if (type == PgTypes.INT4) {
            kind = Kind.INT4;
        } else if (type == PgTypes.INT8) {
            kind = Kind.INT8;
        } else if (type == PgTypes.NUMERIC && typmod < 0) {
            kind = Kind.NUMERIC;
        } else if ((type == PgTypes.TEXT || type == PgTypes.VARCHAR) && typmod < 0) {
            kind = Kind.TEXT;
        } else if (type == PgTypes.BPCHAR && typmod >= 4) {
            kind = Kind.BPCHAR;
        } else {
            kind = Kind.GENERIC;
        }
    }

    /** The value of field {@code i} (not NULL); PgException as the type's input function raises it. */
    Object convert(CopyFields f, int i, SessionContext session) {
        Object v = switch (kind) {
            case TEXT -> f.string(i);
            case INT2, INT4, INT8 -> f.isAscii(i) ? integer(f.bytes(i), f.offset(i), f.length(i)) : null;
            case NUMERIC -> f.isAscii(i) ? numeric(f.bytes(i), f.offset(i), f.length(i)) : null;
            case BPCHAR -> f.isAscii(i) ? bpchar(f.bytes(i), f.offset(i), f.length(i), typmod - 4) : null;
            case GENERIC -> null;
        };
        return v != null ? v : type.input(f.string(i), typmod, session);
    }

    private static final int MAX_FAST_DIGITS = 18;

    /** char(n) of an ASCII field no longer than n: the field padded with spaces to n; else null. */
    @SuppressWarnings("deprecation")
    private static String bpchar(byte[] b, int off, int len, int n) {
        if (len > n) {
            return null;
        }
        byte[] padded = new byte[n];
        System.arraycopy(b, off, padded, 0, len);
        java.util.Arrays.fill(padded, len, n, (byte) ' ');
        return new String(padded, 0, 0, n);
    }

    /** {@code -?digits} within the column type's range, boxed as the type's Java class; else null. */
    private Object integer(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean neg = i < end && b[i] == '-';
        if (neg) {
            i++;
        }
        int digits = end - i;
        if (digits == 0 || digits > MAX_FAST_DIGITS) {
            return null;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            v = v * 10 + d;
        }
        if (neg) {
            v = -v;
        }
        return switch (kind) {
            case INT2 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? (Object) (short) v : null;
            case INT4 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : null;
            default -> v;
        };
    }

    /** {@code -?d+(.d+)?} with at most 18 digits in all, as the exact decimal it denotes; else null. */
    private static BigDecimal numeric(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean neg = i < end && b[i] == '-';
        if (neg) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int intDigits = 0;
        int scale = -1;
        for (; i < end; i++) {
            int c = b[i];
            if (c == '.') {
                if (scale >= 0 || digits == 0) {
                    return null;
                }
                scale = 0;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9 || ++digits > MAX_FAST_DIGITS) {
                return null;
            }
            unscaled = unscaled * 10 + d;
            if (scale >= 0) {
                scale++;
            } else {
                intDigits++;
            }
        }
        if (intDigits == 0 || scale == 0) {
            return null; // "", "-", "5." and the like: the input function decides
        }
        return BigDecimal.valueOf(neg ? -unscaled : unscaled, Math.max(scale, 0));
    }
}
