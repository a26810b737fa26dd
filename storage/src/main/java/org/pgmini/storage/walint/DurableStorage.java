package org.pgmini.storage.walint;

import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.wal.CheckpointCounters;
import org.pgmini.wal.CheckpointHooks;
import org.pgmini.wal.CheckpointKind;
import org.pgmini.wal.Wal;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.recovery.ResourceManagerRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * Storage and WAL wired together for one cluster, in the order startup needs:
 *
 * <ol>
 * <li>the storage engine over its shared region, with a {@link WalLogger} not yet bound
 *     (nothing may be logged during replay);</li>
 * <li>storage's resource managers registered, {@link Wal#open} (crash recovery replays through
 *     them into the buffer pool; {@code cleanup} marks transactions without outcome aborted);</li>
 * <li>the logger bound to the open WAL; after a crash recovery an END_OF_RECOVERY checkpoint
 *     writes the replayed pages and clog and moves the redo pointer past the replayed WAL.</li>
 * </ol>
 *
 * Then: {@link #transactions()} for commit/abort, {@link #relationFiles()} for create/truncate/
 * drop, {@link #checkpoint()} for CHECKPOINT and the checkpointer, {@link #shutdown()} for a
 * clean stop.
 */
public final class DurableStorage implements AutoCloseable {
    private final StorageEngine engine;
    private final WalLogger logger;
    private final Wal wal;
    private final WalTransactions transactions;
    private final WalRelationFiles relationFiles;
    private final StorageCheckpointHooks hooks;
    private boolean closed;

    /** initdb's WAL part (pg_wal, the first checkpoint, pg_control). */
    public static void initdb(Path dataDir, Path walDirOrNull, WalSettings settings, FileLayer layer, long systemId,
                              CheckpointCounters counters) throws IOException {
        Wal.initialize(dataDir, walDirOrNull, settings, layer, systemId, counters);
    }

    /**
     * Starts storage and WAL (with crash recovery when needed).
     *
     * @param nextOid the server's OID counter, for checkpoint records
     */
    public static DurableStorage start(Path dataDir, SharedRegion region, long offset, StorageEngine.Config config,
                                       WalSettings settings, FileLayer layer, IntSupplier nextOid) throws IOException {
        return start(dataDir, region, offset, config, settings, layer, nextOid, true);
    }

    /** Tests: without the end-of-recovery checkpoint, a second crash replays the same WAL again. */
    static DurableStorage start(Path dataDir, SharedRegion region, long offset, StorageEngine.Config config,
                                WalSettings settings, FileLayer layer, IntSupplier nextOid,
                                boolean endOfRecoveryCheckpoint) throws IOException {
        WalLogger logger = new WalLogger();
        StorageEngine engine = StorageEngine.start(dataDir, region, offset, config, logger);
        try {
            ResourceManagerRegistry rmgrs = new ResourceManagerRegistry();
            StorageResourceManagers.register(rmgrs, engine);
            Wal wal = Wal.open(dataDir, settings, layer, rmgrs);
            logger.bind(wal);
            DurableStorage ds = new DurableStorage(engine, logger, wal, nextOid);
            if (endOfRecoveryCheckpoint && wal.recoveryResult().crashRecovery()) wal.checkpoint(CheckpointKind.END_OF_RECOVERY, ds.hooks);
            return ds;
        } catch (IOException | RuntimeException e) {
            engine.abandon(); // bgwriter stopped, files closed, nothing written
            throw e;
        }
    }

    private DurableStorage(StorageEngine engine, WalLogger logger, Wal wal, IntSupplier nextOid) {
        this.engine = engine;
        this.logger = logger;
        this.wal = wal;
        this.transactions = new WalTransactions(logger, engine.commitLog());
        this.relationFiles = new WalRelationFiles(logger, engine.heap());
        this.hooks = new StorageCheckpointHooks(engine, transactions, nextOid);
    }

    public StorageEngine engine() { return engine; }
    public Wal wal() { return wal; }
    public WalLogger walHook() { return logger; }
    public WalTransactions transactions() { return transactions; }
    public WalRelationFiles relationFiles() { return relationFiles; }
    public CheckpointHooks checkpointHooks() { return hooks; }

    /** An online checkpoint (CHECKPOINT, checkpoint_timeout, max_wal_size); returns its record's LSN. */
    public long checkpoint() throws IOException { return wal.checkpoint(CheckpointKind.ONLINE, hooks); }

    /**
     * Clean shutdown: sessions and workers must be stopped. Stops the bgwriter, writes every
     * buffer and clog page (after flushing all WAL), then the shutdown checkpoint and WAL close.
     */
    public synchronized void shutdown() throws IOException {
        if (closed) return;
        closed = true;
        wal.flush(wal.insertLsn());
        CheckpointCounters counters = hooks.counters();
        engine.close(); // bgwriter stopped, all buffers and clog written and fsynced
        wal.shutdown(CheckpointHooks.withoutBuffers(counters));
    }

    /**
     * Crash-restart of the server (a backend or worker died; sessions are already gone): the
     * buffer pool and clog buffers are thrown away unwritten and no checkpoint is made, so
     * pg_control still says "in production" and the next {@link #start} runs crash recovery.
     * WAL already inserted is written out as the walwriter would have done; then its files are
     * closed (the same process opens them again).
     */
    public synchronized void abandon() {
        if (closed) return;
        closed = true;
        engine.abandon();
        try {
            wal.close();
        } catch (IOException | RuntimeException e) {
            wal.abandon();
        }
    }

    @Override
    public void close() throws IOException { shutdown(); }
}
