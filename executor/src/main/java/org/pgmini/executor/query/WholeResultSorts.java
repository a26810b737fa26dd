package org.pgmini.executor.query;

import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.GatherMergeNode;
import org.pgmini.executor.exec.GatherTapeMergeNode;
import org.pgmini.executor.exec.PlanNode;

/**
 * Runs the query of a statement that consumes its rows whole (CREATE TABLE AS, INSERT ... SELECT):
 * when its plan is a Gather Merge directly over the participants' Sorts, the sort runs in
 * tape-import mode ({@link GatherTapeMergeNode}: workers write one run each, the leader merges
 * them from disk) instead of streaming every row through the tuple queues. The plan, and so
 * EXPLAIN, is the one the planner chose for the query; only the execution differs.
 *
 * <p>{@code SET pgmini.parallel_sort_tapes = off} (a custom placeholder setting, unset means on)
 * keeps the streaming Gather Merge, e.g. to compare the two.
 */
public final class WholeResultSorts {
    /** The custom setting that switches tape-import mode off. */
    public static final String SETTING = "pgmini.parallel_sort_tapes";

    private WholeResultSorts() {}

    /** Executes {@code query} for a consumer that reads every row. */
    public static ResultCursor execute(PreparedQuery query, Object[] params, SessionContext session) {
        return forWholeResult(query, session).execute(params, session);
    }

    /** {@code query}, or the same plan with its root Gather Merge in tape-import mode. */
    static PreparedQuery forWholeResult(PreparedQuery query, SessionContext session) {
        if (!(query instanceof TableQuery tq) || !enabled(session)) {
            return query;
        }
        PreparedQuery now = tq.current(session);
        if (!(now instanceof TableQuery current)) {
            return now;
        }
        PlanNode root = current.planned().root();
        if (root instanceof GatherMergeNode gm && GatherTapeMergeNode.applies(gm)) {
            return current.withRoot(new GatherTapeMergeNode(gm));
        }
        return current;
    }

    private static boolean enabled(SessionContext session) {
        String v;
        try {
            v = session.settings().currentSetting(SETTING, true);
        } catch (RuntimeException e) {
            v = null;
        }
        return v == null || v.isEmpty() || !(v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equals("0"));
    }
}
