package org.pgmini.storage.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background writer: every {@code delayMillis} (bgwriter_delay) it writes out dirty buffers
 * that the clock sweep will reach next, at most {@code maxPages} (bgwriter_lru_maxpages) per
 * round, so that backends rarely have to write a victim themselves.
 */
public final class BackgroundWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundWriter.class);

    private final BufferPool pool;
    private final long delayMillis;
    private final int maxPages;
    private final Thread thread;
    private volatile boolean stop;
    private volatile long totalWritten;

    public BackgroundWriter(BufferPool pool, long delayMillis, int maxPages) {
        this.pool = pool;
        this.delayMillis = delayMillis;
        this.maxPages = maxPages;
        this.thread = new Thread(this::run, "bgwriter");
        this.thread.setDaemon(true);
    }

    public BackgroundWriter start() {
        thread.start();
        return this;
    }

    private void run() {
        int scan = Math.max(16, pool.nbuffers() / 4);
        while (!stop) {
            try {
                totalWritten += pool.writeAheadOfClock(scan, maxPages);
            } catch (RuntimeException e) {
                log.warn("background writer: {}", e.getMessage());
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                if (stop) return;
            }
        }
    }

    public long totalWritten() { return totalWritten; }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
