package org.pgmini.storage;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.heap.HeapPageWalker;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.TupleVisitor;
import org.pgmini.storage.mvcc.HeapVisibility;
import org.pgmini.storage.mvcc.HintBitSetter;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.mvcc.TransactionView;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.xact.CommitLog;

import java.nio.file.Path;

/**
 * Storage as a parallel worker process sees it: the postmaster's buffer pool and commit log,
 * attached (not formatted) at the places {@link StorageEngine} laid them out in the shared
 * region, with a {@link Smgr} of its own on the data directory. Read-only: no WAL, no
 * background writer, no proc array, no pruning, no hint bits, and the pool never writes a
 * page (a dirty victim is left to the postmaster, see {@link BufferPool#attachReadOnly}).
 *
 * <p>Why no hint bits: a commit hint may be set only once the commit record is durable
 * ({@code WalHook.commitHintAllowed}), which only the postmaster's WAL knows; aborted hints
 * would be safe but are left out too, so a worker never dirties a buffer. The leader and later
 * serial scans set them.
 *
 * <p>Visibility: the leader's snapshot and {@link org.pgmini.storage.mvcc.ParallelTransactionView}
 * plus the shared commit log. The commit log attachment may read a pg_xact page into its
 * shared slots and, to make room, write a dirty clog page exactly as the postmaster would
 * (clog pages need no WAL flush here).
 *
 * <p>Threads: the scan methods may run on several threads; {@link #close} once, at the end.
 */
public final class WorkerStorage implements AutoCloseable {
    private static final HintBitSetter NO_HINTS = (page, base, bits, xid) -> { };

    private final Smgr smgr;
    private final CommitLog clog;
    private final BufferPool pool;
    private final HeapVisibility visibility;
    /** Pages as they are: no pruning and no hint bits (see above). */
    private final HeapPageWalker walker;
    private final Path dataDir;

    private WorkerStorage(Path dataDir, SharedRegion region, long offset) {
        this.dataDir = dataDir;
        StorageEngine.Config c = StorageEngine.readHeader(region, offset);
        long[] l = StorageEngine.layout(offset, c);
        if (l[2] > region.size()) {
            throw new IllegalArgumentException("shared region of " + region.size() + " bytes is too small for "
                    + c.sharedBuffers() + " buffers and " + c.clogBuffers() + " clog buffers");
        }
        this.smgr = new Smgr(dataDir, c.blocksPerSegment());
        this.clog = new CommitLog(region, l[0], c.clogBuffers(), dataDir, SpinParkLWLock.INSTANCE, false);
        this.pool = BufferPool.attachReadOnly(region, l[1], c.sharedBuffers(), smgr, SpinParkLWLock.INSTANCE);
        this.walker = new HeapPageWalker(pool, buf -> NO_HINTS, HeapPageWalker.NO_HOOK);
        this.visibility = new HeapVisibility(clog, xid -> {
            throw new IllegalStateException("a parallel worker has no proc array (only MVCC checks run here)");
        });
    }

    /**
     * Attaches to the storage a {@link StorageEngine} started over {@code region} at
     * {@code offset}; shared_buffers, clog buffers and segment size come from the header the
     * engine wrote there.
     */
    public static WorkerStorage attach(Path dataDir, SharedRegion region, long offset) {
        return new WorkerStorage(dataDir, region, offset);
    }

    public BufferPool bufferPool() { return pool; }
    /** The data directory (a worker's sort writes its temp files under it). */
    public Path dataDir() { return dataDir; }
    public CommitLog commitLog() { return clog; }

    /** Blocks of the relation's main fork now. */
    public int nblocks(HeapRelation rel) { return pool.nblocks(rel.locator(), ForkNumber.MAIN); }

    /**
     * Visits in place every tuple of blocks [startBlock, endBlock) visible to {@code snap} as
     * seen by {@code tx}, under each page's shared content lock (like {@code Heap.scanVisible},
     * without pruning and hint bits). Returns the number of tuples visited.
     */
    public long scanVisible(HeapRelation rel, Snapshot snap, TransactionView tx, int startBlock, int endBlock,
                            TupleVisitor visitor) {
        return walker.walk(rel, startBlock, endBlock,
                (page, base, hints) -> visibility.satisfiesMvcc(page, base, snap, tx, hints), visitor);
    }

    /** Closes the worker's relation files; the shared structures stay (they are the postmaster's). */
    @Override
    public void close() { smgr.close(); }
}
