package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parallel.ParallelExecution;
import org.pgmini.executor.parallel.SortRunArea;
import org.pgmini.executor.parallel.TupleReader;
import org.pgmini.executor.sort.Tuplesort;
import org.pgmini.storage.tape.SharedFileSet;
import org.pgmini.storage.tape.TapeExport;

/**
 * A {@link GatherMergeNode} run in tape-import mode (PostgreSQL's parallel tuplesort, as its
 * parallel CREATE INDEX uses it), for a sorted result that is consumed whole (CREATE TABLE AS):
 * instead of streaming every sorted row through the tuple queues, each worker sorts its share into
 * exactly one run on its own file of a shared fileset and publishes where the run is
 * ({@link SortRunArea}, a new area of the query's DSM segment); the leader sorts its own share the
 * same way (parallel_leader_participation), waits for the workers, imports their tapes into one
 * tape set and merges all runs from disk into its consumer.
 *
 * <p>The plan is the Gather Merge's: EXPLAIN prints exactly what the Gather Merge prints (the same
 * name, details and children), since the mode only changes how the rows travel. With no worker
 * launched the leader runs the Sort alone, as a Gather Merge does.
 *
 * <p>Cleanup: one {@link Execution} closes, in this order, the leader's merge and own run, the
 * parallel execution (detaches the queues, so workers still sorting stop at their next interrupt
 * check, and waits for them to leave) and only then the shared fileset (the leader owns it and
 * removes the directory; removing it before the workers left could race with a worker creating
 * its file). It is closed by the cursor, by an error while opening, and with the {@link ExecState}.
 */
public final class GatherTapeMergeNode extends PlanNode {
    private static final long serialVersionUID = 1L;
    /** The leader's own run's file in the shared fileset. */
    static final String LEADER_FILE = "leader";

    private final GatherMergeNode gatherMerge;

    /** {@code gatherMerge} must be a Gather Merge directly over its Sort ({@link #applies}). */
    public GatherTapeMergeNode(GatherMergeNode gatherMerge) {
        if (!applies(gatherMerge)) {
            throw new IllegalArgumentException("not a Gather Merge directly over a Sort with a tape codec");
        }
        this.gatherMerge = gatherMerge;
        estimate(this, gatherMerge.startupCost, gatherMerge.totalCost, gatherMerge.rows, gatherMerge.width);
    }

    /**
     * Whether {@code gm} can run in tape-import mode: each participant's plan is the Sort itself
     * (not a Partial GroupAggregate above one), unbounded, without random access, over rows the
     * tape codec can write.
     */
    public static boolean applies(GatherMergeNode gm) {
        SortNode sort = gm.sort();
        return gm.children().size() == 1 && gm.children().get(0) == sort && !sort.randomAccess() && sort.codec() != null;
    }

    public GatherMergeNode gatherMerge() {
        return gatherMerge;
    }

    @Override
    public String explainName() {
        return gatherMerge.explainName();
    }

    @Override
    public List<PlanNode> children() {
        return gatherMerge.children();
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        gatherMerge.explainDetails(out, ins);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        SortNode sort = gatherMerge.sort();
        Execution ex = new Execution(SharedFileSet.create(s.dataDir()));
        s.onClose(ex);
        try {
            SortRunArea area = new SortRunArea(ex.fileset.directory());
            ex.parallel = ParallelExecution.start(s, new WorkerSortRunNode(sort), gatherMerge.workersPlanned(), false, area);
            int launched = ex.parallel.launched();
            Instrumentation ins = s.instrumentation(this);
            if (ins != null) {
                ins.workersLaunched += launched;
            }
            if (launched == 0) {
                // nobody to share with: the leader sorts everything, as Gather Merge does then
                ex.close();
                return s.open(sort);
            }
            List<TapeExport> runs = new ArrayList<>();
            TapeSortParticipant.Result own = null;
            if (GatherNode.leaderParticipates(s, false)) {
                own = TapeSortParticipant.sortShare(s, sort, ex.fileset, LEADER_FILE);
            }
            awaitWorkers(ex.parallel);
            for (int w = 0; w < launched; w++) {
                TapeExport run = area.exported(w);
                if (run == null) {
                    throw new PgException(SqlState.INTERNAL_ERROR, "parallel worker " + w + " ended without its sort run");
                }
                runs.add(run);
            }
            if (own != null) {
                runs.add(own.run());
            }
            ex.merge = Tuplesort.beginLeader(sort.ordering(), sort.codec(), TapeSortParticipant.options(s), ex.fileset, runs);
            ex.merge.performSort();
            Instrumentation sortIns = s.instrumentation(sort);
            if (sortIns != null) {
                sortIns.extraLines.clear();
                sortIns.extraLines.add(ex.merge.stats().explainLine());
            }
        } catch (RuntimeException e) {
            ex.close();
            throw e;
        }
        return new Cursor() {
            @Override
            public Object[] next() {
                return ex.merge.next();
            }

            @Override
            public void close() {
                ex.close();
            }
        };
    }

    /**
     * Waits until every worker's job ended (its queue detached): a worker's error is raised here
     * with its SQLSTATE and "parallel worker" context, a worker that died as "lost connection to
     * parallel worker"; cancel and statement_timeout are checked while waiting. Then collects the
     * workers' EXPLAIN ANALYZE counters.
     */
    private static void awaitWorkers(ParallelExecution pe) {
        for (TupleReader r : pe.readers()) {
            if (r.next(true) != null) {
                throw new IllegalStateException("a worker of a tape-import sort sent rows");
            }
        }
        pe.finish();
    }

    /** Everything one execution holds, closed in dependency order (see the class comment). Idempotent. */
    private static final class Execution implements AutoCloseable {
        final SharedFileSet fileset;
        ParallelExecution parallel;
        Tuplesort<Object[]> merge;
        private boolean closed;

        Execution(SharedFileSet fileset) {
            this.fileset = fileset;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (merge != null) {
                    merge.close();
                }
            } finally {
                try {
                    if (parallel != null) {
                        parallel.close();
                    }
                } finally {
                    fileset.close();
                }
            }
        }
    }
}
