package org.pgmini.server.storage;

import org.pgmini.server.guc.ConfigView;
import org.pgmini.wal.Wal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpointer thread: a checkpoint when checkpoint_timeout has passed since the last one
 * (skipped when no WAL was written since, as PostgreSQL skips an idle system's), or when
 * max_wal_size of WAL was written since the last redo pointer. It checks once a second (and
 * when {@link #wake} is called).
 *
 * <p>Never stopped by Thread.interrupt(): it may be writing data files through FileChannels,
 * which an interrupt would close. {@link #stop} sets a flag, notifies and joins.
 */
final class Checkpointer {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final long POLL_MILLIS = 1000;

    private final ServerDatabase server;
    private final Wal wal;
    private final ConfigView config;
    private final Thread thread;
    private final Object monitor = new Object();
    /** Written under monitor. */
    private boolean stopping;
    /** When the last checkpoint finished (System.nanoTime), and the insert position then. */
    private volatile long lastCheckpointNanos = System.nanoTime();
    private volatile long insertLsnAfterLast;

    Checkpointer(ServerDatabase server, Wal wal, ConfigView config) {
        this.server = server;
        this.wal = wal;
        this.config = config;
        this.insertLsnAfterLast = wal.insertLsn();
        this.thread = new Thread(this::run, "checkpointer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A checkpoint finished (here or requested elsewhere): the timers restart. */
    void checkpointDone() {
        lastCheckpointNanos = System.nanoTime();
        insertLsnAfterLast = wal.insertLsn();
    }

    void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    void stop() {
        synchronized (monitor) {
            stopping = true;
            monitor.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            synchronized (monitor) {
                if (stopping) return;
                try {
                    monitor.wait(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (stopping) return;
            }
            String reason = due();
            if (reason == null) continue;
            try {
                server.checkpoint(reason);
            } catch (RuntimeException | java.io.IOException e) {
                LOG.error("checkpoint failed: {}", e.getMessage(), e);
            }
        }
    }

    /** "time", "wal", or null when no checkpoint is due. */
    private String due() {
        long timeoutMillis = config.getInt("checkpoint_timeout") * 1000L;
        long maxWal = config.getInt("max_wal_size") * 1024L * 1024L;
        if (wal.bytesSinceCheckpoint() >= maxWal) return "wal";
        if ((System.nanoTime() - lastCheckpointNanos) / 1_000_000 >= timeoutMillis) {
            if (wal.insertLsn() == insertLsnAfterLast) {
                lastCheckpointNanos = System.nanoTime(); // idle: nothing to checkpoint
                return null;
            }
            return "time";
        }
        return null;
    }
}
