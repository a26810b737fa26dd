package org.pgmini.executor.exec;

import java.util.List;

/**
 * Gather: runs its partial plan in parallel workers (and in the leader when
 * parallel_leader_participation is on) and hands out their rows in no particular order.
 *
 * <p>CONTRACT (session 3): the parallel planner builds this node over a partial plan whose
 * leaves are parallel-aware scans ({@link SeqScanNode#parallelAware()}); the parallel runtime
 * owns {@link #openCursor}. Until workers run it, the leader runs the partial plan alone, which
 * is exactly PostgreSQL's behaviour when no worker could be launched (Workers Launched: 0), so
 * results are already correct.
 */
public final class GatherNode extends PlanNode {
    private final PlanNode partial;
    private final int workersPlanned;
    private final boolean singleCopy;

    /**
     * @param partial        the plan each participant runs (its parallel-aware scans share their blocks)
     * @param workersPlanned how many workers the planner asked for (EXPLAIN's "Workers Planned")
     * @param singleCopy     force_parallel_mode's Gather: one participant runs the whole plan
     */
    public GatherNode(PlanNode partial, int workersPlanned, boolean singleCopy) {
        this.partial = partial;
        this.workersPlanned = workersPlanned;
        this.singleCopy = singleCopy;
    }

    /** force_parallel_mode = regress: EXPLAIN shows the plan as if this Gather were not there (PostgreSQL's "invisible"). */
    private boolean invisible;

    /**
     * force_parallel_mode's single-copy Gather; {@code invisible} (mode regress) hides it in
     * EXPLAIN as PostgreSQL does.
     */
    public static GatherNode singleCopy(PlanNode plan, boolean invisible) {
        GatherNode g = new GatherNode(plan, 1, true);
        g.invisible = invisible;
        return g;
    }

    @Override
    public boolean visibleInExplain() {
        return !invisible;
    }

    public PlanNode partialPlan() {
        return partial;
    }

    public int workersPlanned() {
        return workersPlanned;
    }

    public boolean singleCopy() {
        return singleCopy;
    }

    @Override
    public String explainName() {
        return "Gather";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(partial);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        out.add("Workers Planned: " + workersPlanned);
        if (ins != null) {
            out.add("Workers Launched: 0");
        }
        if (singleCopy) {
            out.add("Single Copy: true");
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        return s.open(partial);
    }
}
