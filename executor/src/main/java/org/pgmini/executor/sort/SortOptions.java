package org.pgmini.executor.sort;

import org.pgmini.storage.tmp.TempFileSet;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one sort: the memory budget ({@code work_mem} in kB), where temp files go, whether
 * the result must support random access (rescan, backward fetch, mark/restore), and the
 * {@code trace_sort} switch. Fluent setters; the sort copies what it needs at begin.
 */
public final class SortOptions {
    private final Path dataDir;
    private long workMemKB = 4096;
    private boolean randomAccess;
    private boolean traceSort;
    private int maxMergeOrder = Integer.MAX_VALUE;
    private TempFileSet tempFileOwner;
    private Runnable interruptCheck = () -> { };

    public SortOptions(Path dataDir) { this.dataDir = Objects.requireNonNull(dataDir); }

    /** {@code work_mem} in kB (PostgreSQL's minimum is 64). */
    public SortOptions workMemKB(long kb) {
        if (kb < 64) throw new IllegalArgumentException("work_mem must be at least 64kB");
        this.workMemKB = kb;
        return this;
    }

    public SortOptions randomAccess(boolean on) {
        this.randomAccess = on;
        return this;
    }

    /** Log the sort's progress at INFO (PostgreSQL's {@code trace_sort}); otherwise at DEBUG. */
    public SortOptions traceSort(boolean on) {
        this.traceSort = on;
        return this;
    }

    /** Caps the merge order below what memory allows (for tests that force several merge passes). */
    public SortOptions maxMergeOrder(int order) {
        if (order < 2) throw new IllegalArgumentException("merge order must be at least 2");
        this.maxMergeOrder = order;
        return this;
    }

    /** The query's temp-file owner: its close (on success or abort) also removes the sort's file. */
    public SortOptions tempFileOwner(TempFileSet owner) {
        this.tempFileOwner = owner;
        return this;
    }

    /** Called every few thousand tuples of work so that a cancel request can raise an error. */
    public SortOptions interruptCheck(Runnable check) {
        this.interruptCheck = Objects.requireNonNull(check);
        return this;
    }

    public Path dataDir() { return dataDir; }

    public long workMemKB() { return workMemKB; }

    public boolean randomAccess() { return randomAccess; }

    public boolean traceSort() { return traceSort; }

    public int maxMergeOrder() { return maxMergeOrder; }

    public TempFileSet tempFileOwner() { return tempFileOwner; }

    public Runnable interruptCheck() { return interruptCheck; }
}
