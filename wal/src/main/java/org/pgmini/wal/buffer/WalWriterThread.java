package org.pgmini.wal.buffer;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.mode.WalStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The walwriter: every wal_writer_delay it flushes asynchronous commits (synchronous_commit =
 * off), writes and flushes completed pages so that committers find less to do, creates the next
 * segment file ahead of the insert position, and gives the storage mode its background step
 * (pmem_buffers copies flushed buffers to segments).
 */
public final class WalWriterThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(WalWriterThread.class);

    private final FlushControl flush;
    private final WalStorage storage;
    private final WalSettings settings;
    private final LongSupplier reservedEnd;
    private volatile boolean stopping;

    public WalWriterThread(FlushControl flush, WalStorage storage, WalSettings settings, LongSupplier reservedEnd) {
        super("walwriter");
        setDaemon(true);
        this.flush = flush;
        this.storage = storage;
        this.settings = settings;
        this.reservedEnd = reservedEnd;
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopping) {
            LockSupport.parkNanos(settings.walWriterDelay * 1_000_000L);
            if (stopping) break;
            try {
                long async = flush.asyncCommitLsn();
                if (async > flush.flushedUpTo()) {
                    flush.flush(Math.min(async, reservedEnd.getAsLong()));
                }
                long completePages = WalLayout.pageStart(reservedEnd.getAsLong());
                if (completePages > flush.flushedUpTo()) flush.flush(completePages);
                storage.background(flush);
                if (storage.preallocatesSegments()) {
                    WalLayout layout = storage.segments().layout();
                    storage.segments().ensureExists(layout.segmentNo(reservedEnd.getAsLong()) + 1);
                }
                failures = 0;
            } catch (Exception e) {
                if (stopping) break;
                if (failures++ == 0) LOG.warn("walwriter: {}", e.getMessage());
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    /** Wakes the walwriter early (an asynchronous commit wants to be flushed soon). */
    public void wake() { LockSupport.unpark(this); }

    public void shutdown() {
        stopping = true;
        LockSupport.unpark(this);
        boolean interrupted = false;
        while (isAlive()) {
            try { join(); } catch (InterruptedException e) { interrupted = true; }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
