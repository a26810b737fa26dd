package org.pgmini.executor.sort;

import org.pgmini.storage.tape.LogicalTape;
import org.pgmini.storage.tape.LogicalTapeSet;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the datum sorts ({@link LongKeySort}, {@link ByteStringSort}) share about going to disk:
 * the tape set (made at the first run), the list of sorted runs, the merge plan, the
 * {@code trace_sort} log and EXPLAIN's figures. The sorts keep what differs: how a run is
 * formatted, written and merged.
 *
 * <p>Merge plan (as {@link Tuplesort}'s): while there are more runs than the merge order
 * allows, the smallest runs are merged into one (so every byte is rewritten as few times as
 * possible); the remaining runs are left for the final merge, which streams into the reader.
 * Not thread-safe; {@link #close} removes the temp file.
 */
final class DatumRuns {
    /** A sorted run on its own paused tape. */
    record Run(LogicalTape tape, long rows, long bytes) {}

    /** Merges a group of runs into a new run (on a tape from {@link #newTape}). */
    interface MergeStep {
        Run merge(List<Run> group);
    }

    private final SortOptions options;
    private final Logger log;
    private final long startNanos = System.nanoTime();
    private final List<Run> runs = new ArrayList<>();
    private LogicalTapeSet tapes;
    private int runsWritten;
    private int mergeSteps;

    DatumRuns(SortOptions options, Logger log) {
        this.options = options;
        this.log = log;
        trace("begin datum sort: workMem = {}, randomAccess = f", options.workMemKB());
    }

    /** Whether a run has been written (the sort is external). */
    boolean external() { return tapes != null; }

    LogicalTapeSet tapes() { return tapes; }

    /** Makes the tape set when memory first runs full ({@code rowsSoFar} for the log); later calls do nothing. */
    void goExternal(long rowsSoFar) {
        if (tapes == null) {
            tapes = options.tempFileOwner() != null ? LogicalTapeSet.create(options.tempFileOwner())
                    : LogicalTapeSet.create(options.dataDir());
            trace("switching to external sort after {} tuples: {}", rowsSoFar, elapsed());
        }
    }

    /** A new tape for a run or a merge's output (after {@link #goExternal}). */
    LogicalTape newTape() {
        return tapes.createTape();
    }

    /** Records a run just written to {@code tape} (pausing it). */
    void addRun(LogicalTape tape, long rows) {
        tape.pause();
        runs.add(new Run(tape, rows, tape.size()));
        runsWritten++;
        trace("finished writing run {} to tape {} ({} tuples): {}", runsWritten, tape.id(), rows, elapsed());
    }

    /**
     * Merges the smallest runs while there are more than the merge order for {@code allowedMem},
     * then returns the runs of the final merge (the free list is dropped: nothing is written
     * after this).
     */
    List<Run> planMerges(long allowedMem, MergeStep step) {
        int order = Tuplesort.mergeOrder(allowedMem, options.maxMergeOrder());
        while (runs.size() > order) {
            int g = Math.min(order, runs.size() - order + 1);
            runs.sort(Comparator.comparingLong(Run::bytes));
            List<Run> group = new ArrayList<>(runs.subList(0, g));
            runs.subList(0, g).clear();
            trace("starting merge step {}: {} runs: {}", mergeSteps + 1, group.size(), elapsed());
            Run merged = step.merge(group);
            merged.tape().pause();
            mergeSteps++;
            trace("finished merge step {} ({} tuples, {} blocks in use): {}", mergeSteps, merged.rows(), tapes.blocksUsed(), elapsed());
            runs.add(merged);
        }
        tapes.forgetFreeSpace();
        trace("starting final merge of {} runs: {}", runs.size(), elapsed());
        return runs;
    }

    int runsWritten() { return runsWritten; }

    int mergeSteps() { return mergeSteps; }

    /** EXPLAIN's figures: the temp file's size once external, else the peak memory. */
    SortStats stats(SortMethod method, long peakBytes) {
        if (tapes != null) return new SortStats(method, true, tapes.blocksUsed() * (LogicalTapeSet.BLCKSZ / 1024));
        return new SortStats(method, false, (peakBytes + 1023) / 1024);
    }

    /** Removes the temp file (if any) and logs the end. */
    void close(long peakBytes) {
        if (tapes != null) {
            trace("external sort ended, {} disk blocks used: {}", tapes.blocksUsed(), elapsed());
            tapes.close();
        } else {
            trace("internal sort ended, {} KB used: {}", (peakBytes + 1023) / 1024, elapsed());
        }
    }

    String elapsed() {
        return String.format("elapsed: %.3f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** A {@code trace_sort} line: INFO when the setting is on, else DEBUG. */
    void trace(String format, Object... args) {
        if (options.traceSort()) log.info(format, args);
        else if (log.isDebugEnabled()) log.debug(format, args);
    }
}
