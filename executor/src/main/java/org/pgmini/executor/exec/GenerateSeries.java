package org.pgmini.executor.exec;

import java.math.BigDecimal;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.NumericMath;
import org.pgmini.executor.types.NumericSpecial;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * generate_series(start, stop [, step]) for int4, int8 and numeric, with PostgreSQL's checks:
 * a zero step is 22023 "step size cannot equal zero"; numeric NaN or infinite arguments are
 * 22023 too. Any NULL argument gives no rows. Values are produced lazily.
 */
public final class GenerateSeries {
    private GenerateSeries() {}

    /** The next value after {@code current}, or null when past {@code stop}. */
    public interface Series {
        Object next();
    }

    public static Series of(PgType type, Object start, Object stop, Object step) {
        if (start == null || stop == null || step == null) {
            return () -> null;
        }
        if (type == PgTypes.INT4 || type == PgTypes.INT8) {
            long a = ((Number) start).longValue();
            long b = ((Number) stop).longValue();
            long st = ((Number) step).longValue();
            if (st == 0) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
            }
            boolean int4 = type == PgTypes.INT4;
            return new Series() {
                long cur = a;
                boolean done;

                @Override
                public Object next() {
                    if (done || (st > 0 ? cur > b : cur < b)) {
                        return null;
                    }
                    long v = cur;
                    long nx = cur + st;
                    // stop on overflow instead of wrapping (PostgreSQL does the same)
                    if (((cur ^ nx) & (st ^ nx)) < 0 || (int4 && nx != (int) nx)) {
                        done = true;
                    }
                    cur = nx;
                    return int4 ? (Object) (int) v : (Object) v;
                }
            };
        }
        if (type == PgTypes.NUMERIC) {
            for (Object o : new Object[] {start, stop, step}) {
                if (o instanceof NumericSpecial sp) {
                    String which = o == start ? "start" : o == stop ? "stop" : "step size";
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, which + " value cannot be "
                            + (sp == NumericSpecial.NAN ? "NaN" : "infinity"));
                }
            }
            BigDecimal a = (BigDecimal) start;
            BigDecimal b = (BigDecimal) stop;
            BigDecimal st = (BigDecimal) step;
            if (st.signum() == 0) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
            }
            return new Series() {
                BigDecimal cur = a;

                @Override
                public Object next() {
                    int c = cur.compareTo(b);
                    if (st.signum() > 0 ? c > 0 : c < 0) {
                        return null;
                    }
                    BigDecimal v = cur;
                    cur = (BigDecimal) NumericMath.add(cur, st);
                    return v;
                }
            };
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "generate_series over " + PgTypes.displayName(type) + " is not supported");
    }
}
