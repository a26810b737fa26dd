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

    /** Starts a series for one set of argument values (the step already defaulted). */
    public interface Maker {
        Series start(Object start, Object stop, Object step, org.pgmini.executor.expr.EvalContext c);
    }

    /**
     * What a series returns for a SQL NULL row value (unnest of an array with NULL elements):
     * {@link Series#next} returning null means the end. Consumers map it back to null.
     */
    public static final Object NULL_VALUE = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    /** {@code v} as a row value: {@link #NULL_VALUE} becomes null. */
    public static Object rowValue(Object v) {
        return v == NULL_VALUE ? null : v;
    }

    /**
     * unnest(anyarray): the elements in order (the first argument is the array; the others are
     * ignored). A NULL array gives no rows.
     */
    public static Maker unnest() {
        return (array, ignored, ignoredStep, c) -> {
            Object[] a = (Object[]) array;
            int[] next = {0};
            return () -> {
                if (a == null || next[0] >= a.length) {
                    return null;
                }
                Object v = a[next[0]++];
                return v == null ? NULL_VALUE : v;
            };
        };
    }

    /** The integer and numeric overloads. */
    public static Maker numbers(PgType type) {
        return (a, b, step, c) -> of(type, a, b, step);
    }

    /**
     * The timestamp and timestamptz overloads (step interval): {@code plus} computes row[0] + row[1],
     * {@code le}/{@code ge} compare row[0] with row[1], {@code positive}/{@code negative} test
     * row[0] (an interval) against zero; all are the catalog's operators, so month and day
     * steps and the session time zone behave as PostgreSQL's.
     */
    public static Maker times(org.pgmini.executor.expr.Eval plus, org.pgmini.executor.expr.Eval le,
                              org.pgmini.executor.expr.Eval ge, org.pgmini.executor.expr.Eval positive,
                              org.pgmini.executor.expr.Eval negative) {
        return (a, b, step, outer) -> {
            if (a == null || b == null || step == null) {
                return () -> null;
            }
            org.pgmini.executor.expr.EvalContext c = new org.pgmini.executor.expr.EvalContext(outer.params, outer.session,
                    outer.statementTime);
            c.row = new Object[] {step};
            boolean up = Boolean.TRUE.equals(positive.eval(c));
            if (!up && !Boolean.TRUE.equals(negative.eval(c))) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
            }
            return new Series() {
                Object cur = a;

                @Override
                public Object next() {
                    c.row = new Object[] {cur, b};
                    if (!Boolean.TRUE.equals((up ? le : ge).eval(c))) {
                        return null;
                    }
                    Object v = cur;
                    c.row = new Object[] {cur, step};
                    cur = plus.eval(c);
                    return v;
                }
            };
        };
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
