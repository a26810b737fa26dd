package org.pgmini.executor.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * float4/float8 text output as PostgreSQL 12+ prints it. With extra_float_digits > 0 the
 * digits are the shortest that read back to the same value; otherwise %.Ng with
 * N = 15 (float8) or 6 (float4) plus extra_float_digits. Either way the layout is printf's %g:
 * plain notation when -4 <= exponent < precision, else d.ddde+XX.
 */
public final class FloatFormat {
    private FloatFormat() {}

    public static String format(double v, int extraFloatDigits) {
        return format(v, extraFloatDigits, 15, 17, d -> Double.parseDouble(d.toString()) == v);
    }

    public static String format(float v, int extraFloatDigits) {
        return format(v, extraFloatDigits, 6, 9, d -> Float.parseFloat(d.toString()) == v);
    }

    /**
     * Both types' output: {@code digits} is the type's DBL_DIG / FLT_DIG (15 / 6), the %g precision
     * of the default output and where the shortest form switches to exponent notation;
     * {@code maxDigits} (17 / 9) always reads back; {@code readsBack} tells whether a candidate
     * reads back as the value in the value's own type. A float is exact as a double, so one path
     * serves both.
     */
    private static String format(double v, int extraFloatDigits, int digits, int maxDigits, RoundTrip readsBack) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        if (extraFloatDigits > 0) {
            return layout(shortest(v, maxDigits, readsBack), digits);
        }
        int precision = Math.max(1, digits + extraFloatDigits);
        return layout(new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN)), precision);
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return null;
    }

    private interface RoundTrip {
        boolean test(BigDecimal candidate);
    }

    private static BigDecimal shortest(double v, int maxDigits, RoundTrip check) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p < maxDigits; p++) {
            BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (check.test(c)) {
                return c;
            }
        }
        return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
    }

    /** printf %g layout of a decimal already rounded to its significant digits. */
    private static String layout(BigDecimal d, int precision) {
        BigDecimal stripped = d.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String digits = stripped.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (stripped.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int ae = Math.abs(exponent);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
