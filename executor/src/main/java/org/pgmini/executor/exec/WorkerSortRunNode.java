package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.parallel.SortRunArea;
import org.pgmini.executor.parallel.WorkerJob;
import org.pgmini.storage.tape.SharedFileSet;

/**
 * What a parallel worker runs for a tape-import sort ({@link GatherTapeMergeNode}): its share of
 * the Sort's input sorted into one run on its own file of the leader's shared fileset (found in
 * the job's {@link SortRunArea}), the run's location published in its slot of that area. Sends no
 * rows: the rows reach the leader through the file. Only shipped, never in a printed plan.
 */
public final class WorkerSortRunNode extends PlanNode {
    private static final long serialVersionUID = 1L;

    private final SortNode sort;

    public WorkerSortRunNode(SortNode sort) {
        this.sort = sort;
        estimate(this, sort.startupCost, sort.totalCost, sort.rows, sort.width);
    }

    /** The file of worker {@code n}'s run in the shared fileset. */
    static String fileName(int worker) {
        return "w" + worker;
    }

    @Override
    public String explainName() {
        return "Sort";
    }

    /** The Sort, so that leader and workers number the fragment's nodes (instrumentation, scans) alike. */
    @Override
    public List<PlanNode> children() {
        return List.of(sort);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        WorkerJob job = s.parallelJob();
        if (job == null) {
            throw new IllegalStateException("a worker's sort run outside a parallel worker");
        }
        try (SharedFileSet fileset = SharedFileSet.attach(SortRunArea.filesetDirectory(job))) {
            TapeSortParticipant.Result r = TapeSortParticipant.sortShare(s, sort, fileset, fileName(job.workerNumber()));
            SortRunArea.publish(job, r.run());
        }
        return () -> null;
    }
}
