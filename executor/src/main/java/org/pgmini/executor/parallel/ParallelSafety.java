package org.pgmini.executor.parallel;

import org.pgmini.executor.exec.PlanNode;

/**
 * The planner's question before it builds a Gather: can this partial plan run in parallel
 * workers? True when the fragment serializes ({@link FragmentCodec}) and contains nothing
 * parallel-unsafe: volatile functions, InitPlans/SubPlans (not serializable), ctids, write or
 * locking nodes, a Gather. Never throws.
 *
 * <p>Functions that read the catalog or other session state through the session
 * ({@code c.session.database()}) must be registered volatile: a worker's session has no catalog.
 */
public final class ParallelSafety {
    private ParallelSafety() {}

    /**
     * Functions the catalog registers as not immutable (so they are never folded at plan time)
     * that are nevertheless stable and parallel safe here: they read only what a worker's session
     * has from the leader (statement and transaction start, the shipped settings, user and
     * database names). Every other non-immutable function (random, clock_timestamp, nextval,
     * pg_sleep, current_setting, pg_backend_pid, functions that read the catalog, ...) keeps a
     * plan in the leader. An allow list, so a new function is unsafe until someone says otherwise.
     */
    static final java.util.Set<String> PARALLEL_SAFE_STABLE = java.util.Set.of("now", "current_timestamp",
            "statement_timestamp", "transaction_timestamp", "current_date", "current_time", "localtime",
            "localtimestamp", "to_char", "date_part", "date_trunc", "extract", "age", "make_timestamptz",
            "quote_nullable", "current_user", "session_user", "current_database", "version");

    /** The plans below the outermost Gather / Gather Merge nodes of {@code n} (none: it has no Gather). */
    private static void gathersBelow(PlanNode n, java.util.List<PlanNode> out) {
        if (n instanceof org.pgmini.executor.exec.GatherNode g) {
            out.add(g.partialPlan());
            return;
        }
        if (n.getClass().getSimpleName().equals("GatherMergeNode") && n.children().size() == 1) {
            out.add(n.children().get(0));
            return;
        }
        for (PlanNode c : n.children()) {
            gathersBelow(c, out);
        }
    }

    /**
     * True when {@code fragment} (the partial plan, or a whole plan: then the plan below each of
     * its Gathers) can run in parallel workers.
     */
    public static boolean shippable(PlanNode fragment) {
        return reasonNotShippable(fragment) == null;
    }

    /**
     * Null when {@link #shippable}, else why not (for tests and debugging). Given a Gather (or
     * Gather Merge) itself, the plan below it is what is checked.
     */
    public static String reasonNotShippable(PlanNode fragment) {
        java.util.List<PlanNode> partials = new java.util.ArrayList<>();
        gathersBelow(fragment, partials);
        if (!partials.isEmpty()) {
            // a whole plan: what must ship is the plan below each (outermost) Gather
            for (PlanNode p : partials) {
                String why = fragmentProblem(p);
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        return fragmentProblem(fragment);
    }

    /**
     * Why the partial plan {@code fragment} cannot be shipped (a Gather inside it is one reason), or
     * null. Goes through {@link FragmentCodec}'s per-node cache, so the fragment the planner keeps
     * is not serialized again when it first runs.
     */
    private static String fragmentProblem(PlanNode fragment) {
        return FragmentCodec.reasonNotShippable(fragment);
    }
}
