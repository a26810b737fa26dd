package org.pgmini.executor.query;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.GatherMergeNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.parallel.ParallelSafety;
import org.pgmini.executor.types.PgType;

/**
 * The ordered path of a query (PostgreSQL's create_ordered_paths), costed as PostgreSQL does
 * ({@link SortCosts}, with work_mem and the LIMIT's bound). Candidates:
 * <ul>
 *   <li>a Sort over the query's cheapest rows (serial, or a Gather the parallel planner chose);</li>
 *   <li>when the projection can run in parallel ({@link ParallelPaths#partialProjection}): a
 *       Gather Merge over each participant's Sort of its share of a Parallel Seq Scan.</li>
 * </ul>
 * The cheaper wins, for the fraction of rows a LIMIT reads (a tie keeps the Sort). Called once
 * per SELECT with an ORDER BY by {@link SelectPlanner}.
 */
final class SortPaths {
    private SortPaths() {}

    /** What the sorted rows come from. */
    record Input(SqlSelect sel, List<InitPlan> initPlans, PlanNode beforeProjection, Eval[] targets) {}

    /**
     * The rows of {@code plan} sorted by {@code keys}; {@code offset}/{@code fetch} are the
     * query's OFFSET and LIMIT clauses (null when absent). {@code projection}: set when
     * {@code plan} is the query's projection of {@code projection.beforeProjection()} (no DISTINCT
     * between), so a Gather Merge may replace it; null otherwise, and for subqueries.
     */
    static PlanNode ordered(SessionContext session, PlanNode plan, List<SortNode.Key> keys, List<PgType> types,
                            SqlNode offset, SqlNode fetch, Input projection) {
        long workMem = workMemKB(session);
        double limit = limitTuples(offset, fetch);
        boolean enabled = GroupingPaths.Settings.of(session).sort();
        SortNode sort = new SortNode(plan, keys, types);
        SortCosts.sort(sort, plan, workMem, limit, enabled);
        if (projection == null || session == null) {
            return sort;
        }
        ParallelPaths.PartialProjection partial = ParallelPaths.partialProjection(session, projection.sel(),
                projection.initPlans(), projection.beforeProjection(), projection.targets());
        if (partial == null) {
            return sort;
        }
        SortNode partialSort = new SortNode(partial.plan(), keys, types);
        SortCosts.sort(partialSort, partial.plan(), workMem, limit, enabled);
        GatherMergeNode gm = new GatherMergeNode(partialSort, partial.workers());
        // PostgreSQL counts the rows of a Gather Merge as the partial rows times the workers
        SortCosts.gatherMerge(gm, partialSort, partial.workers(), partial.plan().rows * partial.workers(),
                partial.settings().setupCost(), partial.settings().tupleCost());
        double fraction = limit > 0 ? Math.min(1, limit / Math.max(1, sort.rows)) : 1;
        double gmCost = SortCosts.fractional(gm, fraction);
        double sortCost = SortCosts.fractional(sort, fraction);
        boolean cheaper = gmCost < sortCost || gmCost == sortCost && gm.totalCost < sort.totalCost;
        return cheaper && ParallelSafety.shippable(gm) ? gm : sort;
    }

    static long workMemKB(SessionContext session) {
        return ExecState.memorySettingKB(session, "work_mem", 4096);
    }

    /** PostgreSQL's limit_tuples: OFFSET + LIMIT when both are constants (a missing OFFSET is 0), else -1. */
    static double limitTuples(SqlNode offset, SqlNode fetch) {
        if (!(fetch instanceof SqlNumericLiteral f)) {
            return -1;
        }
        double n = f.bigDecimalValue().doubleValue();
        if (offset != null) {
            if (!(offset instanceof SqlNumericLiteral o)) {
                return -1;
            }
            n += o.bigDecimalValue().doubleValue();
        }
        return n;
    }
}
