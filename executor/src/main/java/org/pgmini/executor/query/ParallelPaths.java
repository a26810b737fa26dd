package org.pgmini.executor.query;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.AggregateNode;
import org.pgmini.executor.exec.FunctionScanNode;
import org.pgmini.executor.exec.GatherNode;
import org.pgmini.executor.exec.HashJoinNode;
import org.pgmini.executor.exec.HashNode;
import org.pgmini.executor.exec.LimitNode;
import org.pgmini.executor.exec.MaterializeNode;
import org.pgmini.executor.exec.NestedLoopNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectNode;
import org.pgmini.executor.exec.ProjectSetNode;
import org.pgmini.executor.exec.ResultNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.parallel.ParallelSafety;
import org.pgmini.storage.catalog.RelationDescriptor;

/**
 * Parallel plans, after PostgreSQL 15's planner (allpaths.c, costsize.c, planner.c): for a query
 * over one table, the serial plan is compared with
 * <ul>
 *   <li>Gather over the projection of a Parallel Seq Scan (filter and target list run in the
 *       participants), and, for an aggregating query,</li>
 *   <li>the serial aggregate over that Gather, and</li>
 *   <li>Finalize Aggregate over Gather over Partial Aggregate over Parallel Seq Scan, when
 *       every aggregate can be split (no DISTINCT, a combine step).</li>
 * </ul>
 * The cheapest total cost wins (a tie keeps the serial plan). Also force_parallel_mode's
 * single-copy Gather on top of a whole parallel-safe plan ({@link #forceGather}).
 *
 * <p>Cost model, as PostgreSQL's: workers from the table's size (none below
 * min_parallel_table_scan_size, one more per tripling above it; the table's
 * {@code parallel_workers} option instead when set) capped by max_parallel_workers_per_gather;
 * a parallel scan's CPU cost and rows are divided by workers + leader contribution (1 - 0.3 x
 * workers when parallel_leader_participation, if positive), its page cost is not; Gather costs
 * parallel_setup_cost + parallel_tuple_cost per row it passes.
 *
 * <p>Not parallel (the serial plan stays): joins, subqueries in the query (InitPlans),
 * parallel-unsafe or -restricted functions anywhere in it, and sorted paths (Gather Merge).
 */
final class ParallelPaths {
    private ParallelPaths() {}

    /**
     * Functions PostgreSQL marks parallel unsafe or restricted (pg_proc.proparallel 'u'/'r') and
     * ours that start workers themselves: a query calling one is planned serially.
     */
    private static final Set<String> NOT_PARALLEL_SAFE = Set.of("nextval", "currval", "setval", "lastval", "random",
            "setseed", "set_config", "txid_current", "pg_backend_pid", "test_shm_mq", "test_shm_mq_pipelined",
            "pgmini_parallel_count");

    /**
     * The query's projection of {@code input} (the FROM/WHERE rows, or the aggregate's output
     * row) through {@code targets}, as the cheapest of the serial and parallel plans. Called
     * once per SELECT by {@link SelectPlanner}. {@code limitRows} (see {@link #limitRows}) makes
     * a scan without aggregation compare costs for that many rows, as PostgreSQL's
     * get_cheapest_fractional_path does under LIMIT (a Gather's setup cost then counts more).
     * A null {@code session} (a subquery planned inside another query) gives the serial plan.
     */
    static PlanNode project(SessionContext session, SqlSelect sel, List<InitPlan> initPlans, PlanNode input, Eval[] targets,
                            double limitRows) {
        PlanNode serial = new ProjectNode(input, targets);
        ParallelSettings s = ParallelSettings.of(session);
        if (!s.enabled() || !initPlans.isEmpty() || !parallelSafe(sel)) {
            return serial;
        }
        if (input instanceof SeqScanNode scan && eligible(scan)) {
            int workers = workers(session, scan.relation(), s);
            if (workers <= 0) {
                return serial;
            }
            PlanNode gathered = gather(new ProjectNode(parallelScan(session, scan, workers, s), targets), workers, scan.rows, s);
            boolean better = limitRows > 0 ? cheaperFor(gathered, serial, Math.min(1, limitRows / serial.rows))
                    : cheaper(gathered, serial);
            return better && shippable(gathered) ? gathered : serial;
        }
        if (input instanceof AggregateNode agg && agg.mode() == AggregateNode.Mode.SIMPLE
                && agg.child() instanceof SeqScanNode scan && eligible(scan)) {
            int workers = workers(session, scan.relation(), s);
            if (workers <= 0) {
                return serial;
            }
            SeqScanNode pscan = parallelScan(session, scan, workers, s);
            PlanNode best = agg;
            // the serial aggregate over the cheaper of the serial scan and a Gather of the parallel one
            GatherNode scanGather = gather(pscan, workers, scan.rows, s);
            if (cheaper(scanGather, scan)) {
                best = agg.withChild(scanGather, Aggregation.groups(scanGather.rows, agg.keyCount()));
                GroupingPaths.hashSpill((AggregateNode) best, session); // sort helper: hash tables that spill cost more
            }
            if (agg.splittable()) {
                // sort helper: groups per participant clamped by the table's rows; no partial hash
                // table expected to outgrow hash memory (create_partial_grouping_paths)
                AggregateNode partial = agg.partial(pscan, agg.hashed()
                        ? Aggregation.groups(pscan.rows, agg.keyCount(), scan.rows) : 1);
                GroupingPaths.hashSpill(partial, session);
                GatherNode g = gather(partial, workers, partial.rows * workers, s);
                AggregateNode finalized = agg.finalizeOver(g, agg.hashed() ? Aggregation.groups(scan.rows, agg.keyCount()) : 1);
                GroupingPaths.hashSpill(finalized, session);
                if (GroupingPaths.partialHashFits(partial, session) && cheaper(finalized, best)) {
                    best = finalized;
                }
            }
            if (best != agg && shippable(best)) {
                return new ProjectNode(best, targets);
            }
            return serial;
        }
        return serial;
    }

    /**
     * The rows a LIMIT (a literal, plus a literal OFFSET) takes from the projection, when
     * nothing between (sort, DISTINCT, set-returning functions) consumes all rows first; 0
     * when the whole result counts.
     */
    static double limitRows(SqlNode fetch, SqlNode offset, boolean consumesAll) {
        if (consumesAll || !(fetch instanceof org.apache.calcite.sql.SqlNumericLiteral f)) {
            return 0;
        }
        double rows = f.bigDecimalValue().doubleValue();
        if (offset instanceof org.apache.calcite.sql.SqlNumericLiteral o) {
            rows += o.bigDecimalValue().doubleValue();
        } else if (offset != null) {
            return 0;
        }
        return Math.max(rows, 1);
    }

    /** Cheaper for the first {@code fraction} of the rows (compare_fractional_path_costs; a tie goes by total cost). */
    private static boolean cheaperFor(PlanNode a, PlanNode b, double fraction) {
        double ca = a.startupCost + fraction * (a.totalCost - a.startupCost);
        double cb = b.startupCost + fraction * (b.totalCost - b.startupCost);
        return ca < cb || ca == cb && cheaper(a, b);
    }

    /** Strictly cheaper in total cost (PostgreSQL keeps the path it had on a tie). */
    private static boolean cheaper(PlanNode a, PlanNode b) {
        return a.totalCost < b.totalCost;
    }

    private static boolean eligible(SeqScanNode scan) {
        return !scan.parallelAware() && !scan.wantsCtid();
    }

    /** PostgreSQL's compute_parallel_worker for a table scan, capped by max_parallel_workers_per_gather. */
    static int workers(SessionContext session, RelationDescriptor rel, ParallelSettings s) {
        int workers;
        Integer option = TableOptions.parallelWorkers(rel);
        if (option != null) {
            workers = option;
        } else {
            double pages = Estimates.pages(session.database(), rel);
            workers = workersForPages(pages, s.minTableScanPages());
        }
        return Math.min(workers, s.maxWorkersPerGather());
    }

    /** 0 below the threshold, else 1 + one more each time the size reaches three times the last threshold. */
    static int workersForPages(double pages, int minTableScanPages) {
        if (pages < minTableScanPages) {
            return 0;
        }
        long threshold = Math.max(minTableScanPages, 1);
        int workers = 1;
        while (pages >= threshold * 3) {
            workers++;
            threshold *= 3;
            if (threshold > Integer.MAX_VALUE / 3) {
                break;
            }
        }
        return workers;
    }

    /** PostgreSQL's get_parallel_divisor: each worker counts 1, the leader what is left of its time. */
    static double divisor(int workers, boolean leaderParticipation) {
        double d = workers;
        if (leaderParticipation) {
            double leader = 1.0 - 0.3 * workers;
            if (leader > 0) {
                d += leader;
            }
        }
        return d;
    }

    /** The Parallel Seq Scan of {@code scan}'s table: CPU cost and rows per participant, pages not divided. */
    private static SeqScanNode parallelScan(SessionContext session, SeqScanNode scan, int workers, ParallelSettings s) {
        double pages = Estimates.pages(session.database(), scan.relation());
        double d = divisor(workers, s.leaderParticipation());
        SeqScanNode p = scan.parallelCopy();
        double cpu = scan.totalCost - scan.startupCost - pages;
        p.startupCost = scan.startupCost;
        p.totalCost = scan.startupCost + pages + cpu / d;
        p.rows = Math.max(1, Math.rint(scan.rows / d));
        ((PlanNode) p).width = ((PlanNode) scan).width;
        return p;
    }

    /** A partial path of a query's projection: what each participant runs, and how many workers. */
    record PartialProjection(ProjectNode plan, int workers, ParallelSettings settings) {}

    /**
     * The projection of {@code input} through {@code targets} over a Parallel Seq Scan, for sorted
     * paths above it (Gather Merge, see {@link SortPaths}); null when the query cannot run in
     * parallel (same rules as {@link #project}: a one-table scan without aggregation). A null
     * {@code session} (a subquery) gives null.
     */
    static PartialProjection partialProjection(SessionContext session, SqlSelect sel, List<InitPlan> initPlans,
                                               PlanNode input, Eval[] targets) {
        ParallelSettings s = ParallelSettings.of(session);
        if (!s.enabled() || !initPlans.isEmpty() || !parallelSafe(sel) || !(input instanceof SeqScanNode scan) || !eligible(scan)) {
            return null;
        }
        int workers = workers(session, scan.relation(), s);
        if (workers <= 0) {
            return null;
        }
        return new PartialProjection(new ProjectNode(parallelScan(session, scan, workers, s), targets), workers, s);
    }

    /** Gather of {@code partial} passing {@code rows} rows in all (cost_gather). */
    private static GatherNode gather(PlanNode partial, int workers, double rows, ParallelSettings s) {
        GatherNode g = new GatherNode(partial, workers, false);
        g.startupCost = partial.startupCost + s.setupCost();
        g.totalCost = partial.totalCost + s.setupCost() + s.tupleCost() * rows;
        g.rows = rows;
        g.width = partial.width;
        return g;
    }

    /**
     * force_parallel_mode (on, regress): a single-copy Gather with one worker on top of a
     * parallel-safe plan that has none yet, costed as PostgreSQL's standard_planner does;
     * regress hides it from EXPLAIN. Called once per top-level SELECT.
     */
    static PlanNode forceGather(SessionContext session, SqlNode query, List<InitPlan> initPlans, PlanNode root) {
        ParallelSettings s = ParallelSettings.of(session);
        if (!s.enabled() || !s.forced() || !initPlans.isEmpty() || !parallelSafe(query) || !parallelSafePlan(root)
                || !shippable(root)) {
            return root;
        }
        GatherNode g = GatherNode.singleCopy(root, s.forceMode().equals("regress"));
        g.startupCost = root.startupCost + s.setupCost();
        g.totalCost = root.totalCost + s.setupCost() + s.tupleCost() * root.rows;
        g.rows = root.rows;
        g.width = root.width;
        return g;
    }

    /** A plan a worker may run whole: the operators it is made of are parallel safe and no Gather is in it. */
    private static boolean parallelSafePlan(PlanNode n) {
        boolean known = n instanceof SeqScanNode || n instanceof ProjectNode || n instanceof AggregateNode
                || n instanceof SortNode || n instanceof LimitNode || n instanceof ResultNode || n instanceof FunctionScanNode
                || n instanceof ValuesScanNode || n instanceof HashJoinNode || n instanceof HashNode
                || n instanceof NestedLoopNode || n instanceof MaterializeNode || n instanceof ProjectSetNode
                || n instanceof SubqueryScanNode;
        if (!known || n instanceof SeqScanNode scan && scan.wantsCtid()) {
            return false;
        }
        for (PlanNode c : n.children()) {
            if (!parallelSafePlan(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the plan fragment can be sent to workers: it serializes and holds nothing parallel
     * unsafe (the runtime's {@link ParallelSafety}; given a whole plan with Gathers, the plans
     * below them are checked).
     */
    private static boolean shippable(PlanNode fragment) {
        return ParallelSafety.shippable(fragment);
    }

    /** No parallel-unsafe or -restricted function and no subquery anywhere in the statement. */
    static boolean parallelSafe(SqlNode n) {
        if (n == null) {
            return true;
        }
        if (n instanceof SqlNodeList list) {
            for (SqlNode o : list) {
                if (!parallelSafe(o)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof SqlSelect sel) {
            for (SqlNode o : sel.getOperandList()) {
                if (!parallelSafe(o)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof SqlOrderBy ob) {
            return parallelSafe(ob.query) && parallelSafe(ob.orderList) && parallelSafe(ob.offset) && parallelSafe(ob.fetch);
        }
        if (n instanceof SqlCall call) {
            if (call.getOperator() != null
                    && NOT_PARALLEL_SAFE.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))) {
                return false;
            }
            for (SqlNode o : call.getOperandList()) {
                if (!parallelSafe(o)) {
                    return false;
                }
            }
        }
        return true;
    }
}
