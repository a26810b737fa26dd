package org.pgmini.executor.exec;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.NumericMath;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.DateTimeOps;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * The built-in aggregates count, sum, avg, min, max with PostgreSQL's result types:
 * count → bigint; sum(smallint|integer) → bigint, sum(bigint|numeric) → numeric,
 * sum(real) → real, sum(double precision) → double precision; avg(integer types|numeric) →
 * numeric, avg(real|double precision) → double precision; sum/avg(interval) → interval;
 * min/max → the argument's type. NULL
 * inputs are skipped; over no rows every aggregate but count is NULL.
 */
public final class AggFunction implements java.io.Serializable {
    /** Running state of one aggregate in one group. */
    public interface Accumulator {
        void add(Object v);

        /** True for the aggregates that see NULL inputs (array_agg); the others never get NULL. */
        default boolean wantsNulls() {
            return false;
        }

        Object result();
    }

    /**
     * An accumulator that can run as a Partial Aggregate in each participant of a parallel plan
     * and be merged in the Finalize Aggregate (PostgreSQL's combine function). {@link #state()}
     * is the transition state as one value of the classes the parallel tuple queue carries
     * (null, Boolean, Short, Integer, Long, Float, Double, BigDecimal, String, byte[], the
     * executor's date/time values, Object[] of those): see {@link AggStates}.
     */
    public interface Combinable extends Accumulator {
        /** The running state, to be sent to the leader. */
        Object state();

        /** Merges a state made by {@link #state()} of another accumulator of the same function. */
        void combine(Object state);
    }

    /**
     * Makes a fresh accumulator for each group. Serializable (with the function) so that plan
     * fragments with aggregates can be shipped to parallel workers: factories capture only
     * types and flags, never comparators or other per-process objects.
     */
    public interface Factory extends java.io.Serializable {
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

    public static final Set<String> NAMES = union(Set.of("count", "sum", "avg", "min", "max", "array_agg"), MoreAggregates.NAMES);

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** An aggregate made elsewhere in this package (see {@link MoreAggregates}). */
    static AggFunction of(String name, PgType argType, PgType resultType, int resultTypmod, Factory factory) {
        return new AggFunction(name, argType, resultType, resultTypmod, factory);
    }

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
                    case "interval": return new AggFunction(name, arg, PgTypes.INTERVAL, -1, IntervalSum::new);
                    default: break;
                }
                break;
            case "avg":
                switch (t) {
                    case "int2": case "int4": case "int8": case "numeric":
                        return new AggFunction(name, arg, PgTypes.NUMERIC, -1, NumericAvg::new);
                    case "float4": case "float8": return new AggFunction(name, arg, PgTypes.FLOAT8, -1, DoubleAvg::new);
                    case "interval": return new AggFunction(name, arg, PgTypes.INTERVAL, -1, IntervalAvg::new);
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
                try {
                    SortNode.keyType(arg); // a type without ordering has no min/max: 42883 below
                } catch (PgException e) {
                    break;
                }
                boolean max = name.equals("max");
                return new AggFunction(name, arg, arg, argTypmod, new MinMaxFactory(arg, max, t.equals("numeric")));
            default: {
                AggFunction more = MoreAggregates.resolve(name, arg);
                if (more != null) {
                    return more;
                }
                break;
            }
        }
        throw new PgException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + PgTypes.displayName(arg)
                + ") does not exist", null,
                "No function matches the given name and argument types. You might need to add explicit type casts.",
                position, null, null);
    }

    /**
     * Whether this aggregate can be split into Partial and Finalize steps: its accumulator
     * combines, and its state values are ones the parallel tuple queue carries. DISTINCT
     * aggregates never split (as in PostgreSQL 15).
     */
    public boolean combinable() {
        return factory.create() instanceof Combinable && (!name.equals("min") && !name.equals("max")
                || AggStates.shippableValueType(argType));
    }

    /**
     * Whether PostgreSQL's aggregate has a final function (avg; sum(int8) and sum(numeric),
     * whose states are internal): the planner charges one operator per group for it.
     */
    public boolean hasFinalFunction() {
        return name.equals("avg") || name.equals("sum") && argType != null
                && (argType.name().equals("int8") || argType.name().equals("numeric"));
    }

    /**
     * Whether PostgreSQL keeps this aggregate's state as "internal" (sum and avg of int8 and
     * numeric): a parallel plan serializes it in the Partial step and deserializes it in the
     * Finalize step, one operator each.
     */
    public boolean hasInternalState() {
        return (name.equals("sum") || name.equals("avg")) && argType != null
                && (argType.name().equals("int8") || argType.name().equals("numeric"));
    }

    /** The planner's width of the result (EXPLAIN's width of an Aggregate counts it). */
    public int resultWidth() {
        return TypeWidths.of(resultType.oid());
    }

    /**
     * The planner's width of the partial state, as PostgreSQL's transition (or serialized)
     * type: bigint for count and sum of small integers, an array or bytea (32) for avg and the
     * numeric sums, the float itself for float sums, the argument for min/max.
     */
    public int stateWidth() {
        switch (name) {
            case "count": return 8;
            case "avg": return 32;
            case "sum": return argType.name().equals("int2") || argType.name().equals("int4") ? 8 : resultWidth();
            default: return resultWidth();
        }
    }

    /** A fresh accumulator that can combine states (only when {@link #combinable()}). */
    public Combinable createCombinable() {
        return (Combinable) factory.create();
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

    private static final class Count implements Combinable {
        long n;

        @Override public void add(Object v) { n++; }
        @Override public Object result() { return n; }
        @Override public Object state() { return n; }
        @Override public void combine(Object state) { n += (Long) state; }
    }

    private static final class LongSum implements Combinable {
        long sum;
        boolean any;

        @Override public void add(Object v) { sum += ((Number) v).longValue(); any = true; }
        @Override public Object result() { return any ? sum : null; }
        /** null while no row was added, else the Long sum. */
        @Override public Object state() { return any ? sum : null; }

        @Override
        public void combine(Object state) {
            if (state != null) {
                sum += (Long) state;
                any = true;
            }
        }
    }

    /** sum(int8): a long until it would overflow, then exact. */
    private static final class BigSum implements Combinable {
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

        /** null while no row was added, else the exact BigDecimal sum. */
        @Override
        public Object state() {
            return result();
        }

        @Override
        public void combine(Object state) {
            if (state != null) {
                big = (big == null ? BigDecimal.ZERO : big).add((BigDecimal) state);
                any = true;
            }
        }
    }

    private static final class NumericSum implements Combinable {
        Object sum;

        @Override public void add(Object v) { sum = sum == null ? v : NumericMath.add(sum, v); }
        @Override public Object result() { return sum; }
        @Override public Object state() { return AggStates.numericState(sum); }

        @Override
        public void combine(Object state) {
            Object v = AggStates.numericValue(state);
            if (v != null) {
                add(v);
            }
        }
    }

    private static final class DoubleSum implements Combinable {
        final boolean float4;
        double sum;
        boolean any;

        DoubleSum(boolean float4) { this.float4 = float4; }

        @Override public void add(Object v) { sum += ((Number) v).doubleValue(); any = true; }
        @Override public Object result() { return !any ? null : float4 ? (Object) (float) sum : (Object) sum; }
        /** null while no row was added, else the Double sum (float4 sums are kept in double, as here serially). */
        @Override public Object state() { return any ? (Object) sum : null; }

        @Override
        public void combine(Object state) {
            if (state != null) {
                sum += (Double) state;
                any = true;
            }
        }
    }

    /** avg over integers or numeric: an exact sum divided with numeric division's scale rules. */
    private static final class NumericAvg implements Combinable {
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

        /** {Long count, Long long-sum, numeric sum of the rest (see AggStates) or null}. */
        @Override
        public Object state() {
            return new Object[] {n, longSum, AggStates.numericState(sum)};
        }

        @Override
        public void combine(Object state) {
            Object[] st = (Object[]) state;
            n += (Long) st[0];
            long x = (Long) st[1];
            long r = longSum + x;
            if (((longSum ^ r) & (x ^ r)) >= 0) {
                longSum = r;
            } else {
                sum = sum == null ? BigDecimal.valueOf(x) : NumericMath.add(sum, BigDecimal.valueOf(x));
            }
            Object other = AggStates.numericValue(st[2]);
            if (other != null) {
                sum = sum == null ? other : NumericMath.add(sum, other);
            }
        }
    }

    private static final class DoubleAvg implements Combinable {
        double sum;
        long n;

        @Override public void add(Object v) { sum += ((Number) v).doubleValue(); n++; }
        @Override public Object result() { return n == 0 ? null : sum / n; }
        /** {Double sum, Long count}. */
        @Override public Object state() { return new Object[] {sum, n}; }

        @Override
        public void combine(Object state) {
            Object[] st = (Object[]) state;
            sum += (Double) st[0];
            n += (Long) st[1];
        }
    }

    /** sum(interval): interval addition (months, days and microseconds separately, as PostgreSQL's interval_pl). */
    private static final class IntervalSum implements Combinable {
        IntervalValue sum;

        @Override public void add(Object v) { sum = sum == null ? (IntervalValue) v : DateTimeOps.add(sum, (IntervalValue) v); }
        @Override public Object result() { return sum; }
        /** The IntervalValue sum, null while no row was added. */
        @Override public Object state() { return sum; }

        @Override
        public void combine(Object state) {
            if (state != null) {
                add(state);
            }
        }
    }

    /** avg(interval): the interval sum divided by the count (PostgreSQL's interval_avg). */
    private static final class IntervalAvg implements Combinable {
        IntervalValue sum;
        long n;

        @Override
        public void add(Object v) {
            sum = sum == null ? (IntervalValue) v : DateTimeOps.add(sum, (IntervalValue) v);
            n++;
        }

        @Override public Object result() { return n == 0 ? null : DateTimeOps.divide(sum, n); }
        /** {IntervalValue sum or null, Long count}. */
        @Override public Object state() { return new Object[] {sum, n}; }

        @Override
        public void combine(Object state) {
            Object[] st = (Object[]) state;
            if (st[0] != null) {
                sum = sum == null ? (IntervalValue) st[0] : DateTimeOps.add(sum, (IntervalValue) st[0]);
            }
            n += (Long) st[1];
        }
    }

    /** min/max accumulators; the comparator is found (once per process) from the type, so only the type travels. */
    private static final class MinMaxFactory implements Factory {
        private final PgType type;
        private final boolean max;
        private final boolean numeric;
        /** Cached SortNode.keyType(type); a benign race may compute it twice. */
        private transient volatile SortKeyType cmp;

        MinMaxFactory(PgType type, boolean max, boolean numeric) {
            this.type = type;
            this.max = max;
            this.numeric = numeric;
        }

        @Override
        public Accumulator create() {
            SortKeyType c = cmp;
            if (c == null) {
                c = SortNode.keyType(type);
                cmp = c;
            }
            return new MinMax(c, max, numeric);
        }
    }

    private static final class MinMax implements Combinable {
        final SortKeyType cmp;
        final boolean max;
        /** numeric values may be NumericSpecial, which travels encoded (AggStates). */
        final boolean numeric;
        Object best;

        MinMax(SortKeyType cmp, boolean max, boolean numeric) {
            this.cmp = cmp;
            this.max = max;
            this.numeric = numeric;
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

        /** The best value so far (numeric specials as AggStates encodes them), null while none. */
        @Override
        public Object state() { return numeric ? AggStates.numericState(best) : best; }

        @Override
        public void combine(Object state) {
            Object v = numeric ? AggStates.numericValue(state) : state;
            if (v != null) {
                add(v);
            }
        }
    }
}
