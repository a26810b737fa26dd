package org.pgmini.executor.exec;

import java.math.BigDecimal;
import org.pgmini.executor.types.NumericSpecial;
import org.pgmini.executor.types.PgType;

/**
 * How partial aggregate states are written as values the parallel tuple queue carries (the
 * session-3 contract: null, Boolean, Short, Integer, Long, Float, Double, BigDecimal, String,
 * byte[], the executor's date/time values, and Object[] of those). Every state is one of those
 * already except a numeric that is NaN or an infinity ({@link NumericSpecial}, an enum): inside a
 * numeric state it travels as the Double of the same value, which no finite numeric state ever
 * is (finite numerics are BigDecimal), so the decoding is unambiguous.
 */
public final class AggStates {
    private AggStates() {}

    /** A numeric value (BigDecimal, NumericSpecial or null) as a state value. */
    public static Object numericState(Object numeric) {
        if (numeric instanceof NumericSpecial s) {
            switch (s) {
                case NAN: return Double.NaN;
                case POS_INFINITY: return Double.POSITIVE_INFINITY;
                default: return Double.NEGATIVE_INFINITY;
            }
        }
        return numeric;
    }

    /** The numeric value a state value made by {@link #numericState} stands for. */
    public static Object numericValue(Object state) {
        if (state instanceof Double d) {
            if (d.isNaN()) {
                return NumericSpecial.NAN;
            }
            return d > 0 ? NumericSpecial.POS_INFINITY : NumericSpecial.NEG_INFINITY;
        }
        return (BigDecimal) state;
    }

    /**
     * Whether values of this type are themselves state values (min/max keep one as their state):
     * every type's value class is, except "char" (a Byte).
     */
    public static boolean shippableValueType(PgType t) {
        return t != null && !t.name().equals("char");
    }
}
