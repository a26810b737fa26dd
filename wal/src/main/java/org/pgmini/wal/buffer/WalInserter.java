package org.pgmini.wal.buffer;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.wal.WalLayout;
import org.pgmini.wal.mode.WalStorage;
import org.pgmini.wal.record.EncodedRecord;
import org.pgmini.wal.record.PageHeader;
import org.pgmini.wal.record.WalRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inserts records into WAL page memory from any number of threads (PostgreSQL's XLogInsertRecord).
 *
 * <ol>
 * <li>Encode the record and CRC its body — no lock.</li>
 * <li>Take an insertion lock slot, then reserve space under {@code reserveLock}: one addition to
 *     the insert position plus the prev pointer. This is the only serialized step.</li>
 * <li>Finish the CRC with the prev pointer and copy the bytes into the pages — in parallel with
 *     other inserters, each into its own reserved range.</li>
 * </ol>
 * Positions are "usable byte positions" (see {@link WalLayout}); {@code insertBytePos} is the
 * next free one, {@code prevBytePos} the start of the last reserved record (-1: none).
 * Pages are initialized ahead of the inserters under {@code mappingLock}, which is released
 * while the page's old occupant is being written out (PostgreSQL's AdvanceXLInsertBuffer).
 */
public final class WalInserter {
    /** Result of an insert: where the record starts and where it ends (aligned; stamp pages with end). */
    public record Inserted(long lsn, long endLsn) {}

    private final WalLayout layout;
    private final InsertionLocks locks;
    private final WalStorage storage;
    private final PageMemory memory;
    private final int timeline;
    private final long systemId;
    private final Object reserveLock = new Object();
    private long insertBytePos;
    private long prevBytePos = -1;
    private volatile long reservedEndLsn;
    private final ReentrantLock mappingLock = new ReentrantLock();
    /** Start of the first page not yet initialized; guarded by mappingLock, volatile for readers. */
    private volatile long initializedUpTo;
    private FlushControl flush;
    /** Written only while all insertion slots are held (fixRedoPointer) or before insertion starts. */
    private volatile long redoRecPtr;

    public WalInserter(WalLayout layout, InsertionLocks locks, WalStorage storage, int timeline, long systemId) {
        this.layout = layout;
        this.locks = locks;
        this.storage = storage;
        this.memory = storage.memory();
        this.timeline = timeline;
        this.systemId = systemId;
    }

    public void setFlushControl(FlushControl flush) { this.flush = flush; }

    /**
     * Positions the inserter after recovery: the next record goes to {@code endLsn}, its prev
     * pointer is {@code lastRecordLsn} (0: none). The page holding endLsn must already be loaded
     * into page memory by the storage (or endLsn is at a page boundary).
     */
    public void startAt(long endLsn, long lastRecordLsn) {
        synchronized (reserveLock) {
            insertBytePos = layout.lsnToBytePos(endLsn);
            prevBytePos = lastRecordLsn == 0 ? -1 : layout.lsnToBytePos(lastRecordLsn);
            reservedEndLsn = layout.bytePosToEndLsn(insertBytePos);
        }
        mappingLock.lock();
        try {
            long page = WalLayout.pageStart(endLsn);
            initializedUpTo = WalLayout.pageOffset(endLsn) == 0 ? endLsn : page + WalLayout.PAGE_SIZE;
        } finally {
            mappingLock.unlock();
        }
    }

    /** End LSN of everything reserved so far (PostgreSQL's insert position, as an end pointer). */
    public long reservedEnd() { return reservedEndLsn; }

    /** The LSN the next record would get (pg_current_wal_insert_lsn). */
    public long insertLsn() {
        synchronized (reserveLock) { return layout.bytePosToLsn(insertBytePos); }
    }

    /**
     * Fixes a checkpoint's redo pointer (PostgreSQL's RedoRecPtr): the LSN of the next record,
     * read while holding every insertion slot so no insertion is in flight, and published in
     * {@link #redoRecPtr()} before any later insertion can reserve space.
     */
    public long fixRedoPointer() {
        locks.acquireAll();
        try {
            long redo = insertLsn();
            redoRecPtr = redo;
            return redo;
        } finally {
            locks.releaseAll();
        }
    }

    /** The redo pointer of the latest (possibly still running) checkpoint. */
    public long redoRecPtr() { return redoRecPtr; }

    public void setRedoRecPtr(long redo) { this.redoRecPtr = redo; }

    public Inserted insert(WalRecord record) { return insert(record, 0); }

    /**
     * Inserts unless a checkpoint moved the redo pointer to or past {@code fpwLsn} (the lowest
     * LSN of a page the caller chose NOT to log an image of, 0: none) since the caller decided:
     * then it returns null and the caller must rebuild the record with full-page images
     * (PostgreSQL's XLogInsertRecord check). Holding our slot keeps the redo pointer still while
     * we reserve, because a checkpoint needs every slot to move it.
     */
    public Inserted insert(WalRecord record, long fpwLsn) {
        EncodedRecord enc = EncodedRecord.encode(record);
        int size = enc.totalLength();
        long aligned = WalLayout.align(size);
        int slot = locks.acquire();
        try {
            if (fpwLsn != 0 && fpwLsn <= redoRecPtr) return null;
            long start;
            long prev;
            synchronized (reserveLock) {
                start = insertBytePos;
                insertBytePos += aligned;
                prev = prevBytePos;
                prevBytePos = start;
                reservedEndLsn = layout.bytePosToEndLsn(insertBytePos);
            }
            long startLsn = layout.bytePosToLsn(start);
            long endLsn = layout.bytePosToEndLsn(start + aligned);
            byte[] bytes = enc.finish(prev < 0 ? 0 : layout.bytePosToLsn(prev));
            copy(slot, bytes, startLsn);
            return new Inserted(startLsn, endLsn);
        } catch (IOException e) {
            throw new PgException("PANIC", SqlState.IO_ERROR, "could not write to write-ahead log: " + e.getMessage(),
                    null, null, 0, null, e);
        } finally {
            locks.release(slot);
        }
    }

    private void copy(int slot, byte[] bytes, long startLsn) throws IOException {
        int size = bytes.length;
        long ptr = startLsn;
        int done = 0;
        while (true) {
            long page = WalLayout.pageStart(ptr);
            ensurePage(slot, page);
            ByteBuffer buf = memory.buffer(page);
            int base = memory.offset(page);
            int off = WalLayout.pageOffset(ptr);
            int n = Math.min(WalLayout.PAGE_SIZE - off, size - done);
            buf.put(base + off, bytes, done, n);
            done += n;
            if (done == size) return;
            long next = page + WalLayout.PAGE_SIZE;
            ensurePage(slot, next);
            // Only the inserter whose record crosses into a page marks it; nobody else touches this header.
            PageHeader.markContinuation(memory.buffer(next), memory.offset(next), size - done);
            ptr = next + layout.headerSize(next);
        }
    }

    private void ensurePage(int slot, long page) throws IOException {
        if (memory.isReady(page)) return;
        locks.publish(slot, page);
        try {
            advanceTo(page);
        } finally {
            locks.resume(slot);
        }
    }

    /** Initializes pages up to and including {@code target}, writing out their places' old occupants first. */
    private void advanceTo(long target) throws IOException {
        mappingLock.lock();
        try {
            while (initializedUpTo <= target) {
                long p = initializedUpTo;
                long oldEnd = memory.occupantEnd(p);
                if (oldEnd != 0 && oldEnd <= p && !storage.canReuse(oldEnd, flush)) {
                    mappingLock.unlock();
                    try {
                        storage.makeReusable(oldEnd, flush);
                    } finally {
                        mappingLock.lock();
                    }
                    continue;
                }
                memory.initialize(p, this::writeHeader);
                initializedUpTo = p + WalLayout.PAGE_SIZE;
            }
        } finally {
            mappingLock.unlock();
        }
    }

    private void writeHeader(ByteBuffer buf, int base, long pageStart) {
        PageHeader.write(buf, base, pageStart, timeline, systemId, layout.segmentSize(), layout.isSegmentStart(pageStart));
    }

    /** Start of the first page not yet initialized. */
    public long initializedUpTo() { return initializedUpTo; }
}
