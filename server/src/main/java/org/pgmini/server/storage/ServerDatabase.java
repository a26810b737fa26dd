package org.pgmini.server.storage;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.guc.ConfigView;
import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.shared.MainSegmentRegion;
import org.pgmini.storage.smgr.StorageConstants;
import org.pgmini.storage.walint.Database;
import org.pgmini.wal.Lsn;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.io.RealFileLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The postmaster's database: storage and WAL in the main shared memory segment, started with
 * crash recovery, the checkpointer, the shutdown checkpoint, and the crash-restart cycle.
 *
 * <p>States and what a new connection gets (PostgreSQL's canAcceptConnections, all FATAL 57P03):
 * STARTING "the database system is starting up", RECOVERING (crash restart in progress) "the
 * database system is in recovery mode", STOPPING "the database system is shutting down";
 * READY admits.
 *
 * <p>Threads: {@link #start}, {@link #crashed}, {@link #restart} and {@link #shutdown} run on
 * the postmaster's main thread; sessions call {@link #checkConnectable}, {@link #current} and
 * {@link #checkpoint}; the checkpointer thread calls {@link #checkpoint}. {@code state} and
 * {@code db} are volatile; checkpoints are serialised by {@code checkpointLock}.
 */
public final class ServerDatabase {
    private static final Logger LOG = LoggerFactory.getLogger("postmaster");
    /** The main shared memory structure that holds clog buffers and the buffer pool. */
    public static final String SHMEM_STRUCT = "Storage";

    enum State { STARTING, READY, RECOVERING, STOPPING, STOPPED }

    private final Path dataDir;
    private final ConfigView config;
    private final StorageEngine.Config engineConfig;
    /** One object for the server's life: the WAL reads its reloadable fields at each use. */
    private final WalSettings walSettings;
    private final Object checkpointLock = new Object();
    private volatile State state = State.STARTING;
    private volatile Database db;
    private volatile Checkpointer checkpointer;
    /**
     * Sessions with an open storage transaction (commit_siblings: commit_delay is slept only when
     * at least that many are active, PostgreSQL's MinimumActiveBackends). Sessions add and
     * remove themselves; the WAL reads it.
     */
    private final java.util.concurrent.atomic.AtomicInteger activeTransactions = new java.util.concurrent.atomic.AtomicInteger();

    /** Reads and checks the settings (a bad combination fails here, before anything starts). */
    public ServerDatabase(Path dataDir, ConfigView config) {
        this.dataDir = dataDir;
        this.config = config;
        this.engineConfig = StorageSettings.engineConfig(config);
        this.walSettings = StorageSettings.walSettings(config, dataDir);
        try {
            walSettings.validate(walSettings.walSegmentSize);
        } catch (PgException e) {
            if (!e.getMessage().startsWith("nvwal_size")) throw fatal(e);
            // the segment size is known only from pg_control: Wal.open checks nvwal_size against it
        }
    }

    private static PgException fatal(PgException e) {
        return new PgException("FATAL", e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, null, e);
    }

    /** Bytes of main shared memory the storage structure needs (region + alignment slack). */
    public long sharedMemoryBytes() {
        return Database.requiredSize(engineConfig) + 2L * StorageConstants.BLCKSZ;
    }

    /**
     * Starts storage over the main segment: WAL recovery (logged like PostgreSQL's startup
     * process), the catalog, the checkpointer. Then READY.
     */
    public void start(MainSharedMemory main) throws IOException {
        MainSegmentRegion region = MainSegmentRegion.initStruct(main, SHMEM_STRUCT, Database.requiredSize(engineConfig));
        Database d;
        try {
            d = Database.start(dataDir, region, 0, engineConfig, walSettings, new RealFileLayer(walSettings.walPmemFlush));
        } catch (PgException e) {
            throw "FATAL".equals(e.severity()) || "PANIC".equals(e.severity()) ? e : fatal(e);
        }
        db = d;
        d.wal().setActiveTransactions(activeTransactions::get);
        Checkpointer c = new Checkpointer(this, d.wal(), config);
        checkpointer = c;
        c.start();
        state = State.READY;
    }

    /** 57P03 unless the database accepts connections. */
    public void checkConnectable() {
        String message = switch (state) {
            case READY -> null;
            case STARTING -> "the database system is starting up";
            case RECOVERING -> "the database system is in recovery mode";
            case STOPPING, STOPPED -> "the database system is shutting down";
        };
        if (message != null) {
            throw new PgException("FATAL", SqlState.CANNOT_CONNECT_NOW, message, null, null, 0, null, null);
        }
    }

    /** The running database (a new session attaches to it); 57P03 while there is none. */
    public Database current() {
        checkConnectable();
        Database d = db;
        if (d == null) checkConnectable();
        return d;
    }

    /** A session opened (+1) or ended (-1) a storage transaction. */
    public void transactionActive(int delta) {
        activeTransactions.addAndGet(delta);
    }

    /** The WAL settings in use (reload updates them). */
    public WalSettings walSettings() {
        return walSettings;
    }

    /** SIGHUP: the reloadable WAL settings take their new values. */
    public void reload() {
        StorageSettings.applyReload(walSettings, config);
    }

    /**
     * A checkpoint with PostgreSQL's log lines when log_checkpoints is on ({@code reason}: "time",
     * "wal", "immediate force wait" for CHECKPOINT). Returns the checkpoint record's LSN.
     */
    public long checkpoint(String reason) throws IOException {
        synchronized (checkpointLock) {
            Database d = db;
            if (d == null || state != State.READY) {
                throw new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is not accepting checkpoints now");
            }
            long lsn = logged(d, reason, d::checkpoint);
            Checkpointer c = checkpointer;
            if (c != null) c.checkpointDone();
            return lsn;
        }
    }

    private interface CheckpointRun {
        long run() throws IOException;
    }

    private long logged(Database d, String reason, CheckpointRun run) throws IOException {
        boolean log = config.getBool("log_checkpoints");
        long distance = d.wal().bytesSinceCheckpoint();
        if (log) LOG.info("checkpoint starting: {}", reason);
        long t0 = System.nanoTime();
        long lsn = run.run();
        if (log) {
            double total = (System.nanoTime() - t0) / 1e9;
            LOG.info("checkpoint complete: total={} s; distance={} kB; lsn={}",
                    String.format(Locale.ROOT, "%.3f", total), (distance + 1023) / 1024, Lsn.format(lsn));
        }
        return lsn;
    }

    /**
     * A server process crashed: refuse connections (57P03 "in recovery mode") and stop the
     * checkpointer. The caller then terminates sessions and calls {@link #throwAway}.
     */
    public void crashed() {
        state = State.RECOVERING;
        Checkpointer c = checkpointer;
        checkpointer = null;
        if (c != null) c.stop();
    }

    /** Crash restart, after sessions are gone: storage thrown away without a checkpoint. */
    public void throwAway() {
        synchronized (checkpointLock) {
            Database d = db;
            db = null;
            if (d != null) d.abandon();
        }
    }

    /** Crash restart, after shared memory was created anew: recovery, then READY again. */
    public void restart(MainSharedMemory main) throws IOException {
        start(main);
    }

    /**
     * After the sessions ended: SMART / FAST write everything and make the shutdown checkpoint
     * (pg_control says "shut down"); IMMEDIATE writes nothing, so the next start recovers.
     */
    public void shutdown(ShutdownMode mode) {
        state = State.STOPPING;
        Checkpointer c = checkpointer;
        checkpointer = null;
        if (c != null) c.stop();
        synchronized (checkpointLock) {
            Database d = db;
            db = null;
            if (d == null) return;
            if (mode == ShutdownMode.IMMEDIATE) {
                d.abandon();
            } else {
                LOG.info("shutting down");
                try {
                    logged(d, "shutdown immediate", () -> {
                        d.shutdown();
                        return d.wal().controlData().checkPoint();
                    });
                } catch (IOException | RuntimeException e) {
                    LOG.error("shutdown checkpoint failed: {}", e.getMessage(), e);
                    d.abandon();
                }
            }
        }
        state = State.STOPPED;
    }
}
