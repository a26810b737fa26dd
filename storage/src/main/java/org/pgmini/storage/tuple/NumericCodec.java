package org.pgmini.storage.tuple;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The on-disk body of a numeric (inside its varlena header), little-endian:
 *
 * <pre>
 * int16 header   bits 15..14: 00 positive, 01 negative, 11 special
 *                bits 13..0:  display scale (digits after the decimal point), or for special
 *                             values 0 = NaN, 1 = +Infinity, 2 = -Infinity
 * int16 weight   power of 10000 of the first digit (absent for special values)
 * int16 digits[] base-10000 digits, most significant first, no leading or trailing zero digits
 * </pre>
 *
 * Zero has no digits. This is PostgreSQL's "long" numeric format idea (base NBASE = 10000,
 * weight, dscale) without its short-header variant; a value of n significant decimal digits
 * takes 4 + 2*ceil(n/4) bytes (plus 1 varlena byte for values below ~240 digits).
 */
public final class NumericCodec {
    private NumericCodec() {}

    public static final int MAX_DSCALE = 0x3FFF;
    private static final int SIGN_NEG = 0x4000;
    private static final int SPECIAL = 0xC000;

    public static byte[] encode(Object value) {
        if (value instanceof NumericSpecial s) {
            int code = switch (s) {
                case NAN -> 0;
                case POSITIVE_INFINITY -> 1;
                case NEGATIVE_INFINITY -> 2;
            };
            ByteBuffer b = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort(0, (short) (SPECIAL | code));
            return b.array();
        }
        BigDecimal v = (BigDecimal) value;
        int dscale = Math.max(v.scale(), 0);
        if (dscale > MAX_DSCALE) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        byte[] fast = encodeSmall(v, dscale);
        return fast != null ? fast : encodeByString(v, dscale);
    }

    /** The general path: the digits from the plain decimal string. */
    static byte[] encodeByString(BigDecimal v, int dscale) {
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        int intGroups = (intPart.length() + 3) / 4;
        int fracGroups = (fracPart.length() + 3) / 4;
        String paddedInt = "0".repeat(intGroups * 4 - intPart.length()) + intPart;
        String paddedFrac = fracPart + "0".repeat(fracGroups * 4 - fracPart.length());
        String all = paddedInt + paddedFrac;
        int n = intGroups + fracGroups;
        int[] digits = new int[n];
        for (int i = 0; i < n; i++) digits[i] = Integer.parseInt(all, i * 4, i * 4 + 4, 10);
        int first = 0, last = n - 1;
        while (first < n && digits[first] == 0) first++;
        while (last >= first && digits[last] == 0) last--;
        int ndigits = first > last ? 0 : last - first + 1;
        int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
        if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * ndigits).order(ByteOrder.LITTLE_ENDIAN);
        int header = dscale | (v.signum() < 0 ? SIGN_NEG : 0);
        b.putShort((short) header);
        b.putShort((short) weight);
        for (int i = 0; i < ndigits; i++) b.putShort((short) digits[first + i]);
        return b.array();
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1000L};

    /**
     * The same encoding computed arithmetically for the common case of an unscaled value that fits
     * a long (COPY and INSERT of ordinary amounts would otherwise spend their time formatting and
     * parsing digit strings); null when the value is outside that case.
     */
    static byte[] encodeSmall(BigDecimal v, int dscale) {
        int scale = v.scale();
        if (scale < 0 || v.unscaledValue().bitLength() > 62) {
            return null;
        }
        long u = Math.abs(v.unscaledValue().longValue());
        int fracGroups = (scale + 3) / 4;
        int pad = fracGroups * 4 - scale;
        if (u > Long.MAX_VALUE / 1000) {
            return null;
        }
        u *= POW10[pad];
        if (u == 0) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) (dscale | (v.signum() < 0 ? SIGN_NEG : 0)));
            b.putShort((short) 0);
            return b.array();
        }
        // base-10000 digits, least significant first; drop trailing zero digits as the string path does
        short[] rev = new short[5];
        int g = 0;
        int trailing = 0;
        boolean seenNonZero = false;
        while (u > 0) {
            int d = (int) (u % 10000);
            u /= 10000;
            if (!seenNonZero && d == 0) {
                trailing++;
            } else {
                seenNonZero = true;
            }
            rev[g++] = (short) d;
        }
        int weight = g - 1 - fracGroups;
        int ndigits = g - trailing;
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * ndigits).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (dscale | (v.signum() < 0 ? SIGN_NEG : 0)));
        b.putShort((short) weight);
        for (int i = g - 1; i >= trailing; i--) b.putShort(rev[i]);
        return b.array();
    }

    /** Decodes {@code len} bytes at {@code off} of a little-endian buffer. */
    public static Object decode(ByteBuffer b, int off, int len) {
        int header = Short.toUnsignedInt(b.getShort(off));
        if ((header & SPECIAL) == SPECIAL) {
            return switch (header & 0x3FFF) {
                case 0 -> NumericSpecial.NAN;
                case 1 -> NumericSpecial.POSITIVE_INFINITY;
                case 2 -> NumericSpecial.NEGATIVE_INFINITY;
                default -> throw new PgException(SqlState.DATA_CORRUPTED, "invalid numeric special value " + (header & 0x3FFF));
            };
        }
        int dscale = header & MAX_DSCALE;
        boolean negative = (header & SIGN_NEG) != 0;
        int weight = b.getShort(off + 2);
        int ndigits = (len - 4) / 2;
        if (ndigits == 0) return BigDecimal.ZERO.setScale(dscale);
        // value = sum(d[i] * 10000^(weight - i)); build the unscaled integer of all digits, then
        // place the decimal point: the last digit has weight (weight - ndigits + 1).
        StringBuilder sb = new StringBuilder(ndigits * 4);
        for (int i = 0; i < ndigits; i++) {
            int d = b.getShort(off + 4 + 2 * i);
            if (i == 0) sb.append(d);
            else {
                String s = Integer.toString(d);
                sb.append("0000", 0, 4 - s.length()).append(s);
            }
        }
        int lastWeight = weight - ndigits + 1;
        BigDecimal unscaled = new BigDecimal(new java.math.BigInteger(sb.toString()), -4 * lastWeight);
        BigDecimal result = unscaled.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return negative ? result.negate() : result;
    }
}
