package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.AggFunction;
import org.pgmini.executor.exec.AggregateNode;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.GatherMergeNode;
import org.pgmini.executor.exec.GroupAggregateNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.exec.UniqueNode;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.parallel.ParallelSafety;
import org.pgmini.executor.types.PgType;

/**
 * Hashed or sorted grouping, chosen by PostgreSQL 15's costs (planner.c add_paths_to_grouping_rel
 * and create_final_distinct_paths, costsize.c cost_agg / cost_group / cost_sort):
 * <ul>
 *   <li>GROUP BY: HashAggregate (the hashed plans {@link ParallelPaths#project} chose) against
 *       GroupAggregate (Group without aggregates) over a Sort of the input by the group keys, and
 *       in parallel Finalize GroupAggregate over Gather Merge over Partial GroupAggregate over
 *       Sort, or GroupAggregate over Gather Merge over the participants' Sorts;</li>
 *   <li>SELECT DISTINCT: HashAggregate against Unique over Sort (no hashing at all with
 *       enable_hashagg off, as PostgreSQL).</li>
 * </ul>
 * A hash table expected to outgrow work_mem x hash_mem_multiplier costs its spill I/O
 * ({@link #hashSpill}); enable_hashagg off costs a hashed plan {@link SortCosts#DISABLE_COST},
 * enable_sort off every Sort. When the sorted plan's output order is the ORDER BY's, no Sort is
 * needed above it, while the hashed plan pays for one over its groups; the cheaper total wins
 * (for the fraction of rows a LIMIT takes), a tie goes to the sorted plan as in PostgreSQL.
 */
final class GroupingPaths {
    private GroupingPaths() {}

    /** The settings the choice reads (PostgreSQL's GUCs of the same names). */
    record Settings(long workMemKB, double hashMemMultiplier, boolean hashAgg, boolean sort) {
        static Settings of(SessionContext session) {
            long workMem = ExecState.memorySettingKB(session, "work_mem", 4096);
            double multiplier = 2.0;
            boolean hashAgg = true;
            boolean sort = true;
            if (session != null) {
                try {
                    multiplier = Double.parseDouble(session.settings().currentSetting("hash_mem_multiplier", true));
                    hashAgg = !"off".equals(session.settings().currentSetting("enable_hashagg", true));
                    sort = !"off".equals(session.settings().currentSetting("enable_sort", true));
                } catch (PgException | NullPointerException | NumberFormatException e) {
                    // a session without these settings (tools, warm-up) plans with the defaults
                }
            }
            return new Settings(workMem, multiplier, hashAgg, sort);
        }

        long hashMemBytes() {
            return (long) Math.min(Long.MAX_VALUE / 2, workMemKB * 1024.0 * hashMemMultiplier);
        }
    }

    /** add_path's STD_FUZZ_FACTOR: costs this close count as equal. */
    private static final double FUZZ = 1.01;

    /** The grouping plan and whether its rows already come in the ORDER BY's order. */
    record Choice(PlanNode plan, boolean ordered) {}

    // ------------------------------------------------------------------ GROUP BY

    /**
     * The GROUP BY plan: {@code hashedPlan} (ParallelPaths' projection of the hashed aggregation,
     * serial or parallel) or the cheapest sorted one, each projected through {@code targets}.
     *
     * @param allowParallel  parallel plans may be considered (not for subqueries)
     * @param hashed         the serial HashAggregate over the FROM rows
     * @param targets        the projection above the aggregation (null: none, the caller adds its own nodes)
     * @param keys           the Sort keys of {@link AggregateNode#sortInputTargets}' rows
     * @param types          those rows' column types
     * @param orderSatisfied the ORDER BY is a prefix of the group keys in their sort order
     * @param finalSort      builds the ORDER BY's Sort over a plan (costed), null without ORDER BY
     * @param limitRows      rows a LIMIT reads (OFFSET + LIMIT), or &lt;= 0
     */
    static Choice groupBy(SessionContext session, boolean allowParallel, SqlSelect sel, List<InitPlan> initPlans, PlanNode hashedPlan,
                          AggregateNode hashed, Eval[] targets, List<SortNode.Key> keys, List<PgType> types,
                          boolean orderSatisfied, java.util.function.UnaryOperator<PlanNode> finalSort, double limitRows) {
        Settings st = Settings.of(session);
        List<PlanNode> sorted;
        try {
            sorted = sortedCandidates(allowParallel ? session : null, sel, initPlans, hashed, keys, types, st);
        } catch (PgException e) {
            return new Choice(hashedPlan, false); // a key type without an ordering: only hashing groups it
        }
        PlanNode best = null;
        for (PlanNode p : sorted) {
            if (best == null || p.totalCost < best.totalCost) {
                best = p;
            }
        }
        PlanNode sortedPlan = targets == null ? best : new ProjectNode(best, targets);
        double hashPenalty = st.hashAgg() ? 0 : SortCosts.DISABLE_COST;
        return pick(sortedPlan, hashedPlan, hashPenalty, orderSatisfied, finalSort, limitRows);
    }

    /** The sorted plan when it costs no more than the hashed one (plus, for ORDER BY, the hashed plan's Sort). */
    private static Choice pick(PlanNode sortedPlan, PlanNode hashedPlan, double hashPenalty, boolean orderSatisfied,
                               java.util.function.UnaryOperator<PlanNode> finalSort, double limitRows) {
        // add_path: costs within 1% of each other (total, and startup no worse) are the same, and
        // then the sorted path's order makes the hashed one redundant (e.g. both disabled)
        double hashedStartup = hashedPlan.startupCost + hashPenalty;
        double hashedTotal = hashedPlan.totalCost + hashPenalty;
        if (sortedPlan.totalCost <= hashedTotal * FUZZ && hashedTotal <= sortedPlan.totalCost * FUZZ
                && sortedPlan.startupCost <= hashedStartup * FUZZ) {
            return new Choice(sortedPlan, orderSatisfied);
        }
        PlanNode hashedOrdered = orderSatisfied && finalSort != null ? finalSort.apply(hashedPlan) : hashedPlan;
        double fraction = limitRows > 0 ? Math.min(1, limitRows / Math.max(1, sortedPlan.rows)) : 1;
        if (!orderSatisfied && finalSort != null) {
            fraction = 1; // both get the same Sort above, which reads everything first
        }
        double sortedCost = SortCosts.fractional(sortedPlan, fraction);
        double hashedCost = SortCosts.fractional(hashedOrdered, fraction) + hashPenalty;
        if (sortedCost <= hashedCost) {
            return new Choice(sortedPlan, orderSatisfied);
        }
        return new Choice(hashedPlan, false);
    }

    /** The serial sorted aggregation and, when the query can run in parallel, the parallel ones. */
    private static List<PlanNode> sortedCandidates(SessionContext session, SqlSelect sel, List<InitPlan> initPlans,
                                                   AggregateNode hashed, List<SortNode.Key> keys, List<PgType> types,
                                                   Settings st) {
        List<PlanNode> out = new ArrayList<>();
        Eval[] sortTargets = hashed.sortInputTargets();
        ProjectNode projected = new ProjectNode(hashed.child(), sortTargets);
        SortNode sort = new SortNode(projected, keys, types);
        SortCosts.sort(sort, projected, st.workMemKB(), -1, st.sort());
        out.add(new GroupAggregateNode(hashed.overSortInput(sort), keys));

        ParallelPaths.PartialProjection partial = session == null ? null
                : ParallelPaths.partialProjection(session, sel, initPlans, hashed.child(), sortTargets);
        if (partial == null) {
            return out;
        }
        int workers = partial.workers();
        ParallelSettings ps = partial.settings();
        SortNode partialSort = new SortNode(partial.plan(), keys, types);
        SortCosts.sort(partialSort, partial.plan(), st.workMemKB(), -1, st.sort());
        // the serial aggregation over a Gather Merge of the participants' sorts (rows: the whole scan's)
        GatherMergeNode gm = new GatherMergeNode(partialSort, workers);
        SortCosts.gatherMerge(gm, partialSort, workers, hashed.child().rows, ps.setupCost(), ps.tupleCost());
        GroupAggregateNode overGather = new GroupAggregateNode(hashed.overSortInput(gm), keys);
        if (ParallelSafety.shippable(overGather)) {
            out.add(overGather);
        }
        if (hashed.splittable()) {
            double partialGroups = Aggregation.groups(partial.plan().rows, hashed.keyCount(), hashed.child().rows);
            GroupAggregateNode partialAgg = new GroupAggregateNode(
                    hashed.partial(partial.plan(), partialGroups).overSortInput(partialSort), keys);
            GatherMergeNode gm2 = new GatherMergeNode(partialAgg, partialSort, workers);
            SortCosts.gatherMerge(gm2, partialAgg, workers, partialAgg.rows * workers, ps.setupCost(), ps.tupleCost());
            GroupAggregateNode finalized = new GroupAggregateNode(hashed.finalizeOver(gm2, hashed.groups()), keys);
            if (ParallelSafety.shippable(finalized)) {
                out.add(finalized);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ SELECT DISTINCT

    /**
     * SELECT DISTINCT over {@code plan} (the projection): HashAggregate on the distinct columns,
     * or Unique over a Sort by {@code keys} (ORDER BY's keys first, then the other columns).
     *
     * @param hashedDistinct the HashAggregate the planner would use
     * @param orderGiven     the query has an ORDER BY (the keys start with it)
     */
    static Choice distinct(SessionContext session, PlanNode plan, AggregateNode hashedDistinct, List<SortNode.Key> keys,
                           List<PgType> types, boolean orderGiven, java.util.function.UnaryOperator<PlanNode> finalSort,
                           double limitRows, SortPaths.Input projection) {
        Settings st = Settings.of(session);
        UniqueNode unique;
        try {
            SortNode sort = new SortNode(plan, keys, types);
            SortCosts.sort(sort, plan, st.workMemKB(), -1, st.sort());
            unique = new UniqueNode(sort, keys, hashedDistinct.groups());
        } catch (PgException e) {
            return new Choice(hashedDistinct, false);
        }
        // Unique over a Gather Merge of the participants' sorted projections (its rows: the scan's)
        ParallelPaths.PartialProjection partial = projection == null || session == null ? null
                : ParallelPaths.partialProjection(session, projection.sel(), projection.initPlans(),
                        projection.beforeProjection(), projection.targets());
        if (partial != null) {
            SortNode partialSort = new SortNode(partial.plan(), keys, types);
            SortCosts.sort(partialSort, partial.plan(), st.workMemKB(), -1, st.sort());
            GatherMergeNode gm = new GatherMergeNode(partialSort, partial.workers());
            SortCosts.gatherMerge(gm, partialSort, partial.workers(), projection.beforeProjection().rows,
                    partial.settings().setupCost(), partial.settings().tupleCost());
            UniqueNode overGather = new UniqueNode(gm, keys, hashedDistinct.groups());
            if (overGather.totalCost < unique.totalCost && ParallelSafety.shippable(overGather)) {
                unique = overGather;
            }
        }
        if (!st.hashAgg()) {
            return new Choice(unique, orderGiven); // PostgreSQL does not even consider hashing then
        }
        return pick(unique, hashedDistinct, 0, orderGiven, finalSort, limitRows);
    }

    // ------------------------------------------------------------------ hash table size

    /**
     * Sets on {@code agg} (a HashAggregate over {@code inputRows} rows of {@code inputWidth}) the
     * disk cost cost_agg adds when its groups are expected not to fit: hash_agg_entry_size per
     * group against hash_agg_set_limits' memory, the recursion depth over the partitions, twice
     * the input's pages written (random) and read (sequential) per level, and two
     * cpu_tuple_costs per input row and level.
     */
    static void hashSpill(AggregateNode agg, SessionContext session) {
        if (!agg.hashed()) {
            return;
        }
        Settings st = Settings.of(session);
        double groups = agg.groups();
        double inputRows = agg.child().rows;
        int inputWidth = agg.child().width;
        double entry = entrySize(agg, inputWidth);
        double hashMem = st.hashMemBytes();
        double memLimit;
        double groupsLimit;
        int partitions;
        if (groups * entry <= hashMem) {
            partitions = 0;
            memLimit = hashMem;
            groupsLimit = Math.floor(hashMem / entry);
        } else {
            partitions = partitions(groups, entry, hashMem);
            double partitionMem = 8192.0 + 8192.0 * partitions;
            memLimit = hashMem > 4 * partitionMem ? hashMem - partitionMem : Math.floor(hashMem * 0.75);
            groupsLimit = memLimit > entry ? Math.floor(memLimit / entry) : 1;
        }
        int partitions0 = partitions;
        double batches = Math.max(groups * entry / memLimit, groups / Math.max(1, groupsLimit));
        batches = Math.max(Math.ceil(batches), 1.0);
        partitions = Math.max(partitions, 2);
        int depth = (int) Math.ceil(Math.log(batches) / Math.log(partitions));
        if (depth <= 0) {
            return;
        }
        double pages = SortCosts.relationBytes(inputRows, inputWidth) / 8192.0;
        double written = pages * depth;
        double read = written;
        read *= 2.0;
        written *= 2.0;
        double spillCpu = depth * inputRows * 2.0 * 0.01;
        agg.setSpillCost(written * SortCosts.RANDOM_PAGE_COST, read * SortCosts.SEQ_PAGE_COST, spillCpu, partitions0);
    }

    /**
     * Whether a Partial HashAggregate may be planned: PostgreSQL 15 plans one only when its hash
     * table (hash_agg_entry_size x groups) is expected to fit in hash memory.
     */
    static boolean partialHashFits(AggregateNode partial, SessionContext session) {
        return !partial.hashed()
                || entrySize(partial, partial.child().width) * partial.groups() < Settings.of(session).hashMemBytes();
    }

    /** hash_choose_num_partitions: enough partitions for each to fit (1.5x), within a quarter of hash memory, a power of two in 4..1024. */
    private static int partitions(double groups, double entry, double hashMem) {
        double limit = (hashMem * 0.25 - 8192) / 8192;
        double wanted = 1.5 * groups * entry;
        double d = 1 + wanted / hashMem;
        d = Math.min(d, limit);
        d = Math.max(d, 4);
        d = Math.min(d, 1024);
        int n = (int) d;
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1); // ceil(log2(n))
        return 1 << bits;
    }

    /**
     * hash_agg_entry_size (PostgreSQL 15, 64-bit): the hash entry (24 bytes), the first tuple
     * (16-byte chunk header, 16-byte minimal tuple header, the input's width), one 16-byte
     * transition state per aggregate with its chunk header, and the aggregates' transition space.
     */
    static double entrySize(AggregateNode agg, int inputWidth) {
        int trans = agg.aggregateCount();
        double space = 0;
        for (AggregateNode.Agg a : agg.aggregates()) {
            space += transitionSpace(a.function());
        }
        return 24 + (16 + 16 + inputWidth) + (trans > 0 ? 16 + 16.0 * trans : 0) + (space > 0 ? 16 + space : 0);
    }

    /**
     * The hash memory an aggregate's transition value takes beyond its state word
     * (get_agg_clause_costs): pg_aggregate.aggtransspace of the internal states (48 or 128),
     * 8 kB for internal states without one (array_agg, string_agg), the average width plus two
     * pointers for by-reference states (arrays and variable-length values 32, interval 16).
     */
    static double transitionSpace(AggFunction f) {
        String arg = f.argType == null ? "" : f.argType.name();
        switch (f.name) {
            case "sum":
                return switch (arg) {
                    case "int8" -> 48;
                    case "numeric" -> 128;
                    case "interval" -> 16 + 16;
                    default -> 0;
                };
            case "avg":
                return switch (arg) {
                    case "int8" -> 48;
                    case "numeric" -> 128;
                    default -> 32 + 16;
                };
            case "variance": case "var_samp": case "var_pop": case "stddev": case "stddev_samp": case "stddev_pop":
                return switch (arg) {
                    case "int2", "int4" -> 48;
                    case "int8", "numeric" -> 128;
                    default -> 32 + 16;
                };
            case "min": case "max":
                return switch (arg) {
                    case "text", "varchar", "bpchar", "numeric" -> 32 + 16;
                    case "interval" -> 16 + 16;
                    default -> 0;
                };
            case "array_agg": case "string_agg":
                return 8192;
            default:
                return 0;
        }
    }
}
