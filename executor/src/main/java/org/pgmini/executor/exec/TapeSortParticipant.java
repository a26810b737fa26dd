package org.pgmini.executor.exec;

import org.pgmini.executor.sort.RowCodec;
import org.pgmini.executor.sort.SortOptions;
import org.pgmini.executor.sort.SortStats;
import org.pgmini.executor.sort.Tuplesort;
import org.pgmini.storage.tape.SharedFileSet;
import org.pgmini.storage.tape.TapeExport;

/**
 * One participant's part of a tape-import parallel sort, the same in a worker and in the leader:
 * sort the rows of the Sort's input this participant gets (its parallel-aware scan claims blocks
 * from the shared allocator) into exactly one run, on a tape of its own file {@code fileName} in
 * the leader's shared fileset, and say where that run is. The sort is closed before returning:
 * closing a worker's tape set closes its file but leaves it in the fileset for the leader.
 */
final class TapeSortParticipant {
    /** What a participant leaves: its run and the sort's statistics (the participant's Sort Method). */
    record Result(TapeExport run, long rows, SortStats stats) {}

    private TapeSortParticipant() {}

    /** The sort's options in this execution: work_mem, temp-file owner, cancel check, trace_sort. */
    static SortOptions options(ExecState s) {
        return new SortOptions(s.dataDir()).workMemKB(Math.max(64, s.workMemKB())).tempFileOwner(s.tempFiles())
                .interruptCheck(s.session::checkForInterrupts).traceSort(SortNode.traceSort(s));
    }

    static Result sortShare(ExecState s, SortNode sort, SharedFileSet fileset, String fileName) {
        RowCodec codec = sort.codec();
        if (codec == null) {
            throw new IllegalStateException("a tape-import sort over rows without a tape codec");
        }
        long t0 = System.nanoTime();
        Result result;
        try (Tuplesort<Object[]> run = Tuplesort.beginWorker(sort.ordering(), codec, options(s), fileset, fileName)) {
            // a projection hands over a new array per row; other children may reuse theirs
            boolean fresh = sort.child() instanceof ProjectNode;
            s.push(sort.child(), r -> run.put(fresh ? r : r.clone()));
            run.performSort();
            result = new Result(run.workerResult(), run.tuplesPut(), run.stats());
        }
        if (s.instrumented()) {
            long d = System.nanoTime() - t0;
            s.instrumentationCreating(sort).addWorker(1, result.rows(), d, d, 0, 0);
        }
        return result;
    }
}
