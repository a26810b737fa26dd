package org.pgmini.storage;

import org.pgmini.storage.buffer.BackgroundWriter;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.mvcc.HeapVisibility;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.LWLock;
import org.pgmini.storage.shared.RegionLayout;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.smgr.StorageConstants;
import org.pgmini.storage.tmp.TempFiles;
import org.pgmini.storage.walhook.WalHook;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;

import java.nio.file.Path;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * Storage wired together for one data directory: the piece the postmaster creates at start and
 * closes at shutdown. Lays out its shared structures (clog buffers, then the buffer pool) in a
 * region the caller provides (the main shared memory segment) or allocates privately.
 *
 * <p>Start: removes leftover temporary files, formats the shared structures, starts the
 * background writer. {@link #checkpoint()} writes dirty buffers and clog pages and fsyncs them;
 * {@link #close()} stops the bgwriter and checkpoints (a clean shutdown).
 */
public final class StorageEngine implements AutoCloseable {

    /**
     * @param sharedBuffers      shared_buffers in 8 KiB buffers
     * @param clogBuffers        commit log buffers (PostgreSQL: up to 128)
     * @param maxBackends        ProcArray slots (max_connections + auxiliary + workers)
     * @param bgwriterDelayMillis bgwriter_delay; 0 disables the background writer
     * @param bgwriterLruMaxPages bgwriter_lru_maxpages
     * @param blocksPerSegment   relation segment size in blocks (1 GiB normally; small in tests)
     */
    public record Config(int sharedBuffers, int clogBuffers, int maxBackends, long bgwriterDelayMillis,
                         int bgwriterLruMaxPages, int blocksPerSegment) {
        /** shared_buffers = 128MB, 128 clog buffers, 100 backends, bgwriter every 200 ms. */
        public static Config defaults() {
            return new Config(16384, 128, 100, 200, 100, StorageConstants.DEFAULT_BLOCKS_PER_SEGMENT);
        }

        public Config withSharedBuffers(int n) {
            return new Config(n, clogBuffers, maxBackends, bgwriterDelayMillis, bgwriterLruMaxPages, blocksPerSegment);
        }
    }

    private final Path dataDir;
    private final Smgr smgr;
    private final CommitLog clog;
    private final TransactionIdAllocator xids;
    private final ProcArray procArray;
    private final BufferPool pool;
    private final HeapVisibility visibility;
    private final Heap heap;
    private final BTree btree;
    private final BackgroundWriter bgwriter;
    private boolean closed;

    /**
     * Offsets of the header, clog buffers, buffer pool and the end; {@link WorkerStorage} attaches
     * at the same places. The header (written once at start, before any other process can find
     * the region, read-only afterwards): long magic, shared_buffers, clog buffers, blocks per
     * segment, so an attaching process learns the layout from the region itself.
     */
    static long[] layout(long offset, Config c) {
        RegionLayout l = new RegionLayout(offset);
        long header = l.allocate(HEADER_SIZE, 64);
        long clogOff = l.allocate(CommitLog.requiredSize(c.clogBuffers()), BLCKSZ);
        long poolOff = l.allocate(BufferPool.requiredSize(c.sharedBuffers()), BLCKSZ);
        return new long[] {clogOff, poolOff, l.end(), header};
    }

    static final int HEADER_SIZE = 32;
    static final long HEADER_MAGIC = 0x7067_6d69_6e69_5331L; // "pgminiS1"

    /** Bytes of shared region needed at an 8 KiB aligned offset. */
    public static long requiredSize(Config c) { return layout(0, c)[2]; }

    /** The configuration {@link #start} recorded in the region's header at {@code offset}. */
    static Config readHeader(SharedRegion region, long offset) {
        if (region.getLongVolatile(offset) != HEADER_MAGIC) {
            throw new IllegalStateException("no storage engine header at offset " + offset + " of the shared region");
        }
        return new Config((int) region.getLongVolatile(offset + 8), (int) region.getLongVolatile(offset + 16), 0, 0, 0,
                (int) region.getLongVolatile(offset + 24));
    }

    private static void writeHeader(SharedRegion region, long at, Config c) {
        region.putLongVolatile(at + 8, c.sharedBuffers());
        region.putLongVolatile(at + 16, c.clogBuffers());
        region.putLongVolatile(at + 24, c.blocksPerSegment());
        region.putLongVolatile(at, HEADER_MAGIC); // last: a reader that sees the magic sees the rest
    }

    /** Starts over a region provided by the caller (e.g. the main shared memory segment). */
    public static StorageEngine start(Path dataDir, SharedRegion region, long offset, Config c, WalHook wal) {
        return new StorageEngine(dataDir, region, offset, c, wal, SpinParkLWLock.INSTANCE);
    }

    /** Starts over a private region of its own (single process, tests). */
    public static StorageEngine startPrivate(Path dataDir, Config c) {
        return start(dataDir, ByteBufferRegion.allocate(requiredSize(c)), 0, c, WalHook.NONE);
    }

    private StorageEngine(Path dataDir, SharedRegion region, long offset, Config c, WalHook wal, LWLock lwlock) {
        this.dataDir = dataDir;
        long[] l = layout(offset, c);
        writeHeader(region, l[3], c);
        TempFiles.removeAllTempFiles(dataDir);
        this.smgr = new Smgr(dataDir, c.blocksPerSegment());
        this.clog = new CommitLog(region, l[0], c.clogBuffers(), dataDir, lwlock, true);
        this.xids = new TransactionIdAllocator(dataDir, clog);
        this.procArray = new ProcArray(c.maxBackends(), xids, clog);
        this.pool = new BufferPool(region, l[1], c.sharedBuffers(), smgr, wal, lwlock, true);
        this.visibility = new HeapVisibility(clog, procArray::isInProgress);
        this.heap = new Heap(pool, visibility, procArray);
        this.btree = new BTree(pool);
        this.bgwriter = c.bgwriterDelayMillis() > 0
                ? new BackgroundWriter(pool, c.bgwriterDelayMillis(), c.bgwriterLruMaxPages()).start() : null;
    }

    public Path dataDir() { return dataDir; }
    public Smgr smgr() { return smgr; }
    public CommitLog commitLog() { return clog; }
    public TransactionIdAllocator transactionIds() { return xids; }
    public ProcArray procArray() { return procArray; }
    public BufferPool bufferPool() { return pool; }
    public HeapVisibility visibility() { return visibility; }
    public Heap heap() { return heap; }
    /** B-tree index access (same buffer pool and WAL hook as the heap). */
    public BTree btree() { return btree; }

    /** Writes every dirty buffer and clog page and fsyncs them (the data side of a checkpoint). */
    public synchronized void checkpoint() {
        pool.flushAll();
        clog.checkpoint();
    }

    /**
     * Crash-restart: stops the background writer and closes the files WITHOUT writing anything
     * (dirty buffers are thrown away with the shared memory, as when the postmaster re-creates
     * it after a backend crash; WAL recovery brings their changes back).
     */
    public synchronized void abandon() {
        if (closed) return;
        closed = true;
        if (bgwriter != null) bgwriter.close();
        smgr.close();
    }

    /** Clean shutdown: stops the background writer, checkpoints, closes files. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (bgwriter != null) bgwriter.close();
        try {
            checkpoint();
        } finally {
            smgr.close();
        }
    }
}
