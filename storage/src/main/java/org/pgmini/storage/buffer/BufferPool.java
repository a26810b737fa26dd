package org.pgmini.storage.buffer;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.mvcc.HintBitSetter;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.shared.LWLock;
import org.pgmini.storage.shared.RegionLayout;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static org.pgmini.storage.buffer.BufferState.*;
import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * The shared buffer pool (bufmgr.c + freelist.c). Everything another process needs to find and
 * read a page lives in one {@link SharedRegion}:
 *
 * <pre>
 * control     next victim (clock hand, long), complete passes (long), allocations (long)
 * partitions  16 mapping partition lock words (8 bytes apart)
 * buckets     mapping bucket heads (int each, -1 = empty)
 * descriptors nbuffers x 64 bytes ({@link BufferDescriptors})
 * pages       nbuffers x 8 KiB, 8 KiB aligned
 * </pre>
 *
 * Buffers are identified by 0-based ids. Rules for callers:
 * <ul>
 * <li>Pin before lock: {@link #readBuffer} returns a pinned buffer; take its content lock
 *     ({@link #lock}) to look at the page (shared) or change it (exclusive); unlock, then
 *     {@link #release} the pin. A pinned buffer is never evicted or retagged.</li>
 * <li>Lock order: mapping partition lock, then header spinlock; content locks of two buffers of
 *     one relation in ascending block order. Never wait for a content lock while holding a
 *     mapping partition lock or a header lock.</li>
 * <li>Every change of a page under an exclusive content lock ends with
 *     {@link #finishPageChange}: marks the buffers dirty, logs the change through the
 *     {@link WalHook} and stamps the returned LSN in the pages, before the content lock is
 *     released.</li>
 * <li>Hint bits are set with only a shared content lock, through {@link #hintBitSetter}, which
 *     marks the buffer dirty without WAL.</li>
 * <li>WAL before data: a dirty page is written only after {@link WalHook#flush} up to its LSN.
 *     Pages are written from a private copy that gets its checksum there; pages read are
 *     verified, and a bad one raises XX001.</li>
 * </ul>
 *
 * Process-local state: the {@link Smgr} (open files), the WalHook, the extension locks (until
 * the lock manager provides relation extension locks) and statistics counters. None of it is
 * needed to locate or read a page that is already in the pool.
 */
public final class BufferPool {
    private static final int OFF_NEXT_VICTIM = 0, OFF_COMPLETE_PASSES = 8, OFF_ALLOCS = 16;

    private final SharedRegion region;
    private final int nbuffers;
    private final long controlOff;
    private final long pagesOff;
    private final BufferDescriptors descs;
    private final BufferMapping mapping;
    private final LWLock lwlock;
    private final Smgr smgr;
    private final WalHook wal;
    /**
     * False in a parallel worker process: it has no WAL of its own, so it cannot honour
     * WAL-before-data for a dirty victim and never writes a page (see {@link #attachReadOnly}).
     */
    private final boolean writesPages;
    private final Page[] pages;
    private final Map<RelFork, ReentrantLock> extensionLocks = new ConcurrentHashMap<>();
    private final ByteBuffer zeroBlock = ByteBuffer.allocate(BLCKSZ);

    private final AtomicLong reads = new AtomicLong(), writes = new AtomicLong(), hits = new AtomicLong();

    private record RelFork(RelFileLocator rel, ForkNumber fork) {}

    /** Counters for tests and monitoring (process-local). */
    public record Stats(long reads, long writes, long hits) {}

    private record Layout(long control, long locks, long buckets, long descs, long pages, long end) {}

    private static Layout layout(long start, int nbuffers) {
        RegionLayout l = new RegionLayout(start);
        long control = l.allocate(64, 64);
        long locks = l.allocate(8L * BufferMapping.PARTITIONS, 64);
        long buckets = l.allocate(4L * BufferMapping.bucketCount(nbuffers), 64);
        long descs = l.allocate((long) BufferDescriptors.DESC_SIZE * nbuffers, 64);
        long pages = l.allocate((long) BLCKSZ * nbuffers, BLCKSZ);
        return new Layout(control, locks, buckets, descs, pages, l.end());
    }

    /** Bytes of region needed for {@code nbuffers} buffers placed at an 8 KiB aligned offset. */
    public static long requiredSize(int nbuffers) { return layout(0, nbuffers).end(); }

    public BufferPool(SharedRegion region, long offset, int nbuffers, Smgr smgr, WalHook wal, boolean initialize) {
        this(region, offset, nbuffers, smgr, wal, SpinParkLWLock.INSTANCE, initialize);
    }

    /**
     * Places the pool at {@code offset} (8 KiB aligned) of the region. The creating process passes
     * {@code initialize = true}; a process attaching to an existing pool passes false.
     */
    public BufferPool(SharedRegion region, long offset, int nbuffers, Smgr smgr, WalHook wal, LWLock lwlock, boolean initialize) {
        this(region, offset, nbuffers, smgr, wal, lwlock, initialize, true);
    }

    /**
     * Attaches a process without WAL (a parallel worker) to an existing pool. It reads pages
     * into the pool like any backend but never writes one: a dirty victim is passed over
     * (the postmaster's bgwriter and checkpointer clean buffers; if every unpinned buffer stays
     * dirty for {@link #READ_ONLY_VICTIM_WAIT_NANOS}, XX000 is raised as for "no unpinned buffers available"), and it must not change
     * pages or set hint bits (its callers use {@link org.pgmini.storage.mvcc.HintBitSetter}s that
     * do nothing).
     */
    public static BufferPool attachReadOnly(SharedRegion region, long offset, int nbuffers, Smgr smgr, LWLock lwlock) {
        return new BufferPool(region, offset, nbuffers, smgr, READ_ONLY_WAL, lwlock, false, false);
    }

    /** How long a read-only process waits for some unpinned buffer to become clean. */
    static final long READ_ONLY_VICTIM_WAIT_NANOS = 30_000_000_000L;

    private static final WalHook READ_ONLY_WAL = new WalHook() {
        @Override public long log(org.pgmini.storage.walhook.PageChangeRecord record, Page[] pages) {
            throw new IllegalStateException("a read-only buffer pool attachment cannot change pages");
        }
        @Override public void flush(long lsn) {
            throw new IllegalStateException("a read-only buffer pool attachment cannot write pages");
        }
        @Override public boolean commitHintAllowed(int xid) { return false; }
    };

    private BufferPool(SharedRegion region, long offset, int nbuffers, Smgr smgr, WalHook wal, LWLock lwlock,
                       boolean initialize, boolean writesPages) {
        this.writesPages = writesPages;
        if (nbuffers < 16) throw new IllegalArgumentException("at least 16 buffers are needed");
        if (offset % BLCKSZ != 0) throw new IllegalArgumentException("buffer pool offset must be BLCKSZ aligned");
        Layout l = layout(offset, nbuffers);
        if (l.end() > region.size()) throw new IllegalArgumentException("region too small for " + nbuffers + " buffers");
        this.region = region;
        this.nbuffers = nbuffers;
        this.controlOff = l.control();
        this.pagesOff = l.pages();
        this.lwlock = lwlock;
        this.descs = new BufferDescriptors(region, l.descs(), nbuffers, lwlock);
        this.mapping = new BufferMapping(region, l.locks(), l.buckets(), BufferMapping.bucketCount(nbuffers), descs, lwlock);
        this.smgr = smgr;
        this.wal = wal;
        this.pages = new Page[nbuffers];
        for (int b = 0; b < nbuffers; b++) pages[b] = Page.wrap(region.window(pagesOff + (long) b * BLCKSZ, BLCKSZ));
        if (initialize) {
            region.putLongVolatile(controlOff + OFF_NEXT_VICTIM, 0);
            region.putLongVolatile(controlOff + OFF_COMPLETE_PASSES, 0);
            region.putLongVolatile(controlOff + OFF_ALLOCS, 0);
            descs.initialize();
            mapping.initialize();
            for (int b = 0; b < nbuffers; b++) {
                ByteBuffer p = pages[b].buffer();
                for (int i = 0; i < BLCKSZ; i += 8) p.putLong(i, 0L);
            }
        }
    }

    public int nbuffers() { return nbuffers; }
    public Smgr smgr() { return smgr; }
    public WalHook wal() { return wal; }
    public Stats stats() { return new Stats(reads.get(), writes.get(), hits.get()); }

    /** The page held by a pinned buffer (a view into shared memory). */
    public Page page(int buf) { return pages[buf]; }

    /** The block a pinned buffer holds. */
    public BufferTag tag(int buf) { return descs.tag(buf); }

    public int blockNumber(int buf) { return descs.blockNumber(buf); }

    // ------------------------------------------------------------------ reading

    /** Returns a pinned buffer holding the block (ReadBufferExtended, RBM_NORMAL). */
    public int readBuffer(RelFileLocator rel, ForkNumber fork, int block, BufferAccessStrategy strategy) {
        return readBuffer(new BufferTag(rel, fork, block), strategy, false);
    }

    /**
     * WAL redo's way to a block (XLogReadBufferExtended): creates the fork and extends it with
     * zero blocks when it is missing or shorter (a later drop or truncate, already on disk,
     * removed what an earlier record changed); with {@code willOverwrite} the block is not read,
     * because a full-page image replaces it (so a torn page on disk is never verified).
     * Returns the buffer pinned, not locked. Only the startup process calls this.
     */
    public int readBufferForRedo(RelFileLocator rel, ForkNumber fork, int block, boolean willOverwrite) {
        if (!smgr.exists(rel, fork)) smgr.create(rel, fork, true);
        int n = smgr.nblocks(rel, fork);
        while (Integer.compareUnsigned(n, block) <= 0) {
            smgr.extend(rel, fork, n, zeroBlock.duplicate().clear(), false);
            n++;
        }
        return readBuffer(new BufferTag(rel, fork, block), null, willOverwrite);
    }

    private int readBuffer(BufferTag tag, BufferAccessStrategy strategy, boolean zero) {
        int hash = tag.hash();
        int part = mapping.partition(hash);
        mapping.lockPartition(part, false);
        int buf = mapping.lookup(tag, hash);
        if (buf >= 0) {
            descs.pin(buf, strategy != null); // under the partition lock: it cannot be retagged now
            mapping.unlockPartition(part, false);
            hits.incrementAndGet();
            completeRead(buf, tag, zero);
            return buf;
        }
        mapping.unlockPartition(part, false);
        buf = allocateBuffer(tag, hash, strategy);
        completeRead(buf, tag, zero);
        return buf;
    }

    /** Makes a pinned, tagged buffer valid: reads it (or zeroes it) unless someone else did. */
    private void completeRead(int buf, BufferTag tag, boolean zero) {
        if ((descs.state(buf) & VALID) != 0) return;
        if (!startBufferIO(buf, true)) return;
        ByteBuffer p = pages[buf].buffer();
        try {
            if (zero) {
                p.put(0, zeroBlock, 0, BLCKSZ);
            } else {
                smgr.read(tag.rel(), tag.fork(), tag.block(), p.duplicate().clear());
                reads.incrementAndGet();
                if (!pages[buf].verify(tag.block())) {
                    throw new PgException(SqlState.DATA_CORRUPTED, "invalid page in block "
                            + Integer.toUnsignedString(tag.block()) + " of relation " + tag.rel().relativePath(tag.fork()));
                }
            }
        } catch (RuntimeException e) {
            abortBufferIO(buf);
            release(buf);
            throw e;
        }
        terminateBufferIO(buf, false, VALID);
    }

    /**
     * Finds a victim, writes it out if dirty, and retags it for {@code tag} (BufferAlloc).
     * Returns the buffer pinned; it may still need reading. If another backend mapped the same
     * tag meanwhile, returns that buffer instead.
     */
    private int allocateBuffer(BufferTag tag, int hash, BufferAccessStrategy strategy) {
        int newPart = mapping.partition(hash);
        int dirtySkips = 0;
        long waitingSince = 0;
        while (true) {
            long[] victim = getVictim(strategy);
            int buf = (int) victim[0];
            boolean fromRing = victim[2] != 0;
            descs.pinLockedAndUnlock(buf, victim[1]);
            long s = descs.state(buf);
            if ((s & DIRTY) != 0 && !writesPages) {
                // no WAL here: leave the write to the postmaster's bgwriter/checkpointer
                if (fromRing) strategy.ring[strategy.current] = -1;
                descs.unpin(buf);
                if (++dirtySkips >= nbuffers) {
                    dirtySkips = 0;
                    long now = System.nanoTime();
                    if (waitingSince == 0) waitingSince = now;
                    else if (now - waitingSince > READ_ONLY_VICTIM_WAIT_NANOS) {
                        throw new PgException(SqlState.INTERNAL_ERROR,
                                "no clean shared buffer available to a parallel worker");
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                }
                continue;
            }
            if ((s & DIRTY) != 0) {
                if (fromRing && strategy.rejectDirty) {
                    // a bulk read does not write out a ring buffer someone dirtied: take another
                    strategy.ring[strategy.current] = -1;
                    descs.unpin(buf);
                    continue;
                }
                // never wait for a content lock here: its holder may be waiting for us
                if (!lwlock.tryAcquire(region, descs.contentLockOffset(buf), false)) {
                    descs.unpin(buf);
                    continue;
                }
                try {
                    flushBuffer(buf);
                } finally {
                    lwlock.release(region, descs.contentLockOffset(buf), false);
                }
            }
            boolean oldValid = (s & TAG_VALID) != 0;
            int oldHash = oldValid ? descs.tag(buf).hash() : 0;
            int oldPart = oldValid ? mapping.partition(oldHash) : -1;
            lockPartitions(oldPart, newPart);
            try {
                int existing = mapping.lookup(tag, hash);
                if (existing >= 0) {
                    descs.pin(existing, strategy != null);
                    descs.unpin(buf);
                    hits.incrementAndGet();
                    return existing;
                }
                long ls = descs.lockHeader(buf);
                if (refcount(ls) != 1 || (ls & DIRTY) != 0) {
                    // pinned or dirtied by someone else since we chose it: start over
                    descs.unlockHeader(buf, ls);
                    descs.unpin(buf);
                    continue;
                }
                if ((ls & TAG_VALID) != 0) mapping.delete(buf, oldHash);
                descs.setTag(buf, tag);
                mapping.insert(buf, hash);
                long ns = (ls & ~(USAGE_MASK | VALID | DIRTY | JUST_DIRTIED | IO_ERROR)) | TAG_VALID | PERMANENT | USAGE_ONE;
                descs.unlockHeader(buf, ns);
                region.getAndAddLong(controlOff + OFF_ALLOCS, 1);
                return buf;
            } finally {
                unlockPartitions(oldPart, newPart);
            }
        }
    }

    private void lockPartitions(int a, int b) {
        if (a < 0 || a == b) { mapping.lockPartition(b, true); return; }
        mapping.lockPartition(Math.min(a, b), true);
        mapping.lockPartition(Math.max(a, b), true);
    }

    private void unlockPartitions(int a, int b) {
        if (a < 0 || a == b) { mapping.unlockPartition(b, true); return; }
        mapping.unlockPartition(Math.max(a, b), true);
        mapping.unlockPartition(Math.min(a, b), true);
    }

    /**
     * Chooses an unpinned buffer (StrategyGetBuffer): from the ring if the strategy has a
     * reusable one, else by clock sweep: advance the shared hand; a buffer with usage count > 0
     * gets it decremented and is skipped; the first unpinned one with usage 0 is taken.
     * Returns {buffer, header-locked state, fromRing}.
     */
    private long[] getVictim(BufferAccessStrategy strategy) {
        if (strategy != null) {
            strategy.current = (strategy.current + 1) % strategy.ring.length;
            int b = strategy.ring[strategy.current];
            if (b >= 0) {
                long s = descs.lockHeader(b);
                if (refcount(s) == 0 && usageCount(s) <= 1) return new long[] {b, s, 1};
                descs.unlockHeader(b, s);
            }
        }
        int tries = nbuffers;
        while (true) {
            long tick = region.getAndAddLong(controlOff + OFF_NEXT_VICTIM, 1);
            int b = (int) Long.remainderUnsigned(tick, nbuffers);
            if (b == nbuffers - 1) region.getAndAddLong(controlOff + OFF_COMPLETE_PASSES, 1);
            if (refcount(descs.state(b)) == 0) {
                long s = descs.lockHeader(b);
                if (refcount(s) == 0) {
                    if (usageCount(s) > 0) {
                        descs.unlockHeader(b, s - USAGE_ONE);
                        tries = nbuffers;
                        continue;
                    }
                    if (strategy != null) strategy.ring[strategy.current] = b;
                    return new long[] {b, s, 0};
                }
                descs.unlockHeader(b, s);
            }
            if (--tries == 0) throw new PgException(SqlState.INTERNAL_ERROR, "no unpinned buffers available");
        }
    }

    // ------------------------------------------------------------------ I/O state

    private boolean startBufferIO(int buf, boolean forInput) {
        int attempt = 0;
        while (true) {
            long s = descs.lockHeader(buf);
            if ((s & IO_IN_PROGRESS) != 0) {
                descs.unlockHeader(buf, s);
                SpinParkLWLock.backoff(attempt++);
                continue;
            }
            if (forInput ? (s & VALID) != 0 : (s & DIRTY) == 0) {
                descs.unlockHeader(buf, s);
                return false;
            }
            long n = s | IO_IN_PROGRESS;
            if (!forInput) n &= ~JUST_DIRTIED;
            descs.unlockHeader(buf, n);
            return true;
        }
    }

    private void terminateBufferIO(int buf, boolean clearDirty, long setBits) {
        long s = descs.lockHeader(buf);
        s &= ~(IO_IN_PROGRESS | IO_ERROR);
        if (clearDirty && (s & JUST_DIRTIED) == 0) s &= ~DIRTY;
        descs.unlockHeader(buf, s | setBits);
    }

    private void abortBufferIO(int buf) {
        long s = descs.lockHeader(buf);
        descs.unlockHeader(buf, (s & ~IO_IN_PROGRESS) | IO_ERROR);
    }

    /**
     * Writes a dirty buffer (FlushBuffer). Caller holds a pin and a shared (or exclusive) content
     * lock. The page is copied, WAL is flushed to its LSN, the copy gets its checksum and is
     * written; DIRTY is cleared unless the buffer was re-dirtied (hint bits) during the write.
     */
    private void flushBuffer(int buf) {
        if (!startBufferIO(buf, false)) return;
        try {
            BufferTag tag = descs.tag(buf);
            Page copy = Page.allocate();
            copy.buffer().put(0, pages[buf].buffer(), 0, BLCKSZ);
            wal.flush(copy.lsn());
            copy.setChecksumFor(tag.block());
            smgr.write(tag.rel(), tag.fork(), tag.block(), copy.buffer(), false);
            writes.incrementAndGet();
        } catch (RuntimeException e) {
            abortBufferIO(buf);
            throw e;
        }
        terminateBufferIO(buf, true, 0);
    }

    // ------------------------------------------------------------------ pins and locks

    /** Drops a pin (ReleaseBuffer). */
    public void release(int buf) { descs.unpin(buf); }

    /** Adds another pin to a buffer the caller already has pinned (IncrBufferRefCount). */
    public void incrementPin(int buf) { descs.pin(buf, true); }

    public void lock(int buf, boolean exclusive) { lwlock.acquire(region, descs.contentLockOffset(buf), exclusive); }

    public boolean tryLock(int buf, boolean exclusive) { return lwlock.tryAcquire(region, descs.contentLockOffset(buf), exclusive); }

    public void unlock(int buf, boolean exclusive) { lwlock.release(region, descs.contentLockOffset(buf), exclusive); }

    public boolean isLockedExclusive(int buf) { return lwlock.isHeldExclusive(region, descs.contentLockOffset(buf)); }

    /**
     * Takes the exclusive content lock if the caller's pin is the only one (ConditionalLockBufferForCleanup):
     * then nobody else can be looking at tuples on the page, and they may be moved.
     */
    public boolean tryCleanupLock(int buf) {
        if (!tryLock(buf, true)) return false;
        if (refcount(descs.state(buf)) == 1) return true;
        unlock(buf, true);
        return false;
    }

    /** Waits for a cleanup lock (LockBufferForCleanup), polling; pins held by scans are short. */
    public void cleanupLock(int buf) {
        int attempt = 0;
        while (!tryCleanupLock(buf)) SpinParkLWLock.backoff(attempt++);
    }

    public int pinCount(int buf) { return refcount(descs.state(buf)); }

    public long state(int buf) { return descs.state(buf); }

    // ------------------------------------------------------------------ changes

    /** MarkBufferDirty: caller holds the exclusive content lock. */
    public void markDirty(int buf) { descs.setFlags(buf, DIRTY | JUST_DIRTIED); }

    /** MarkBufferDirtyHint: a hint-bit change under a shared content lock; not WAL-logged. */
    public void markDirtyHint(int buf) { descs.setFlags(buf, DIRTY | JUST_DIRTIED); }

    /** A hint-bit setter for tuples on this buffer's page. */
    public HintBitSetter hintBitSetter(int buf) {
        return (page, base, bits, xid) -> {
            if ((bits & (HeapTupleHeader.HEAP_XMIN_COMMITTED | HeapTupleHeader.HEAP_XMAX_COMMITTED)) != 0
                    && !wal.commitHintAllowed(xid)) {
                return; // the commit record is not durable yet: the hint waits for a later reader
            }
            HeapTupleHeader.setHintBits(page, base, bits);
            markDirtyHint(buf);
        };
    }

    /**
     * The one place where a page change is completed: the caller has changed the pages of the
     * given buffers under exclusive content locks; they are marked dirty, the change is logged,
     * and the record's LSN becomes each page's pd_lsn. Returns the LSN (0 without WAL).
     */
    public long finishPageChange(PageChangeRecord record, int... bufs) {
        if (bufs.length != record.blocks().length) throw new IllegalArgumentException("one buffer per block of the record");
        for (int i = 0; i < bufs.length; i++) {
            if (descs.blockNumber(bufs[i]) != record.blocks()[i]) throw new IllegalArgumentException("buffer order differs from the record's blocks");
        }
        for (int b : bufs) {
            if (!isLockedExclusive(b)) throw new IllegalStateException("page change without exclusive lock on buffer " + b);
            markDirty(b);
        }
        Page[] changed = new Page[bufs.length];
        for (int i = 0; i < bufs.length; i++) changed[i] = pages[bufs[i]];
        long lsn = wal.log(record, changed);
        if (lsn != 0) for (int b : bufs) pages[b].setLsn(lsn);
        return lsn;
    }

    // ------------------------------------------------------------------ relation-level operations

    /**
     * Adds a zero block at the end of the relation fork and returns it pinned (not locked);
     * the caller locks it exclusively and initializes the page. Serialized per relation by an
     * extension lock (the lock manager's relation extension lock later).
     */
    public int extend(RelFileLocator rel, ForkNumber fork) {
        ReentrantLock ext = extensionLocks.computeIfAbsent(new RelFork(rel, fork), k -> new ReentrantLock());
        ext.lock();
        try {
            int block = smgr.nblocks(rel, fork);
            smgr.extend(rel, fork, block, zeroBlock.duplicate().clear(), false);
            return readBuffer(new BufferTag(rel, fork, block), null, true);
        } finally {
            ext.unlock();
        }
    }

    /** Number of blocks of the fork (smgrnblocks). */
    public int nblocks(RelFileLocator rel, ForkNumber fork) { return smgr.nblocks(rel, fork); }

    /** Writes every dirty buffer (checkpoint, clean shutdown) and fsyncs the files written. */
    public void flushAll() {
        for (int b = 0; b < nbuffers; b++) flushIfDirty(b, null);
        smgr.syncPending();
    }

    /** Writes the dirty buffers of one relation fork (before an immedsync, a copy ...). */
    public void flushRelation(RelFileLocator rel, ForkNumber fork) {
        for (int b = 0; b < nbuffers; b++) flushIfDirty(b, new RelFork(rel, fork));
    }

    private void flushIfDirty(int b, RelFork only) {
        long s = descs.state(b);
        if ((s & (VALID | DIRTY)) != (VALID | DIRTY)) return;
        s = descs.lockHeader(b);
        if ((s & (VALID | DIRTY)) != (VALID | DIRTY)) { descs.unlockHeader(b, s); return; }
        if (only != null) {
            BufferTag t = descs.tag(b);
            if (!t.rel().equals(only.rel()) || t.fork() != only.fork()) { descs.unlockHeader(b, s); return; }
        }
        descs.pinLockedAndUnlock(b, s);
        try {
            lock(b, false);
            try {
                flushBuffer(b);
            } finally {
                unlock(b, false);
            }
        } finally {
            descs.unpin(b);
        }
    }

    /**
     * Background-writer step (BgBufferSync, simplified): looks at up to {@code scanLimit}
     * buffers ahead of the clock hand and writes out those that are dirty, unpinned and have
     * usage count 0 (the next victims), at most {@code maxPages}. Returns how many were written.
     */
    public int writeAheadOfClock(int scanLimit, int maxPages) {
        long hand = region.getLongVolatile(controlOff + OFF_NEXT_VICTIM);
        int written = 0;
        for (int i = 0; i < scanLimit && written < maxPages; i++) {
            int b = (int) Long.remainderUnsigned(hand + i, nbuffers);
            long s = descs.state(b);
            if (refcount(s) != 0 || usageCount(s) != 0 || (s & (VALID | DIRTY)) != (VALID | DIRTY)) continue;
            s = descs.lockHeader(b);
            if (refcount(s) != 0 || usageCount(s) != 0 || (s & (VALID | DIRTY)) != (VALID | DIRTY)) {
                descs.unlockHeader(b, s);
                continue;
            }
            descs.pinLockedAndUnlock(b, s);
            try {
                if (!tryLock(b, false)) continue;
                try {
                    flushBuffer(b);
                    written++;
                } finally {
                    unlock(b, false);
                }
            } finally {
                descs.unpin(b);
            }
        }
        return written;
    }

    /**
     * Forgets the buffers of a relation fork from block {@code firstBlock} on, without writing
     * them (DropRelationBuffers), before a truncate or unlink. The caller holds a lock that keeps
     * everyone else away from the relation; a buffer still pinned (by a scan finishing) is
     * waited for.
     */
    public void dropRelationBuffers(RelFileLocator rel, ForkNumber fork, int firstBlock) {
        for (int b = 0; b < nbuffers; b++) {
            BufferTag t = descs.tag(b); // unlocked read: only a filter, rechecked below
            if (!t.rel().equals(rel) || t.fork() != fork || Integer.compareUnsigned(t.block(), firstBlock) < 0) continue;
            invalidate(b, t);
        }
    }

    private void invalidate(int b, BufferTag expected) {
        int hash = expected.hash();
        int part = mapping.partition(hash);
        int attempt = 0;
        while (true) {
            mapping.lockPartition(part, true);
            long s = descs.lockHeader(b);
            if ((s & TAG_VALID) == 0 || !descs.tagEquals(b, expected)) {
                descs.unlockHeader(b, s);
                mapping.unlockPartition(part, true);
                return;
            }
            if (refcount(s) != 0 || (s & IO_IN_PROGRESS) != 0) {
                descs.unlockHeader(b, s);
                mapping.unlockPartition(part, true);
                SpinParkLWLock.backoff(attempt++);
                continue;
            }
            mapping.delete(b, hash);
            descs.unlockHeader(b, s & ~(USAGE_MASK | TAG_VALID | VALID | DIRTY | JUST_DIRTIED | IO_ERROR));
            mapping.unlockPartition(part, true);
            return;
        }
    }

    /** Test support: is the block currently in the pool? */
    public boolean isResident(RelFileLocator rel, ForkNumber fork, int block) {
        BufferTag tag = new BufferTag(rel, fork, block);
        int hash = tag.hash();
        int part = mapping.partition(hash);
        mapping.lockPartition(part, false);
        try {
            return mapping.lookup(tag, hash) >= 0;
        } finally {
            mapping.unlockPartition(part, false);
        }
    }
}
