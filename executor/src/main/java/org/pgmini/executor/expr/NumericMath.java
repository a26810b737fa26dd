package org.pgmini.executor.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.NumericSpecial;
import org.pgmini.executor.types.NumericType;

/**
 * numeric arithmetic with PostgreSQL's result scales: + and - keep the larger scale, * adds
 * the scales, / picks at least 16 significant digits (select_div_scale), rounding is half
 * away from zero. NaN and the infinities follow PostgreSQL 14+.
 */
public final class NumericMath {
    private NumericMath() {}

    private static final int MIN_SIG_DIGITS = 16;

    public static Object add(Object a, Object b) {
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
            return specialAdd(a, b, false);
        }
        return NumericType.normalize(((BigDecimal) a).add((BigDecimal) b));
    }

    public static Object sub(Object a, Object b) {
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
            return specialAdd(a, b, true);
        }
        return NumericType.normalize(((BigDecimal) a).subtract((BigDecimal) b));
    }

    public static Object mul(Object a, Object b) {
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
            if (a == NumericSpecial.NAN || b == NumericSpecial.NAN) {
                return NumericSpecial.NAN;
            }
            int sa = sign(a);
            int sb = sign(b);
            if (sa == 0 || sb == 0) {
                return NumericSpecial.NAN;
            }
            return sa * sb > 0 ? NumericSpecial.POS_INFINITY : NumericSpecial.NEG_INFINITY;
        }
        return NumericType.normalize(((BigDecimal) a).multiply((BigDecimal) b));
    }

    public static Object div(Object a, Object b) {
        if (a == NumericSpecial.NAN || b == NumericSpecial.NAN) {
            return NumericSpecial.NAN;
        }
        if (b instanceof BigDecimal && ((BigDecimal) b).signum() == 0) {
            throw divisionByZero();
        }
        if (a instanceof NumericSpecial) {
            if (b instanceof NumericSpecial) {
                return NumericSpecial.NAN;
            }
            return sign(a) * sign(b) > 0 ? NumericSpecial.POS_INFINITY : NumericSpecial.NEG_INFINITY;
        }
        if (b instanceof NumericSpecial) {
            return BigDecimal.ZERO;
        }
        BigDecimal x = (BigDecimal) a;
        BigDecimal y = (BigDecimal) b;
        return NumericType.normalize(x.divide(y, divScale(x, y), RoundingMode.HALF_UP));
    }

    public static Object mod(Object a, Object b) {
        if (a == NumericSpecial.NAN || b == NumericSpecial.NAN) {
            return NumericSpecial.NAN;
        }
        if (b instanceof BigDecimal && ((BigDecimal) b).signum() == 0) {
            throw divisionByZero();
        }
        if (a instanceof NumericSpecial) {
            return NumericSpecial.NAN;
        }
        if (b instanceof NumericSpecial) {
            return a;
        }
        return NumericType.normalize(((BigDecimal) a).remainder((BigDecimal) b));
    }

    public static Object negate(Object a) {
        if (a instanceof NumericSpecial) {
            return a == NumericSpecial.NAN ? a
                    : a == NumericSpecial.POS_INFINITY ? NumericSpecial.NEG_INFINITY : NumericSpecial.POS_INFINITY;
        }
        return ((BigDecimal) a).negate();
    }

    public static Object abs(Object a) {
        if (a instanceof NumericSpecial) {
            return a == NumericSpecial.NAN ? a : NumericSpecial.POS_INFINITY;
        }
        return ((BigDecimal) a).abs();
    }

    /** round(numeric, s): half away from zero; a negative s rounds left of the point. */
    public static Object round(Object a, int scale) {
        if (a instanceof NumericSpecial) {
            return a;
        }
        BigDecimal d = ((BigDecimal) a).setScale(Math.max(-1000, Math.min(scale, 2000)), RoundingMode.HALF_UP);
        return NumericType.normalize(d.scale() < 0 ? d.setScale(0) : d);
    }

    /**
     * numeric ^ numeric with 16 digits after the point at least (as PostgreSQL's typical
     * result scale). Integral exponents and 0.5 are computed exactly; other exponents go
     * through double precision and are correct to about 15 significant digits.
     */
    public static Object power(Object a, Object b) {
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
            return NumericSpecial.NAN;
        }
        BigDecimal x = (BigDecimal) a;
        BigDecimal y = (BigDecimal) b;
        if (x.signum() == 0 && y.signum() < 0) {
            throw new PgException("2201F", "zero raised to a negative power is undefined");
        }
        BigDecimal r;
        boolean integral = y.stripTrailingZeros().scale() <= 0;
        if (integral && y.abs().compareTo(BigDecimal.valueOf(10000)) <= 0) {
            int n = y.intValueExact();
            r = n >= 0 ? x.pow(n) : BigDecimal.ONE.divide(x.pow(-n), new java.math.MathContext(40, RoundingMode.HALF_UP));
        } else if (y.compareTo(new BigDecimal("0.5")) == 0) {
            return sqrt(x);
        } else {
            if (x.signum() < 0) {
                throw new PgException("2201F", "a negative number raised to a non-integer power yields a complex result");
            }
            double d = Math.pow(x.doubleValue(), y.doubleValue());
            if (Double.isInfinite(d)) {
                throw NumericType.overflow();
            }
            r = new BigDecimal(d).round(new java.math.MathContext(15, RoundingMode.HALF_EVEN));
        }
        return NumericType.normalize(r.setScale(Math.max(16, Math.min(r.scale(), 16)), RoundingMode.HALF_UP));
    }

    /** sqrt(numeric) with PostgreSQL's result scale. */
    public static Object sqrt(Object a) {
        if (a instanceof NumericSpecial) {
            return a == NumericSpecial.NEG_INFINITY ? NumericSpecial.NAN : a;
        }
        BigDecimal x = (BigDecimal) a;
        if (x.signum() < 0) {
            throw new PgException("2201F", "cannot take square root of a negative number");
        }
        // numeric_sqrt's result scale: 16 significant digits from the estimated result weight
        int sweight = (weight(x) + 1) * 4 / 2 - 1;
        int scale = Math.min(1000, Math.max(Math.max(MIN_SIG_DIGITS - sweight, x.scale()), 0));
        return x.sqrt(new java.math.MathContext(scale + x.precision() + 2, RoundingMode.HALF_UP))
                .setScale(scale, RoundingMode.HALF_UP);
    }

    /** Total order with NaN above everything (numeric_cmp). */
    public static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != 0 || rb != 0) {
            return Integer.compare(ra, rb);
        }
        return ((BigDecimal) a).compareTo((BigDecimal) b);
    }

    private static int rank(Object a) {
        if (a == NumericSpecial.NAN) {
            return 2;
        }
        if (a == NumericSpecial.POS_INFINITY) {
            return 1;
        }
        if (a == NumericSpecial.NEG_INFINITY) {
            return -1;
        }
        return 0;
    }

    private static int sign(Object a) {
        if (a == NumericSpecial.POS_INFINITY) {
            return 1;
        }
        if (a == NumericSpecial.NEG_INFINITY) {
            return -1;
        }
        return ((BigDecimal) a).signum();
    }

    private static Object specialAdd(Object a, Object b, boolean subtract) {
        if (a == NumericSpecial.NAN || b == NumericSpecial.NAN) {
            return NumericSpecial.NAN;
        }
        Object bb = subtract ? negate(b) : b;
        if (a instanceof NumericSpecial && bb instanceof NumericSpecial) {
            return a == bb ? a : NumericSpecial.NAN;
        }
        return a instanceof NumericSpecial ? a : bb;
    }

    public static PgException divisionByZero() {
        return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /**
     * select_div_scale: enough digits for MIN_SIG_DIGITS significant digits in the quotient,
     * at least the inputs' scales, at most 1000.
     */
    static int divScale(BigDecimal x, BigDecimal y) {
        int w1 = weight(x);
        int w2 = weight(y);
        int qweight = w1 - w2;
        if (x.signum() != 0 && y.signum() != 0 && firstGroup(x, w1) <= firstGroup(y, w2)) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, x.scale());
        rscale = Math.max(rscale, y.scale());
        rscale = Math.max(rscale, 0);
        return Math.min(rscale, 1000);
    }

    /** Weight of the most significant base-10000 digit (0 for zero). */
    private static int weight(BigDecimal d) {
        if (d.signum() == 0) {
            return 0;
        }
        int exponent = d.precision() - d.scale() - 1;
        return Math.floorDiv(exponent, 4);
    }

    private static int firstGroup(BigDecimal d, int weight) {
        return d.abs().movePointLeft(4 * weight).intValue();
    }
}
