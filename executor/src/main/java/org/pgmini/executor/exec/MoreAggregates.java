package org.pgmini.executor.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pgmini.executor.expr.NumericMath;
import org.pgmini.executor.sort.RowOrdering;
import org.pgmini.executor.sort.SortColumn;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.types.NumericSpecial;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Aggregates beyond count/sum/avg/min/max, as new {@link AggFunction} entries:
 * string_agg(text|bytea, delimiter), bool_and / bool_or / every,
 * stddev / stddev_samp / stddev_pop / variance / var_samp / var_pop with PostgreSQL's result
 * types (numeric for integer and numeric input, double precision for float input) and its
 * arithmetic: numeric variance is (N·Σx² − (Σx)²) / (N·(N−1)) divided at select_div_scale and its
 * square root taken at that scale (numeric_stddev_internal); float variance uses the
 * Youngs–Cramer running sums of float8_accum, so the bits match. Also the wrappers for
 * {@code agg(... ORDER BY ...)} and DISTINCT over a value that carries extra arguments.
 * bool_and/bool_or/every and the variances combine partial states (parallel aggregation), as in
 * PostgreSQL 15; string_agg and the wrappers do not.
 */
public final class MoreAggregates {
    private MoreAggregates() {}

    public static final Set<String> NAMES = Set.of("string_agg", "bool_and", "bool_or", "every", "stddev", "stddev_samp",
            "stddev_pop", "variance", "var_samp", "var_pop");

    /** The one-argument aggregates of this class over {@code arg}; null when there is none (the caller reports 42883). */
    static AggFunction resolve(String name, PgType arg) {
        String t = arg.name();
        switch (name) {
            case "bool_and":
            case "every":
                return t.equals("bool") ? AggFunction.of(name, arg, PgTypes.BOOL, -1, () -> new BoolAgg(true)) : null;
            case "bool_or":
                return t.equals("bool") ? AggFunction.of(name, arg, PgTypes.BOOL, -1, () -> new BoolAgg(false)) : null;
            case "stddev": case "stddev_samp": case "stddev_pop": case "variance": case "var_samp": case "var_pop": {
                boolean sample = !name.endsWith("_pop");
                boolean variance = name.startsWith("var");
                switch (t) {
                    case "int2": case "int4": case "int8": case "numeric":
                        return AggFunction.of(name, arg, PgTypes.NUMERIC, -1, () -> new NumericVariance(sample, variance));
                    case "float4": case "float8":
                        return AggFunction.of(name, arg, PgTypes.FLOAT8, -1, () -> new FloatVariance(sample, variance));
                    default:
                        return null;
                }
            }
            default:
                return null;
        }
    }

    /**
     * string_agg over text-like or bytea values; each input is {@code Object[] {value, delimiter}}
     * (value not null). Null when the value type has no string_agg.
     */
    public static AggFunction stringAgg(PgType value) {
        boolean bytes = value == PgTypes.BYTEA;
        PgType result = bytes ? PgTypes.BYTEA : PgTypes.TEXT;
        return AggFunction.of("string_agg", value, result, -1, () -> new StringAgg(bytes));
    }

    /**
     * {@code inner} fed in ORDER BY order: each input is {@code Object[] {value, key1, ...}}, the
     * values are sorted by the keys (stably) when the result is asked for, then fed to a fresh
     * accumulator of {@code inner}; with {@code distinct}, equal values are fed once.
     */
    public static AggFunction ordered(AggFunction inner, SortKeyType[] types, boolean[] descending, boolean[] nullsFirst,
                                      boolean distinct) {
        List<SortColumn> cols = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            cols.add(new SortColumn(i + 1, types[i], descending[i], nullsFirst[i], false));
        }
        RowOrdering ordering = new RowOrdering(cols);
        boolean nulls = inner.create(false).wantsNulls();
        return AggFunction.of(inner.name, inner.argType, inner.resultType, inner.resultTypmod, () -> new AggFunction.Accumulator() {
            final List<Object[]> inputs = new ArrayList<>();

            @Override
            public void add(Object v) {
                if (v != SKIP) {
                    inputs.add((Object[]) v);
                }
            }

            @Override
            public boolean wantsNulls() {
                return nulls;
            }

            @Override
            public Object result() {
                List<Object[]> sorted = new ArrayList<>(inputs);
                sorted.sort(ordering::compare);
                AggFunction.Accumulator acc = distinct ? distinctOf(inner.create(false)) : inner.create(false);
                for (Object[] r : sorted) {
                    if (r[0] != null || acc.wantsNulls()) {
                        acc.add(r[0]);
                    }
                }
                return acc.result();
            }
        });
    }

    /** What a FILTER feeds for a rejected row to an aggregate that sees NULL inputs (array_agg): ignored. */
    public static final Object SKIP = AggFunction.SKIP;

    /**
     * The value a FILTER feeds {@code f} for a rejected row: null (skipped by the Aggregate node)
     * unless the aggregate sees NULL inputs, then {@link #SKIP} (and {@link #skipping} wraps it).
     */
    public static Object skipValue(AggFunction f) {
        return f.create(false).wantsNulls() ? SKIP : null;
    }

    /** {@code f} (with DISTINCT when asked) ignoring {@link #SKIP} inputs. */
    public static AggFunction skipping(AggFunction f, boolean distinct) {
        return AggFunction.of(f.name, f.argType, f.resultType, f.resultTypmod,
                () -> passing(f.create(distinct), v -> v != SKIP));
    }

    /** DISTINCT over values that may carry extra arguments ({@code Object[]}, compared by their first element). */
    public static AggFunction distinct(AggFunction inner) {
        return AggFunction.of(inner.name, inner.argType, inner.resultType, inner.resultTypmod, () -> distinctOf(inner.create(false)));
    }

    private static AggFunction.Accumulator distinctOf(AggFunction.Accumulator a) {
        Set<Object> seen = new HashSet<>();
        return passing(a, v -> {
            Object key = v instanceof Object[] arr ? arr[0] : v;
            key = key instanceof byte[] b ? Arrays.toString(b) : HashJoinNode.normalize(key);
            return seen.add(key);
        });
    }

    /** {@code a} fed only the inputs {@code keep} accepts (tested once per input, in order). */
    private static AggFunction.Accumulator passing(AggFunction.Accumulator a, java.util.function.Predicate<Object> keep) {
        return new AggFunction.Accumulator() {
            @Override
            public void add(Object v) {
                if (keep.test(v)) {
                    a.add(v);
                }
            }

            @Override
            public boolean wantsNulls() {
                return a.wantsNulls();
            }

            @Override
            public Object result() {
                return a.result();
            }
        };
    }

    private static final class BoolAgg implements AggFunction.Combinable {
        final boolean and;
        Boolean state;

        BoolAgg(boolean and) {
            this.and = and;
        }

        @Override
        public void add(Object v) {
            boolean b = (Boolean) v;
            state = state == null ? b : and ? state && b : state || b;
        }

        @Override
        public Object result() {
            return state;
        }

        /** The Boolean so far, null while no row was added. */
        @Override
        public Object state() {
            return state;
        }

        @Override
        public void combine(Object other) {
            if (other != null) {
                add(other);
            }
        }
    }

    private static final class StringAgg implements AggFunction.Accumulator {
        final boolean bytes;
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final StringBuilder text = new StringBuilder();
        boolean any;

        StringAgg(boolean bytes) {
            this.bytes = bytes;
        }

        @Override
        public void add(Object v) {
            Object[] pair = (Object[]) v;
            if (any && pair[1] != null) {
                if (bytes) {
                    out.writeBytes((byte[]) pair[1]);
                } else {
                    text.append((String) pair[1]);
                }
            }
            if (bytes) {
                out.writeBytes((byte[]) pair[0]);
            } else {
                text.append((String) pair[0]);
            }
            any = true;
        }

        @Override
        public Object result() {
            if (!any) {
                return null;
            }
            return bytes ? out.toByteArray() : text.toString();
        }
    }

    /** numeric_stddev_internal over exact sums. */
    private static final class NumericVariance implements AggFunction.Combinable {
        final boolean sample;
        final boolean variance;
        long n;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal sumSquares = BigDecimal.ZERO;
        boolean nan;

        NumericVariance(boolean sample, boolean variance) {
            this.sample = sample;
            this.variance = variance;
        }

        @Override
        public void add(Object v) {
            n++;
            if (v instanceof NumericSpecial) {
                nan = true;
                return;
            }
            BigDecimal x = v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
            sum = sum.add(x);
            sumSquares = sumSquares.add(x.multiply(x));
        }

        @Override
        public Object result() {
            if (n == 0 || (sample && n <= 1)) {
                return null;
            }
            if (nan) {
                return NumericSpecial.NAN;
            }
            BigDecimal count = BigDecimal.valueOf(n);
            BigDecimal numerator = count.multiply(sumSquares).subtract(sum.multiply(sum));
            if (numerator.signum() <= 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal denominator = sample ? count.multiply(BigDecimal.valueOf(n - 1)) : count.multiply(count);
            BigDecimal var = (BigDecimal) NumericMath.div(numerator, denominator);
            if (variance) {
                return var;
            }
            int scale = var.scale();
            return var.sqrt(new MathContext(scale + var.precision() + 4, RoundingMode.HALF_UP)).setScale(scale, RoundingMode.HALF_UP);
        }

        /** {Long n, BigDecimal sum, BigDecimal sum of squares, Boolean NaN seen}. */
        @Override
        public Object state() {
            return new Object[] {n, sum, sumSquares, nan};
        }

        @Override
        public void combine(Object other) {
            Object[] st = (Object[]) other;
            n += (Long) st[0];
            sum = sum.add((BigDecimal) st[1]);
            sumSquares = sumSquares.add((BigDecimal) st[2]);
            nan |= (Boolean) st[3];
        }
    }

    /** float8_accum's Youngs–Cramer sums, then float8_var_samp / var_pop / stddev_*. */
    private static final class FloatVariance implements AggFunction.Combinable {
        final boolean sample;
        final boolean variance;
        double n;
        double sx;
        double sxx;

        FloatVariance(boolean sample, boolean variance) {
            this.sample = sample;
            this.variance = variance;
        }

        @Override
        public void add(Object v) {
            double x = ((Number) v).doubleValue();
            double oldN = n;
            n += 1.0;
            sx += x;
            if (oldN > 0.0) {
                double tmp = x * n - sx;
                sxx += tmp * tmp / (n * oldN);
                if (Double.isInfinite(sx) || Double.isInfinite(sxx)) {
                    if (!Double.isInfinite(x)) {
                        sxx = Double.NaN;
                    }
                }
            } else {
                sxx = Double.isNaN(x) || Double.isInfinite(x) ? Double.NaN : 0.0;
            }
        }

        @Override
        public Object result() {
            if (n == 0.0 || (sample && n <= 1.0)) {
                return null;
            }
            double var = sxx / (sample ? n - 1.0 : n);
            return variance ? var : Math.sqrt(var);
        }

        /** {Double n, Double Σx, Double Sxx} as float8_accum keeps them. */
        @Override
        public Object state() {
            return new Object[] {n, sx, sxx};
        }

        /** float8_combine: sums add, Sxx gains the term for the difference of the two means. */
        @Override
        public void combine(Object other) {
            Object[] st = (Object[]) other;
            double n2 = (Double) st[0];
            double sx2 = (Double) st[1];
            double sxx2 = (Double) st[2];
            if (n2 == 0.0) {
                return;
            }
            if (n == 0.0) {
                n = n2;
                sx = sx2;
                sxx = sxx2;
                return;
            }
            double n1 = n;
            double tmp = sx / n1 - sx2 / n2;
            n = n1 + n2;
            sx += sx2;
            sxx = sxx + sxx2 + n1 * n2 * tmp * tmp / n;
        }
    }
}
