package org.pgmini.executor.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * numeric (OID 1700): java.math.BigDecimal for finite values (the BigDecimal's scale is
 * PostgreSQL's display scale, never negative), {@link NumericSpecial} for NaN and infinities.
 * The typmod is ((precision << 16) | scale) + 4, as in PostgreSQL.
 */
public final class NumericType implements PgType {
    /** PostgreSQL's limits: 131072 digits before the point, 16383 after. */
    static final int MAX_WEIGHT_DIGITS = 131072;
    static final int MAX_DISPLAY_SCALE = 1000;
    static final int MAX_RESULT_SCALE = 2000;

    NumericType() {}

    @Override public int oid() { return 1700; }
    @Override public String name() { return "numeric"; }
    @Override public short typlen() { return -1; }

    public static int typmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0xffff)) + 4;
    }

    @Override
    public String output(Object value, SessionContext session) {
        if (value instanceof NumericSpecial) {
            return value.toString();
        }
        return ((BigDecimal) value).toPlainString();
    }

    @Override
    public Object input(String text, int typmod) {
        String s = TypeIo.trimSpaces(text);
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan": return NumericSpecial.NAN;
            case "infinity": case "+infinity": case "inf": case "+inf": return applyTypmod(NumericSpecial.POS_INFINITY, typmod);
            case "-infinity": case "-inf": return applyTypmod(NumericSpecial.NEG_INFINITY, typmod);
            default: break;
        }
        if (!FloatType.isDecimalSyntax(s)) {
            throw TypeIo.invalidInput("numeric", text);
        }
        BigDecimal d;
        try {
            d = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw TypeIo.invalidInput("numeric", text);
        }
        return applyTypmod(normalize(d), typmod);
    }

    /** Makes the scale non-negative and checks PostgreSQL's range. */
    public static BigDecimal normalize(BigDecimal d) {
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        if (d.scale() > MAX_RESULT_SCALE) {
            d = d.setScale(MAX_RESULT_SCALE, RoundingMode.HALF_UP);
        }
        if (d.precision() - d.scale() > MAX_WEIGHT_DIGITS) {
            throw overflow();
        }
        return d;
    }

    public static PgException overflow() {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }

    /** Rounds to the typmod's scale and checks its precision (numeric(p,s) coercion). */
    public static Object applyTypmod(Object value, int typmod) {
        if (typmod < 4) {
            return value;
        }
        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        if (value instanceof NumericSpecial) {
            if (value != NumericSpecial.NAN) {
                throw PgException.withDetail(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                        "A field with precision " + precision + ", scale " + scale + " cannot hold an infinite value.");
            }
            return value;
        }
        BigDecimal d = ((BigDecimal) value).setScale(scale, RoundingMode.HALF_UP);
        int integerDigits = d.signum() == 0 ? 0 : d.precision() - d.scale();
        if (integerDigits > precision - scale) {
            throw PgException.withDetail(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                    "A field with precision " + precision + ", scale " + scale
                            + " must round to an absolute value less than "
                            + (precision - scale == 0 ? "1" : "10^" + (precision - scale)) + ".");
        }
        return d;
    }

    /**
     * Binary format: int16 ndigits, int16 weight, uint16 sign, int16 dscale, then base-10000
     * digits, most significant first.
     */
    @Override
    public byte[] send(Object value) {
        if (value instanceof NumericSpecial) {
            int sign = value == NumericSpecial.NAN ? 0xC000 : value == NumericSpecial.POS_INFINITY ? 0xD000 : 0xF000;
            return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) sign)
                    .putShort((short) 0).array();
        }
        BigDecimal d = (BigDecimal) value;
        int dscale = d.scale();
        BigInteger unscaled = d.unscaledValue().abs();
        // align to a multiple of 4 fractional digits
        int fracGroups = (dscale + 3) / 4;
        BigInteger aligned = unscaled.multiply(BigInteger.TEN.pow(fracGroups * 4 - dscale));
        List<Short> groups = new ArrayList<>();
        BigInteger base = BigInteger.valueOf(10000);
        while (aligned.signum() > 0) {
            BigInteger[] qr = aligned.divideAndRemainder(base);
            groups.add(0, qr[1].shortValue());
            aligned = qr[0];
        }
        int weight = groups.size() - fracGroups - 1;
        // strip leading and trailing zero groups
        int start = 0;
        while (start < groups.size() && groups.get(start) == 0) {
            start++;
        }
        int end = groups.size();
        while (end > start && groups.get(end - 1) == 0) {
            end--;
        }
        weight -= start;
        int ndigits = end - start;
        if (ndigits == 0) {
            weight = 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * ndigits);
        b.putShort((short) ndigits).putShort((short) weight).putShort((short) (d.signum() < 0 ? 0x4000 : 0))
                .putShort((short) dscale);
        for (int i = start; i < end; i++) {
            b.putShort(groups.get(i));
        }
        return b.array();
    }

    @Override
    public Object receive(byte[] data) {
        if (data.length < 8) {
            throw TypeIo.badBinary("");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int ndigits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xffff;
        int dscale = b.getShort();
        if (ndigits < 0 || data.length != 8 + 2 * ndigits || dscale < 0) {
            throw TypeIo.badBinary("");
        }
        switch (sign) {
            case 0xC000: return NumericSpecial.NAN;
            case 0xD000: return NumericSpecial.POS_INFINITY;
            case 0xF000: return NumericSpecial.NEG_INFINITY;
            case 0: case 0x4000: break;
            default: throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid sign in external \"numeric\" value");
        }
        BigInteger acc = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10000);
        for (int i = 0; i < ndigits; i++) {
            int g = b.getShort();
            if (g < 0 || g >= 10000) {
                throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid digit in external \"numeric\" value");
            }
            acc = acc.multiply(base).add(BigInteger.valueOf(g));
        }
        // value = acc * 10000^(weight - ndigits + 1)
        int exp4 = weight - ndigits + 1;
        BigDecimal d = new BigDecimal(acc).scaleByPowerOfTen(4 * exp4);
        if (sign == 0x4000) {
            d = d.negate();
        }
        return d.setScale(dscale, RoundingMode.HALF_UP);
    }
}
