package org.pgmini.executor.exec;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.NumericMath;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The built-in aggregates count, sum, avg, min, max with PostgreSQL's result types:
 * count → bigint; sum(smallint|integer) → bigint, sum(bigint|numeric) → numeric,
 * sum(real) → real, sum(double precision) → double precision; avg(integer types|numeric) →
 * numeric, avg(real|double precision) → double precision; min/max → the argument's type. NULL
 * inputs are skipped; over no rows every aggregate but count is NULL.
 */
public final class AggFunction {
    /** Running state of one aggregate in one group. */
    public interface Accumulator {
        void add(Object v);

        /** True for the aggregates that see NULL inputs (array_agg); the others never get NULL. */
        default boolean wantsNulls() {
            return false;
        }

        Object result();
    }

    /** Makes a fresh accumulator for each group. */
    public interface Factory {
        Accumulator create();
    }

    public final String name;
    /** Input type (null for count(*)). */
    public final PgType argType;
    public final PgType resultType;
    public final int resultTypmod;
    final Factory factory;

    private AggFunction(String name, PgType argType, PgType resultType, int resultTypmod, Factory factory) {
        this.name = name;
        this.argType = argType;
        this.resultType = resultType;
        this.resultTypmod = resultTypmod;
        this.factory = factory;
    }

    public static final Set<String> NAMES = Set.of("count", "sum", "avg", "min", "max", "array_agg");

    /** count(*). */
    public static AggFunction countStar() {
        return new AggFunction("count", null, PgTypes.INT8, -1, Count::new);
    }

    /**
     * The aggregate {@code name} over an argument of type {@code arg}; 42883 when there is none
     * (e.g. sum(text)). {@code position} is where the call was written.
     */
    public static AggFunction resolve(String name, PgType arg, int argTypmod, int position) {
        String t = arg.name();
        switch (name) {
            case "count":
                return new AggFunction(name, arg, PgTypes.INT8, -1, Count::new);
            case "sum":
                switch (t) {
                    case "int2": case "int4": return new AggFunction(name, arg, PgTypes.INT8, -1, LongSum::new);
                    case "int8": return new AggFunction(name, arg, PgTypes.NUMERIC, -1, BigSum::new);
                    case "numeric": return new AggFunction(name, arg, PgTypes.NUMERIC, -1, NumericSum::new);
                    case "float4": return new AggFunction(name, arg, PgTypes.FLOAT4, -1, () -> new DoubleSum(true));
                    case "float8": return new AggFunction(name, arg, PgTypes.FLOAT8, -1, () -> new DoubleSum(false));
                    default: break;
                }
                break;
            case "avg":
                switch (t) {
                    case "int2": case "int4": case "int8": case "numeric":
                        return new AggFunction(name, arg, PgTypes.NUMERIC, -1, NumericAvg::new);
                    case "float4": case "float8": return new AggFunction(name, arg, PgTypes.FLOAT8, -1, DoubleAvg::new);
                    default: break;
                }
                break;
            case "array_agg":
                if (arg instanceof org.pgmini.executor.types.ArrayType) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "array_agg of arrays (multidimensional) is not supported",
                            null, null, position, null, null);
                }
                if (PgTypes.arrayOf(arg) != null) {
                    return new AggFunction(name, arg, PgTypes.arrayOf(arg), argTypmod, ArrayAgg::new);
                }
                break;
            case "min":
            case "max":
                SortKeyType cmp;
                try {
                    cmp = SortNode.keyType(arg);
                } catch (PgException e) {
                    break;
                }
                boolean max = name.equals("max");
                return new AggFunction(name, arg, arg, argTypmod, () -> new MinMax(cmp, max));
            default:
                break;
        }
        throw new PgException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + PgTypes.displayName(arg)
                + ") does not exist", null,
                "No function matches the given name and argument types. You might need to add explicit type casts.",
                position, null, null);
    }

    /** An accumulator; with DISTINCT, each distinct non-null value is fed once. */
    Accumulator create(boolean distinct) {
        if (distinct && name.equals("array_agg")) {
            return ArrayAgg.distinct(argType).create();
        }
        Accumulator a = factory.create();
        if (!distinct) {
            return a;
        }
        Set<Object> seen = new HashSet<>();
        return new Accumulator() {
            @Override
            public void add(Object v) {
                if (v != null && seen.add(HashJoinNode.normalize(v))) {
                    a.add(v);
                }
            }

            @Override
            public Object result() {
                return a.result();
            }
        };
    }

    private static final class Count implements Accumulator {
        long n;

        @Override public void add(Object v) { n++; }
        @Override public Object result() { return n; }
    }

    private static final class LongSum implements Accumulator {
        long sum;
        boolean any;

        @Override public void add(Object v) { sum += ((Number) v).longValue(); any = true; }
        @Override public Object result() { return any ? sum : null; }
    }

    /** sum(int8): a long until it would overflow, then exact. */
    private static final class BigSum implements Accumulator {
        long sum;
        BigDecimal big;
        boolean any;

        @Override
        public void add(Object v) {
            long x = (Long) v;
            any = true;
            long r = sum + x;
            if (((sum ^ r) & (x ^ r)) < 0) {
                big = (big == null ? BigDecimal.ZERO : big).add(BigDecimal.valueOf(sum));
                sum = x;
            } else {
                sum = r;
            }
        }

        @Override
        public Object result() {
            if (!any) {
                return null;
            }
            return big == null ? BigDecimal.valueOf(sum) : big.add(BigDecimal.valueOf(sum));
        }
    }

    private static final class NumericSum implements Accumulator {
        Object sum;

        @Override public void add(Object v) { sum = sum == null ? v : NumericMath.add(sum, v); }
        @Override public Object result() { return sum; }
    }

    private static final class DoubleSum implements Accumulator {
        final boolean float4;
        double sum;
        boolean any;

        DoubleSum(boolean float4) { this.float4 = float4; }

        @Override public void add(Object v) { sum += ((Number) v).doubleValue(); any = true; }
        @Override public Object result() { return !any ? null : float4 ? (Object) (float) sum : (Object) sum; }
    }

    /** avg over integers or numeric: an exact sum divided with numeric division's scale rules. */
    private static final class NumericAvg implements Accumulator {
        Object sum;
        long longSum;
        boolean useLong = true;
        long n;

        @Override
        public void add(Object v) {
            n++;
            if (v instanceof BigDecimal || v instanceof org.pgmini.executor.types.NumericSpecial) {
                sum = sum == null ? v : NumericMath.add(sum, v);
                return;
            }
            long x = ((Number) v).longValue();
            long r = longSum + x;
            if (useLong && ((longSum ^ r) & (x ^ r)) >= 0) {
                longSum = r;
            } else {
                sum = sum == null ? BigDecimal.valueOf(x) : NumericMath.add(sum, BigDecimal.valueOf(x));
            }
        }

        @Override
        public Object result() {
            if (n == 0) {
                return null;
            }
            Object total = sum == null ? BigDecimal.valueOf(longSum) : NumericMath.add(sum, BigDecimal.valueOf(longSum));
            return NumericMath.div(total, BigDecimal.valueOf(n));
        }
    }

    private static final class DoubleAvg implements Accumulator {
        double sum;
        long n;

        @Override public void add(Object v) { sum += ((Number) v).doubleValue(); n++; }
        @Override public Object result() { return n == 0 ? null : sum / n; }
    }

    private static final class MinMax implements Accumulator {
        final SortKeyType cmp;
        final boolean max;
        Object best;

        MinMax(SortKeyType cmp, boolean max) {
            this.cmp = cmp;
            this.max = max;
        }

        @Override
        public void add(Object v) {
            if (best == null) {
                best = v;
                return;
            }
            int c = cmp.compare(v, best);
            if (max ? c > 0 : c < 0) {
                best = v;
            }
        }

        @Override
        public Object result() { return best; }
    }
}
