package org.pgmini.wal;

import java.io.IOException;

/**
 * What a checkpoint needs from the rest of the server. wal calls {@link #flushBuffers} after it
 * has fixed the redo pointer and before it writes the checkpoint record.
 */
public interface CheckpointHooks {
    /**
     * Writes out every page dirtied before {@code redoLsn} and fsyncs the data files. The
     * WAL-before-data rule applies as always: before writing a page, call
     * {@link Wal#flush(long)} with the page's LSN.
     */
    void flushBuffers(long redoLsn) throws IOException;

    /** Counters for the checkpoint record, read after the buffers are flushed. */
    CheckpointCounters counters();

    /** Hooks for a server without buffers to flush (tests, or wal used alone). */
    static CheckpointHooks withoutBuffers(CheckpointCounters counters) {
        return new CheckpointHooks() {
            @Override public void flushBuffers(long redoLsn) {}
            @Override public CheckpointCounters counters() { return counters; }
        };
    }
}
