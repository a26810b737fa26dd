package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN ANALYZE counters of one plan node for one execution (PostgreSQL's Instrumentation):
 * loops, rows, time to the first row and in total, rows removed by filters, and lines a node
 * adds (Sort Method, Buckets).
 */
public final class Instrumentation {
    long loops;
    long rows;
    long startupNanos;
    long totalNanos;
    public long removedByFilter;
    public long removedByJoinFilter;
    /** Gather: workers really launched (EXPLAIN ANALYZE's "Workers Launched"). */
    public int workersLaunched;
    /** Extra ANALYZE lines the node reports (e.g. {@code Sort Method: quicksort  Memory: 25kB}). */
    public final List<String> extraLines = new ArrayList<>();
    /** A Sort's statistics in this process (a parallel worker sends its own to the leader). */
    public org.pgmini.executor.sort.SortStats sortStats;
    /** A Sort's statistics in each parallel worker, by worker number (EXPLAIN's "Worker N:" lines). */
    public final java.util.SortedMap<Integer, org.pgmini.executor.sort.SortStats> workerSortStats = new java.util.TreeMap<>();

    public long loops() { return loops; }
    public long rows() { return rows; }
    public long startupNanos() { return startupNanos; }

    /**
     * A counter as EXPLAIN prints it: per loop, rounded (PostgreSQL divides "Rows Removed by
     * Filter" by nloops, so a Parallel Seq Scan shows the average of its participants).
     */
    public long perLoop(long count) {
        return loops <= 1 ? count : (long) Math.rint((double) count / loops);
    }
    public long totalNanos() { return totalNanos; }

    /**
     * Adds a parallel worker's counters of the same node (PostgreSQL's InstrAggNode): loops, rows
     * and times are summed, so EXPLAIN prints per-loop averages over all participants.
     */
    public void addWorker(long loops, long rows, long startupNanos, long totalNanos, long removedByFilter,
                          long removedByJoinFilter) {
        this.loops += loops;
        this.rows += rows;
        this.startupNanos += startupNanos;
        this.totalNanos += totalNanos;
        this.removedByFilter += removedByFilter;
        this.removedByJoinFilter += removedByJoinFilter;
    }
}
