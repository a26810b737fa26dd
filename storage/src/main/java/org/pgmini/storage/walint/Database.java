package org.pgmini.storage.walint;

import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.CatalogOids;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.storage.xact.TransactionManager;
import org.pgmini.wal.CheckpointCounters;
import org.pgmini.wal.SynchronousCommit;
import org.pgmini.wal.Wal;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.io.FileLayer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One durable database: storage and WAL ({@link DurableStorage}), the transaction manager with
 * the WAL behind its commits ({@link WalCommitHook}), and the catalog whose relation files are
 * WAL-logged ({@link WalRelationFiles}). What the server creates at start (after crash recovery)
 * and hands to every session; {@link #initdb} makes the first one.
 *
 * <p>What recovery brings back, and why: relation file creation is logged before the file is
 * made, drops and truncations are logged (and flushed) before the files go, catalog rows are
 * heap tuples logged like any other, and commit/abort records decide their visibility. So after
 * a crash, committed DDL and data are there, uncommitted catalog rows are dead (their xids are
 * marked aborted), and a committed DROP's file is gone. Leftover: a file created by a
 * transaction that crashed stays as an orphan (PostgreSQL leaves those too), and so does the old
 * file of a DROP/TRUNCATE whose commit record made it to disk but whose drop record did not
 * (PostgreSQL lists those files in the commit record; see storage/README.md).
 *
 * <p>OIDs: the catalog's {@link org.pgmini.storage.catalog.OidCounter} is crash-safe on its own
 * (persisted ahead); checkpoint records carry its next value for pg_controldata.
 *
 * <p>Threads: every method may be called from any thread; a {@link Transaction} stays with the
 * thread of its session.
 */
public final class Database implements AutoCloseable {
    private final DurableStorage storage;
    private final WalCommitHook commitHook;
    private final TransactionManager tm;
    private final Catalog catalog;

    private Database(DurableStorage storage, CatalogHolder holder) {
        this.storage = storage;
        this.commitHook = new WalCommitHook(storage.transactions());
        this.tm = TransactionManager.forEngine(storage.engine(), commitHook, CatalogOids.POSTGRES_DB);
        this.catalog = Catalog.isBootstrapped(storage.engine())
                ? Catalog.open(storage.engine(), tm, storage.relationFiles())
                : Catalog.bootstrap(storage.engine(), tm, storage.relationFiles());
        holder.catalog = catalog;
    }

    /** The catalog is made after WAL recovery, but checkpoints (also the end-of-recovery one) ask for the next OID. */
    private static final class CatalogHolder {
        volatile Catalog catalog;

        int nextOid() {
            Catalog c = catalog;
            return c == null ? CatalogOids.FIRST_NORMAL_OBJECT_ID : c.oidCounter().peekNext();
        }
    }

    /**
     * initdb's storage part: the WAL (pg_wal, a symlink to {@code waldirOrNull} when given, with
     * wal_segment_size from {@code settings} fixed from now on; first checkpoint; pg_control),
     * then the bootstrapped catalog (database postgres) in one committed, WAL-logged
     * transaction, then a clean shutdown, so the first start finds a shut-down cluster.
     */
    public static void initdb(Path dataDir, Path waldirOrNull, WalSettings settings, FileLayer layer,
                              StorageEngine.Config config) throws IOException {
        DurableStorage.initdb(dataDir, waldirOrNull, settings, layer, newSystemIdentifier(),
                CheckpointCounters.initial(3, CatalogOids.FIRST_NORMAL_OBJECT_ID));
        StorageEngine.Config quiet = new StorageEngine.Config(config.sharedBuffers(), config.clogBuffers(),
                config.maxBackends(), 0, config.bgwriterLruMaxPages(), config.blocksPerSegment());
        try (Database db = start(dataDir, ByteBufferRegion.allocate(StorageEngine.requiredSize(quiet)), 0, quiet,
                settings.copy(), layer)) {
            if (db.catalog == null) throw new IllegalStateException("catalog was not bootstrapped");
        }
    }

    /** PostgreSQL's recipe: seconds since 1970 in the high half, microseconds and pid bits below. */
    private static long newSystemIdentifier() {
        Instant now = Instant.now();
        long usec = now.getNano() / 1000;
        return (now.getEpochSecond() << 32) | (usec << 12) | (ProcessHandle.current().pid() & 0xFFF);
    }

    /**
     * Starts storage and WAL over {@code region} (crash recovery when needed), then opens the
     * catalog (or bootstraps it, for a cluster whose initdb ran only the WAL part).
     */
    public static Database start(Path dataDir, SharedRegion region, long offset, StorageEngine.Config config,
                                 WalSettings settings, FileLayer layer) throws IOException {
        CatalogHolder holder = new CatalogHolder();
        DurableStorage ds = DurableStorage.start(dataDir, region, offset, config, settings, layer, holder::nextOid);
        try {
            return new Database(ds, holder);
        } catch (RuntimeException | Error e) {
            ds.abandon();
            throw e;
        }
    }

    /** Bytes of shared region {@link #start} needs. */
    public static long requiredSize(StorageEngine.Config config) { return StorageEngine.requiredSize(config); }

    public DurableStorage storage() { return storage; }
    public StorageEngine engine() { return storage.engine(); }
    public Heap heap() { return storage.engine().heap(); }
    public Catalog catalog() { return catalog; }
    public TransactionManager transactionManager() { return tm; }
    public Wal wal() { return storage.wal(); }

    /** Commits with the session's synchronous_commit (plain {@code tx.commit()} means on). */
    public void commit(Transaction tx, SynchronousCommit mode) { commitHook.commit(tx, mode); }

    /** CHECKPOINT, the checkpointer: returns the checkpoint record's LSN. */
    public long checkpoint() throws IOException { return storage.checkpoint(); }

    /** Clean shutdown (sessions gone): every buffer and clog page written, shutdown checkpoint. */
    public void shutdown() throws IOException { storage.shutdown(); }

    /**
     * Crash-restart: throws storage away without a checkpoint (dirty buffers are lost, as with
     * the shared memory of a crashed server); the next {@link #start} runs crash recovery.
     */
    public void abandon() { storage.abandon(); }

    @Override
    public void close() throws IOException { shutdown(); }
}
