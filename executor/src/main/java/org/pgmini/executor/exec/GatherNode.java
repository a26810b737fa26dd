package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.parallel.ParallelExecution;

/**
 * Gather: runs its partial plan in parallel workers (and in the leader when
 * parallel_leader_participation is on) and hands out their rows in no particular order.
 *
 * <p>The parallel planner builds this node over a partial plan whose leaves are parallel-aware
 * scans ({@link SeqScanNode#parallelAware()}); {@link ParallelExecution} ships the partial plan to
 * up to {@code workersPlanned} workers. When none can be launched (no free worker, no pool,
 * dynamic_shared_memory_type = none, a fragment that cannot be shipped) the leader runs the
 * partial plan alone, as PostgreSQL does (Workers Launched: 0).
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
        explainWorkers(out, ins, workersPlanned);
        if (singleCopy) {
            out.add("Single Copy: true");
        }
    }

    /** Gather's and Gather Merge's lines: {@code Workers Planned: N} and, under ANALYZE, {@code Workers Launched: N}. */
    static void explainWorkers(List<String> out, Instrumentation ins, int workersPlanned) {
        out.add("Workers Planned: " + workersPlanned);
        if (ins != null) {
            out.add("Workers Launched: " + ins.workersLaunched);
        }
    }

    /**
     * Starts {@code partial} in up to {@code workers} workers for the Gather (Merge) node
     * {@code gather}, counting the ones launched for its EXPLAIN ANALYZE line.
     */
    static ParallelExecution startWorkers(ExecState s, PlanNode gather, PlanNode partial, int workers, boolean leader) {
        ParallelExecution pe = ParallelExecution.start(s, partial, workers, leader);
        Instrumentation ins = s.instrumentation(gather);
        if (ins != null) {
            ins.workersLaunched += pe.launched();
        }
        return pe;
    }

    /** parallel_leader_participation (default on); a single-copy Gather leaves the work to its worker. */
    static boolean leaderParticipates(ExecState s, boolean singleCopy) {
        if (singleCopy) {
            return false;
        }
        String v;
        try {
            v = s.session == null ? null : s.session.settings().currentSetting("parallel_leader_participation", true);
        } catch (RuntimeException e) {
            v = null;
        }
        return v == null || !(v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equals("0"));
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        ParallelExecution pe = startWorkers(s, this, partial, singleCopy ? 1 : workersPlanned, leaderParticipates(s, singleCopy));
        return new Cursor() {
            @Override
            public Object[] next() {
                return pe.nextAny();
            }

            @Override
            public void close() {
                pe.close();
            }
        };
    }
}
