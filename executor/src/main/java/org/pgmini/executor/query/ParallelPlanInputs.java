package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.storage.catalog.RelationDescriptor;

/**
 * What a cached plan's parallel choices were made from besides the catalog: the session's
 * parallel settings and the size of each table it scans. Plans are shared between sessions and
 * kept across statements, so a plan is planned again when another session (or a SET) has
 * other settings, when a table's size now gives another worker count, or when it changed by
 * more than a tenth (its costs, and with them the serial/parallel choice, moved). Smaller
 * changes keep the plan, so that a table that grows a little at a time (UPDATEs) does not make
 * every statement plan again.
 */
final class ParallelPlanInputs {
    /** One scanned table: its planner page count and worker count when the plan was made. */
    private record TableSize(RelationDescriptor rel, double pages, int workers) {}

    private final ParallelSettings settings;
    private final List<TableSize> tables;

    /**
     * work_mem when the plan was made, or -1: a plan with a sort was costed with it (external
     * merge or not, Gather Merge or Sort), so another work_mem plans again (h8sort).
     */
    private long sortWorkMemKB = -1;

    /** The plan-method settings (enable_hashagg, enable_sort, ...) the plan was made with (sort helper). */
    private PlanMethodSettings methods;
    /**
     * Index paths (idxsql): the cost settings the index/seq choice was made with, and the planner
     * page count of each scanned table that has indexes (an index scan planned on a tiny table
     * is re-planned once the table grew by more than a tenth, and the other way round).
     */
    private IndexPaths.Costs indexCosts;
    private final List<TableSize> indexedTables = new ArrayList<>();

    private ParallelPlanInputs(ParallelSettings settings, List<TableSize> tables) {
        this.settings = settings;
        this.tables = tables;
    }

    /** The inputs of {@code root} as they are now (just after planning it). */
    static ParallelPlanInputs capture(SessionContext session, PlanNode root) {
        ParallelSettings s = ParallelSettings.of(session);
        List<TableSize> tables = new ArrayList<>();
        if (s.enabled()) {
            collect(session, root, s, tables);
        }
        ParallelPlanInputs inputs = new ParallelPlanInputs(s, List.copyOf(tables));
        if (containsSort(root)) {
            inputs.sortWorkMemKB = SortPaths.workMemKB(session);
        }
        inputs.methods = PlanMethodSettings.of(session);
        collectIndexed(session, root, inputs.indexedTables);
        if (!inputs.indexedTables.isEmpty()) {
            inputs.indexCosts = IndexPaths.Costs.of(session);
        }
        return inputs;
    }

    private static boolean containsSort(PlanNode n) {
        if (n instanceof org.pgmini.executor.exec.SortNode) {
            return true;
        }
        for (PlanNode c : n.children()) {
            if (containsSort(c)) {
                return true;
            }
        }
        return false;
    }

    private static void collectIndexed(SessionContext session, PlanNode n, List<TableSize> out) {
        RelationDescriptor rel = n instanceof SeqScanNode scan ? scan.relation()
                : n instanceof org.pgmini.executor.exec.IndexScanNode index ? index.relation() : null;
        if (rel != null && !rel.indexes().isEmpty() && session != null && session.database() != null) {
            out.add(new TableSize(rel, Estimates.pages(session.database(), rel), 0));
        }
        for (PlanNode c : n.children()) {
            collectIndexed(session, c, out);
        }
    }

    private static void collect(SessionContext session, PlanNode n, ParallelSettings s, List<TableSize> out) {
        if (n instanceof SeqScanNode scan) {
            RelationDescriptor rel = scan.relation();
            out.add(new TableSize(rel, Estimates.pages(session.database(), rel), ParallelPaths.workers(session, rel, s)));
        }
        for (PlanNode c : n.children()) {
            collect(session, c, s, out);
        }
    }

    /** Whether a plan made from these inputs is still the one the planner would make now. */
    boolean stillHold(SessionContext session) {
        ParallelSettings now = ParallelSettings.of(session);
        if (!now.equals(settings) || sortWorkMemKB >= 0 && sortWorkMemKB != SortPaths.workMemKB(session)
                || !PlanMethodSettings.of(session).equals(methods)) {
            return false;
        }
        if (indexCosts != null && !indexCosts.equals(IndexPaths.Costs.of(session))) {
            return false;
        }
        try {
            for (TableSize t : indexedTables) {
                if (Math.abs(Estimates.pages(session.database(), t.rel()) - t.pages()) > t.pages() / 10) {
                    return false;
                }
            }
            for (TableSize t : tables) {
                double pages = Estimates.pages(session.database(), t.rel());
                if (Math.abs(pages - t.pages()) > t.pages() / 10 || ParallelPaths.workers(session, t.rel(), now) != t.workers()) {
                    return false;
                }
            }
        } catch (PgException e) {
            return false;
        }
        return true;
    }
}
