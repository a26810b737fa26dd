package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.wal.buffer.FlushControl;
import org.pgmini.wal.buffer.InsertionLocks;
import org.pgmini.wal.buffer.WalInserter;
import org.pgmini.wal.buffer.WalWriterThread;
import org.pgmini.wal.control.ControlFile;
import org.pgmini.wal.control.ControlFileData;
import org.pgmini.wal.control.DbState;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.mode.MappedSegmentsStorage;
import org.pgmini.wal.mode.NvwalStorage;
import org.pgmini.wal.mode.OffStorage;
import org.pgmini.wal.mode.PmemBuffersStorage;
import org.pgmini.wal.mode.SegmentFiles;
import org.pgmini.wal.mode.SegmentsAsBuffersStorage;
import org.pgmini.wal.mode.WalStorage;
import org.pgmini.wal.record.WalRecord;
import org.pgmini.wal.recovery.CheckpointData;
import org.pgmini.wal.recovery.PageSource;
import org.pgmini.wal.recovery.Recovery;
import org.pgmini.wal.recovery.RecoveryResult;
import org.pgmini.wal.recovery.ResourceManagerRegistry;
import org.pgmini.wal.recovery.XlogResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The write-ahead log of one cluster: the entry point for the rest of the server.
 *
 * <pre>
 * initdb:    Wal.initialize(dataDir, waldir, settings, layer, systemId, counters)
 * start:     Wal wal = Wal.open(dataDir, settings, layer, rmgrs)   // runs crash recovery
 *            if (wal.recoveryResult().crashRecovery()) wal.checkpoint(END_OF_RECOVERY, hooks)
 * change:    Inserted r = wal.insert(record); page.setLsn(r.endLsn())
 * commit:    wal.commit(r.endLsn(), synchronousCommit)
 * page out:  wal.flush(pageLsn) before writing the page (WAL before data)
 * checkpoint wal.checkpoint(ONLINE, hooks)
 * stop:      wal.shutdown(hooks)  (or close() for an immediate stop)
 * </pre>
 */
public final class Wal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wal.class);
    public static final int TIMELINE = 1;

    private final Path dataDir;
    private final WalSettings settings;
    private final FileLayer layer;
    private final WalLayout layout;
    private final ControlFile controlFile;
    private final WalStorage storage;
    private final InsertionLocks locks = new InsertionLocks();
    private final WalInserter inserter;
    private final FlushControl flush;
    private final WalWriterThread walwriter;
    private final RecoveryResult recovery;
    private final Object checkpointLock = new Object();
    private volatile long lastCheckpointRedo;
    private volatile boolean closed;

    private Wal(Path dataDir, WalSettings settings, FileLayer layer, WalLayout layout, ControlFile controlFile,
                WalStorage storage, ResourceManagerRegistry rmgrs) throws IOException {
        this.dataDir = dataDir;
        this.settings = settings;
        this.layer = layer;
        this.layout = layout;
        this.controlFile = controlFile;
        this.storage = storage;
        ControlFileData cf = controlFile.current();
        this.inserter = new WalInserter(layout, locks, storage, TIMELINE, cf.systemIdentifier());
        this.flush = new FlushControl(locks, inserter::reservedEnd, storage, settings);
        inserter.setFlushControl(flush);
        if (cf.state() != DbState.SHUTDOWNED) storage.syncForRecovery(cf.checkPointCopy().redo());
        try (PageSource src = storage.pageSource()) {
            this.recovery = new Recovery(controlFile, src, layout, rmgrs).run();
        }
        // The reader reports the end as "where the next record would start", which is past the
        // header of a page nobody has written when the last record filled its page exactly.
        // Insertion restarts at the page boundary itself then, so that page gets initialized.
        long end = layout.bytePosToEndLsn(layout.lsnToBytePos(recovery.endLsn()));
        storage.startAt(end, recovery.redoLsn());
        inserter.startAt(end, recovery.lastRecordLsn());
        inserter.setRedoRecPtr(recovery.redoLsn());
        flush.startAt(end);
        this.lastCheckpointRedo = recovery.redoLsn();
        controlFile.write(controlFile.current().withState(DbState.IN_PRODUCTION, now()).withMode(settings.walPmemMode));
        this.walwriter = new WalWriterThread(flush, storage, settings, inserter::reservedEnd);
        walwriter.start();
        LOG.debug("WAL ready at {} (wal_pmem_mode = {})", Lsn.format(end), settings.walPmemMode.gucValue());
    }

    private static long now() { return Instant.now().getEpochSecond(); }

    /**
     * initdb's part: creates pg_wal (a symlink to {@code walDir} when given, like initdb
     * --waldir) and global/, writes the first checkpoint record (a shutdown checkpoint at the
     * start of segment 1, like PostgreSQL) and pg_control. wal_segment_size is fixed here.
     */
    public static void initialize(Path dataDir, Path walDir, WalSettings settings, FileLayer layer, long systemId,
                                  CheckpointCounters counters) throws IOException {
        WalLayout layout = new WalLayout(settings.walSegmentSize);
        Path pgWal = dataDir.resolve("pg_wal");
        if (walDir != null) {
            layer.createDirectories(walDir);
            layer.createDirectories(dataDir);
            if (!Files.exists(pgWal)) Files.createSymbolicLink(pgWal, walDir.toAbsolutePath());
            layer.syncDirectory(dataDir);
        } else {
            layer.createDirectories(pgWal);
        }
        layer.createDirectories(dataDir.resolve("global"));
        SegmentFiles segs = new SegmentFiles(layer, pgWal, layout, TIMELINE, settings);
        long start = layout.segmentStart(1);
        segs.ensureExists(1);
        long ckptLsn = start + WalLayout.LONG_PAGE_HEADER;
        CheckpointData ckpt = new CheckpointData(ckptLsn, TIMELINE, TIMELINE, settings.fullPageWrites, counters.nextXid(),
                counters.nextOid(), counters.oldestXid(), counters.oldestXidDb(), counters.oldestActiveXid(), now());
        // Write the first page with the checkpoint record directly: there is no WAL to recover yet.
        InitialPageWriter.write(segs, layout, TIMELINE, systemId, ckpt);
        ControlFile cf = new ControlFile(layer, dataDir);
        cf.write(new ControlFileData(systemId, DbState.SHUTDOWNED, now(), ckptLsn, ckpt, layout.segmentSize(),
                settings.walPmemMode, 0));
    }

    /**
     * Starts the WAL of an initialized cluster: reads pg_control, opens the storage of
     * wal_pmem_mode, runs crash recovery if needed (replaying through {@code rmgrs}), and
     * starts the walwriter. Fails with a clear message on a bad setting combination.
     */
    public static Wal open(Path dataDir, WalSettings settings, FileLayer layer, ResourceManagerRegistry rmgrs) throws IOException {
        ControlFile cf = new ControlFile(layer, dataDir);
        if (!cf.exists()) {
            throw new PgException("FATAL", SqlState.UNDEFINED_FILE, "could not open file \"global/pg_control\": No such file or directory",
                    null, null, 0, null, null);
        }
        ControlFileData data = cf.read();
        WalSettings s = settings;
        s.walSegmentSize = data.walSegmentSize();
        s.validate(data.walSegmentSize());
        if (data.state() != DbState.SHUTDOWNED && data.walPmemMode() != s.walPmemMode) {
            throw new PgException("FATAL", SqlState.INVALID_PARAMETER_VALUE,
                    "database system was not properly shut down with wal_pmem_mode = \"" + data.walPmemMode().gucValue()
                            + "\", and it is now \"" + s.walPmemMode.gucValue() + "\"",
                    null, "Start with wal_pmem_mode = \"" + data.walPmemMode().gucValue()
                            + "\" to recover, then shut down cleanly before changing it.", 0, null, null);
        }
        if (data.state() != DbState.SHUTDOWNED
                && (s.walPmemMode == WalPmemMode.NVWAL || s.walPmemMode == WalPmemMode.PMEM_BUFFERS)) {
            // The newest WAL may live only in the buffer file; its place of each page depends on its size.
            long expected = s.walPmemMode == WalPmemMode.NVWAL ? s.nvwalSize : PmemBuffersStorage.ringBytes(s.walBuffers);
            if (!layer.exists(s.nvwalPath)) {
                throw new PgException("FATAL", SqlState.UNDEFINED_FILE, "could not open WAL buffer file \"" + s.nvwalPath
                        + "\": No such file or directory", "Crash recovery with wal_pmem_mode = \"" + s.walPmemMode.gucValue()
                        + "\" needs the buffer file the crashed server used.", null, 0, null, null);
            }
            long actual = layer.size(s.nvwalPath);
            if (actual != expected) {
                throw new PgException("FATAL", SqlState.INVALID_PARAMETER_VALUE, "WAL buffer file \"" + s.nvwalPath + "\" has "
                        + actual + " bytes, but the settings ask for " + expected, null,
                        "Start with the " + (s.walPmemMode == WalPmemMode.NVWAL ? "nvwal_size" : "wal_buffers")
                                + " the crashed server used, then change it after a clean shutdown.", 0, null, null);
            }
        }
        WalLayout layout = new WalLayout(data.walSegmentSize());
        SegmentFiles segs = new SegmentFiles(layer, dataDir.resolve("pg_wal"), layout, TIMELINE, s);
        segs.removeTempFiles();
        WalStorage storage = createStorage(segs, s);
        try {
            return new Wal(dataDir, s, layer, layout, cf, storage, rmgrs);
        } catch (IOException | RuntimeException e) {
            try { storage.close(); } catch (IOException ignored) { /* reporting the first error */ }
            throw e;
        }
    }

    private static WalStorage createStorage(SegmentFiles segs, WalSettings s) throws IOException {
        switch (s.walPmemMode) {
            case OFF: return new OffStorage(segs, s);
            case MAPPED_SEGMENTS: return new MappedSegmentsStorage(segs, s);
            case SEGMENTS_AS_BUFFERS: return new SegmentsAsBuffersStorage(segs);
            case PMEM_BUFFERS: return new PmemBuffersStorage(segs, s);
            case NVWAL: return new NvwalStorage(segs, s);
            default: throw new IllegalStateException(s.walPmemMode.toString());
        }
    }

    // ---- insertion and flushing -------------------------------------------------------------

    /** XLogInsert: appends a record; returns its start and end LSN (stamp changed pages with the end). */
    public WalInserter.Inserted insert(WalRecord record) {
        checkOpen();
        return inserter.insert(record);
    }

    /**
     * XLogInsert for records whose full-page-image decision depended on the redo pointer:
     * {@code fpwLsn} is the lowest page LSN among the referenced pages logged WITHOUT an image
     * (0 if none). Returns null when a checkpoint has meanwhile moved the redo pointer to or
     * past it (and full_page_writes is on): rebuild the record with images and call again.
     */
    public WalInserter.Inserted insert(WalRecord record, long fpwLsn) {
        checkOpen();
        return inserter.insert(record, settings.fullPageWrites ? fpwLsn : 0);
    }

    /**
     * PostgreSQL's RedoRecPtr: the redo pointer of the latest checkpoint, updated when a
     * checkpoint STARTS. With full_page_writes on, storage logs an image of a page whose LSN is
     * at or below it (its first change since that checkpoint's redo point).
     */
    public long redoRecPtr() { return inserter.redoRecPtr(); }

    /**
     * XLOG NEXTOID: the server logs its OID counter before handing out a new batch of OIDs;
     * recovery reports the highest one seen ({@link RecoveryResult#maxNextOid()}).
     */
    public WalInserter.Inserted logNextOid(int nextOid) {
        byte[] data = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(nextOid).array();
        return insert(WalRecord.of(0, XlogResourceManager.NEXTOID, 0, data));
    }

    /** XLogFlush: returns when WAL up to {@code lsn} is durable (group commit with concurrent callers). */
    public void flush(long lsn) {
        checkOpen();
        flush.flush(lsn);
    }

    /** Commit-time flush as synchronous_commit says: on waits for durability, off leaves it to the walwriter. */
    public void commit(long commitEndLsn, SynchronousCommit mode) {
        checkOpen();
        if (mode == SynchronousCommit.OFF) {
            flush.noteAsyncCommit(commitEndLsn);
        } else {
            flush.flush(commitEndLsn);
        }
    }

    /** pg_current_wal_insert_lsn(). */
    public long insertLsn() { return inserter.insertLsn(); }

    /** pg_current_wal_lsn(): how far WAL has been written out. */
    public long writeLsn() { return Math.max(flush.writtenUpTo(), flush.flushedUpTo()); }

    /** pg_current_wal_flush_lsn(). */
    public long flushLsn() { return flush.flushedUpTo(); }

    /** pg_walfile_name(lsn): the segment holding the byte before lsn (PostgreSQL uses XLByteToPrevSeg). */
    public String walFileName(long lsn) { return layout.fileName(TIMELINE, layout.segmentNo(lsn - 1)); }

    /** Bytes of WAL inserted since the last checkpoint's redo pointer (the server compares it with max_wal_size). */
    public long bytesSinceCheckpoint() { return Math.max(0, inserter.reservedEnd() - lastCheckpointRedo); }

    /** commit_siblings counts what this returns (the server passes its number of active transactions). */
    public void setActiveTransactions(java.util.function.IntSupplier supplier) { flush.setActiveBackends(supplier); }

    // ---- checkpoints ------------------------------------------------------------------------

    /**
     * Runs a checkpoint: fixes the redo pointer (no insertion in flight), lets the server flush
     * its buffers, writes and flushes the checkpoint record, updates pg_control, and removes or
     * recycles the segments before the redo pointer. Returns the checkpoint record's LSN.
     */
    public long checkpoint(CheckpointKind kind, CheckpointHooks hooks) throws IOException {
        checkOpen();
        synchronized (checkpointLock) {
            boolean shutdownLike = kind != CheckpointKind.ONLINE;
            long redo = inserter.fixRedoPointer();
            hooks.flushBuffers(redo);
            CheckpointCounters c = hooks.counters();
            CheckpointData data = new CheckpointData(redo, TIMELINE, TIMELINE, settings.fullPageWrites, c.nextXid(),
                    c.nextOid(), c.oldestXid(), c.oldestXidDb(), c.oldestActiveXid(), now());
            int info = shutdownLike ? XlogResourceManager.CHECKPOINT_SHUTDOWN : XlogResourceManager.CHECKPOINT_ONLINE;
            WalInserter.Inserted rec = inserter.insert(WalRecord.of(0, info, 0, data.encode()));
            flush.flush(rec.endLsn());
            DbState state = kind == CheckpointKind.SHUTDOWN ? DbState.SHUTDOWNED : DbState.IN_PRODUCTION;
            controlFile.write(controlFile.current().withCheckpoint(rec.lsn(), data, state, now()).withMode(settings.walPmemMode));
            storage.checkpointed(redo);
            lastCheckpointRedo = redo;
            long keepFrom = layout.segmentNo(redo);
            long current = layout.segmentNo(inserter.reservedEnd());
            int[] counts = flush.underWriteLock(() -> storage.segments().removeOld(keepFrom, current, storage));
            LOG.debug("checkpoint complete: redo {}, {} WAL file(s) removed, {} recycled",
                    Lsn.format(redo), counts[0], counts[1]);
            return rec.lsn();
        }
    }

    // ---- stopping ---------------------------------------------------------------------------

    /** Clean shutdown: shutdown checkpoint (state "shut down"), then close. */
    public void shutdown(CheckpointHooks hooks) throws IOException {
        checkpoint(CheckpointKind.SHUTDOWN, hooks);
        close();
    }

    /** Stops the walwriter, flushes what was inserted, copies buffer-file WAL to segments, closes files. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        walwriter.shutdown();
        try {
            flush.flushAll();
            storage.beforeClose(flush);
        } finally {
            storage.close();
        }
    }

    /**
     * For crash tests: stops the walwriter and drops everything without any further I/O, as a
     * process that died would (what is durable is whatever the file layer says it is).
     */
    public void abandon() {
        closed = true;
        walwriter.shutdown();
    }

    private void checkOpen() {
        if (closed) throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "write-ahead log is closed");
    }

    // ---- accessors --------------------------------------------------------------------------

    public RecoveryResult recoveryResult() { return recovery; }
    public ControlFileData controlData() { return controlFile.current(); }
    public WalLayout layout() { return layout; }
    public WalSettings settings() { return settings; }
    public WalPmemMode mode() { return storage.mode(); }
    public Path dataDir() { return dataDir; }
    public FileLayer fileLayer() { return layer; }
    /** wal_pmem_flush in effect: "libpmem" or "msync" for mapped modes, "none" for off. */
    public String pmemFlushInUse() { return storage.flushMethod(); }
    /** Opens a page source over this WAL's stored pages (segments, and the buffer file of pmem_buffers/nvwal). */
    public PageSource openPageSource() { return storage.pageSource(); }
    public long systemIdentifier() { return controlFile.current().systemIdentifier(); }
}
