package org.pgmini.storage.heap;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.buffer.BufferAccessStrategy;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.mvcc.HeapVisibility;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.mvcc.TmResult;
import org.pgmini.storage.mvcc.TransactionView;
import org.pgmini.storage.mvcc.VacuumVisibility;
import org.pgmini.storage.mvcc.WriterTransaction;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.PageChangeRecord.Kind;
import org.pgmini.storage.xact.TransactionIds;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.pgmini.storage.tuple.HeapTupleHeader.*;

/**
 * Heap access methods (heapam.c): insert, delete, update, row lock, fetch, sequential scan and
 * VACUUM of one table, over the shared buffer pool.
 *
 * <p>Every page change happens under the buffer's exclusive content lock and ends in
 * {@link BufferPool#finishPageChange} with a {@link PageChangeRecord} that describes it, so
 * the WAL can log and redo it later. Delete/update/lock follow PostgreSQL's protocol: check
 * with HeapTupleSatisfiesUpdate; if another running transaction changed or locked the row, wait
 * for it to end (or skip / fail, per {@link WaitPolicy}) and check again; report UPDATED/DELETED
 * with the newer version's TID so that the caller applies READ COMMITTED or REPEATABLE READ rules.
 *
 * <p>Not yet (see README): multixacts (several lockers; FOR SHARE), HOT chains (no indexes yet),
 * TOAST, freezing, truncating empty tail pages in VACUUM, the lock manager's tuple locks (waits use
 * {@link ProcArray#waitForTransactionEnd}, with deadlock detection among row-lock waits and
 * lock_timeout, but no fair queueing of waiters).
 */
public final class Heap {
    private final BufferPool pool;
    private final HeapVisibility visibility;
    private final ProcArray procArray;
    private final FreeSpaceMap fsm = new FreeSpaceMap();
    private final Map<RelFileLocator, Integer> targetBlock = new ConcurrentHashMap<>();
    private final Map<RelFileLocator, RelationStats> stats = new ConcurrentHashMap<>();
    /** Snapshot scans: prune a page opportunistically before reading it, set hint bits. */
    private final HeapPageWalker visibleWalker;
    /** The index build's scan: reads pages as they are (no pruning; its test sets no hints). */
    private final HeapPageWalker plainWalker;

    public Heap(BufferPool pool, HeapVisibility visibility, ProcArray procArray) {
        this.pool = pool;
        this.visibility = visibility;
        this.procArray = procArray;
        this.visibleWalker = new HeapPageWalker(pool, pool::hintBitSetter, this::pruneOpportunistically);
        this.plainWalker = new HeapPageWalker(pool, pool::hintBitSetter, HeapPageWalker.NO_HOOK);
    }

    public BufferPool bufferPool() { return pool; }
    public FreeSpaceMap freeSpaceMap() { return fsm; }

    public RelationStats stats(HeapRelation rel) { return stats.computeIfAbsent(rel.locator(), r -> new RelationStats()); }

    // ------------------------------------------------------------------ relation files

    /** Creates the (empty) main fork of a new table. */
    public void create(HeapRelation rel) { pool.smgr().create(rel.locator(), ForkNumber.MAIN, false); }

    /** Removes a table's buffers and files (at commit of DROP TABLE). */
    public void drop(HeapRelation rel) {
        pool.dropRelationBuffers(rel.locator(), ForkNumber.MAIN, 0);
        pool.smgr().unlink(rel.locator(), ForkNumber.MAIN);
        fsm.forget(rel.locator());
        targetBlock.remove(rel.locator());
        stats.remove(rel.locator());
    }

    /**
     * Empties the table in place (non-transactional: TRUNCATE proper will give the table a new
     * relfilenode at commit, which needs the catalog).
     */
    public void truncate(HeapRelation rel) {
        pool.dropRelationBuffers(rel.locator(), ForkNumber.MAIN, 0);
        pool.smgr().truncate(rel.locator(), ForkNumber.MAIN, 0);
        fsm.truncate(rel.locator(), 0);
        targetBlock.remove(rel.locator());
    }

    public int nblocks(HeapRelation rel) { return pool.nblocks(rel.locator(), ForkNumber.MAIN); }

    // ------------------------------------------------------------------ insert

    /** Inserts a row; returns its TID. */
    public ItemPointer insert(HeapRelation rel, Object[] values, WriterTransaction tx, int cid) {
        return insertTuple(rel, TupleCodec.form(rel.desc(), values), tx, cid);
    }

    /** Inserts an already formed tuple (its transaction fields are overwritten). */
    public ItemPointer insertTuple(HeapRelation rel, byte[] tuple, WriterTransaction tx, int cid) {
        if (tuple.length > TupleCodec.MAX_TUPLE_SIZE) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size " + tuple.length + ", maximum size " + TupleCodec.MAX_TUPLE_SIZE);
        }
        int xid = tx.currentXid();
        prepareNewTuple(tuple, xid, cid, 0);
        int buf = bufferForTuple(rel, tuple.length, -1);
        try {
            Page page = pool.page(buf);
            int block = pool.blockNumber(buf);
            int off = page.addItem(tuple, 0, true);
            if (off == Page.INVALID_OFFSET_NUMBER) throw new IllegalStateException("tuple did not fit on the page chosen for it");
            ItemPointer tid = new ItemPointer(block, off);
            HeapTupleHeader.setCtid(page.buffer(), page.itemPosition(off), tid);
            pool.finishPageChange(record(Kind.HEAP_INSERT, rel, xid, new int[] {block}, payloadInsert(off, tuple)), buf);
            // Like PostgreSQL, the free space map is not told about every insert: the target
            // block is used until full, and a page found too full gets its real value recorded.
            Integer cached = targetBlock.get(rel.locator());
            if (cached == null || cached != block) targetBlock.put(rel.locator(), block);
            stats(rel).inserted.incrementAndGet();
            return tid;
        } finally {
            pool.unlock(buf, true);
            pool.release(buf);
        }
    }

    /**
     * Inserts many rows (heap_multi_insert): forms each tuple, then {@link #insertTuples}.
     * Returns their TIDs in the order of {@code rows}.
     */
    public ItemPointer[] insertBatch(HeapRelation rel, List<Object[]> rows, WriterTransaction tx, int cid) {
        return insertTuples(rel, formAll(rel.desc(), rows), tx, cid);
    }

    // The per-row loops of a batch live in small methods of their own: a loop over thousands of
    // rows gets compiled on its own (OSR), and a small loop method keeps that compilation small
    // instead of inlining the whole insert path (buffer manager, WAL) into it again.

    private static List<byte[]> formAll(org.pgmini.storage.tuple.TupleDesc desc, List<Object[]> rows) {
        List<byte[]> tuples = new ArrayList<>(rows.size());
        for (Object[] row : rows) tuples.add(TupleCodec.form(desc, row));
        return tuples;
    }

    private static void checkSizes(List<byte[]> tuples) {
        for (byte[] t : tuples) {
            if (t.length > TupleCodec.MAX_TUPLE_SIZE) {
                throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size " + t.length + ", maximum size " + TupleCodec.MAX_TUPLE_SIZE);
            }
        }
    }

    private static void prepareAll(List<byte[]> tuples, int xid, int cid) {
        for (byte[] t : tuples) prepareNewTuple(t, xid, cid, 0);
    }

    /**
     * Inserts already formed tuples (their transaction fields are overwritten), filling each page
     * with as many of them as fit while holding its exclusive content lock once, and logging ONE
     * {@link Kind#HEAP_MULTI_INSERT} record per page instead of one record per tuple. Tuples keep
     * the list's order (TIDs ascend within a page). All sizes are checked before anything is
     * written, so a too-big row fails the batch with nothing inserted. If a later page cannot be
     * obtained (an error mid-batch), the tuples already placed stay in their pages as rows of this
     * (then aborting) transaction, invisible to everyone, exactly like single inserts before an error.
     */
    public ItemPointer[] insertTuples(HeapRelation rel, List<byte[]> tuples, WriterTransaction tx, int cid) {
        int n = tuples.size();
        checkSizes(tuples);
        ItemPointer[] tids = new ItemPointer[n];
        if (n == 0) return tids;
        if (n == 1) {
            tids[0] = insertTuple(rel, tuples.get(0), tx, cid); // a single row keeps its plain INSERT record
            return tids;
        }
        int xid = tx.currentXid();
        prepareAll(tuples, xid, cid);
        for (int i = 0; i < n; ) i = insertOnOnePage(rel, tuples, i, tids, xid);
        stats(rel).inserted.addAndGet(n);
        return tids;
    }

    /**
     * Puts tuples {@code from, from+1, ...} on one page (as many as fit; at least one) under its
     * exclusive lock, logs them as one record, and returns the index of the first tuple left.
     */
    private int insertOnOnePage(HeapRelation rel, List<byte[]> tuples, int from, ItemPointer[] tids, int xid) {
        int buf = bufferForTuple(rel, tuples.get(from).length, -1);
        try {
            Page page = pool.page(buf);
            int block = pool.blockNumber(buf);
            short[] offsets = new short[Math.min(tuples.size() - from, Page.MAX_HEAP_TUPLES_PER_PAGE)];
            int end = fillPage(page, block, tuples, from, offsets, tids);
            pool.finishPageChange(record(Kind.HEAP_MULTI_INSERT, rel, xid, new int[] {block},
                    payloadMultiInsert(tuples, from, end, offsets)), buf);
            Integer cached = targetBlock.get(rel.locator());
            if (cached == null || cached != block) targetBlock.put(rel.locator(), block);
            return end;
        } finally {
            pool.unlock(buf, true);
            pool.release(buf);
        }
    }

    /**
     * Adds tuples from {@code from} to the locked page while they fit (the first one is known to
     * fit: bufferForTuple chose the page for it), sets their ctids and TIDs and their offsets in
     * {@code offsets} (index 0 = tuple {@code from}); returns the index of the first tuple not added.
     */
    private static int fillPage(Page page, int block, List<byte[]> tuples, int from, short[] offsets, ItemPointer[] tids) {
        int i = from;
        int limit = Math.min(tuples.size(), from + offsets.length);
        while (i < limit) {
            byte[] t = tuples.get(i);
            if (i > from && page.heapFreeSpace() < Page.maxAlign(t.length)) break;
            int off = page.addItem(t, 0, true);
            if (off == Page.INVALID_OFFSET_NUMBER) {
                if (i == from) throw new IllegalStateException("tuple did not fit on the page chosen for it");
                break;
            }
            ItemPointer tid = new ItemPointer(block, off);
            HeapTupleHeader.setCtid(page.buffer(), page.itemPosition(off), tid);
            tids[i] = tid;
            offsets[i - from] = (short) off;
            i++;
        }
        return i;
    }

    /** Sets a new tuple's header for insertion by {@code xid} at command {@code cid}. */
    private static void prepareNewTuple(byte[] tuple, int xid, int cid, int extraInfomask) {
        ByteBuffer b = ByteBuffer.wrap(tuple).order(ByteOrder.LITTLE_ENDIAN);
        HeapTupleHeader.setXmin(b, 0, xid);
        HeapTupleHeader.setXmax(b, 0, 0);
        HeapTupleHeader.setRawCommandId(b, 0, cid);
        int mask = HeapTupleHeader.infomask(b, 0) & ~HEAP_XACT_MASK;
        HeapTupleHeader.setInfomask(b, 0, mask | HEAP_XMAX_INVALID | extraInfomask);
        HeapTupleHeader.setInfomask2(b, 0, HeapTupleHeader.infomask2(b, 0) & HEAP_NATTS_MASK);
    }

    /**
     * Returns a pinned, exclusively locked buffer with room for a tuple of {@code len} bytes
     * (RelationGetBufferForTuple): the last block used, else a page the free space map offers,
     * else a new block. {@code avoidBlock} (the old version's page during an update, already
     * handled by the caller) is not returned.
     */
    private int bufferForTuple(HeapRelation rel, int len, int avoidBlock) {
        int need = Page.maxAlign(len);
        RelFileLocator loc = rel.locator();
        Integer cached = targetBlock.get(loc);
        int candidate = cached != null && cached != avoidBlock ? cached : fsm.find(loc, need);
        for (int attempts = 0; attempts < 1000; attempts++) {
            // hints (cached target, free space map) never name blocks past the end: truncate() clears them
            if (candidate == avoidBlock) candidate = -1;
            int buf = candidate >= 0 ? pool.readBuffer(loc, ForkNumber.MAIN, candidate, null) : pool.extend(loc, ForkNumber.MAIN);
            pool.lock(buf, true);
            Page page = pool.page(buf);
            int block = pool.blockNumber(buf);
            if (page.isNew()) {
                page.init(0);
                pool.finishPageChange(record(Kind.HEAP_INIT_PAGE, rel, 0, new int[] {block}, new byte[0]), buf);
            }
            int free = page.heapFreeSpace();
            if (free >= need) return buf;
            fsm.record(loc, block, free);
            pool.unlock(buf, true);
            pool.release(buf);
            if (candidate < 0) {
                throw new PgException(SqlState.INTERNAL_ERROR, "tuple is too big for an empty page: size " + len);
            }
            targetBlock.remove(loc);
            candidate = fsm.find(loc, need);
        }
        throw new PgException(SqlState.INTERNAL_ERROR, "could not find a page with free space in relation \"" + rel.name() + "\"");
    }

    // ------------------------------------------------------------------ delete / update / lock

    /** Deletes the row version at {@code tid} (heap_delete). */
    public HeapResult delete(HeapRelation rel, ItemPointer tid, WriterTransaction tx, int cid, WaitPolicy wait) {
        int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, tid.block(), null);
        try {
            HeapResult check = lockAndCheck(rel, buf, tid, tx, cid, wait);
            if (check != null) return check;
            try {
                Page page = pool.page(buf);
                ByteBuffer b = page.buffer();
                int base = page.itemPosition(tid.offset());
                int xid = tx.currentXid();
                setUpdaterXmax(b, base, xid, cid, tx);
                if (!TransactionIds.isValid(page.pruneXid()) || TransactionIds.precedes(xid, page.pruneXid())) page.setPruneXid(xid);
                pool.finishPageChange(record(Kind.HEAP_DELETE, rel, xid, new int[] {tid.block()},
                        payloadXmax(tid.offset(), HeapTupleHeader.infomask(b, base), HeapTupleHeader.rawCommandId(b, base))), buf);
            } finally {
                pool.unlock(buf, true);
            }
            stats(rel).deleted.incrementAndGet();
            stats(rel).deletedSinceVacuum.incrementAndGet();
            return new HeapResult(TmResult.OK, tid, 0, null);
        } finally {
            pool.release(buf);
        }
    }

    /**
     * Replaces the row version at {@code tid} with a new one (heap_update): the new version gets
     * xmin = this transaction and HEAP_UPDATED; the old one gets xmax and its ctid points to the
     * new one. The new version goes on the same page if it fits, else on another.
     */
    public HeapResult update(HeapRelation rel, ItemPointer tid, Object[] values, WriterTransaction tx, int cid, WaitPolicy wait) {
        byte[] tuple = TupleCodec.form(rel.desc(), values);
        int oldBuf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, tid.block(), null);
        try {
            pruneOpportunistically(rel, oldBuf);
            HeapResult check = lockAndCheck(rel, oldBuf, tid, tx, cid, wait);
            if (check != null) return check;
            int xid = tx.currentXid();
            prepareNewTuple(tuple, xid, cid, HEAP_UPDATED);
            Page oldPage = pool.page(oldBuf);
            if (oldPage.heapFreeSpace() >= Page.maxAlign(tuple.length)) {
                try {
                    ItemPointer newTid = placeNewVersion(rel, oldBuf, tid, tuple, xid, cid, tx, oldBuf);
                    pool.finishPageChange(record(Kind.HEAP_UPDATE, rel, xid, new int[] {tid.block()},
                            payloadUpdate(oldPage, tid.offset(), newTid.offset(), tuple)), oldBuf);
                    countUpdate(rel);
                    return new HeapResult(TmResult.OK, tid, 0, newTid);
                } finally {
                    pool.unlock(oldBuf, true);
                }
            }
            // Another page is needed. Keep others off the row while the old page is unlocked by
            // marking it locked by us, then take both pages' locks in block order.
            ByteBuffer ob = oldPage.buffer();
            int obase = oldPage.itemPosition(tid.offset());
            if (!(xmaxIsLockedOnly(HeapTupleHeader.infomask(ob, obase)) && tx.isCurrentTransactionId(HeapTupleHeader.xmax(ob, obase))
                    && (HeapTupleHeader.infomask(ob, obase) & HEAP_XMAX_INVALID) == 0)) {
                setLockerXmax(ob, obase, xid);
                pool.finishPageChange(record(Kind.HEAP_LOCK, rel, xid, new int[] {tid.block()},
                        payloadXmax(tid.offset(), HeapTupleHeader.infomask(ob, obase), 0)), oldBuf);
            }
            pool.unlock(oldBuf, true);
            while (true) {
                int newBuf = bufferForTuple(rel, tuple.length, tid.block());
                int newBlock = pool.blockNumber(newBuf);
                pool.unlock(newBuf, true);
                boolean oldFirst = Integer.compareUnsigned(tid.block(), newBlock) < 0;
                pool.lock(oldFirst ? oldBuf : newBuf, true);
                pool.lock(oldFirst ? newBuf : oldBuf, true);
                try {
                    if (pool.page(newBuf).heapFreeSpace() < Page.maxAlign(tuple.length)) {
                        fsm.record(rel.locator(), newBlock, pool.page(newBuf).heapFreeSpace());
                        continue; // someone filled it meanwhile
                    }
                    ItemPointer newTid = placeNewVersion(rel, oldBuf, tid, tuple, xid, cid, tx, newBuf);
                    pool.finishPageChange(record(Kind.HEAP_UPDATE, rel, xid, new int[] {tid.block(), newBlock},
                            payloadUpdate(oldPage, tid.offset(), newTid.offset(), tuple)), oldBuf, newBuf);
                    fsm.record(rel.locator(), newBlock, pool.page(newBuf).heapFreeSpace());
                    countUpdate(rel);
                    return new HeapResult(TmResult.OK, tid, 0, newTid);
                } finally {
                    pool.unlock(oldFirst ? newBuf : oldBuf, true);
                    pool.unlock(oldFirst ? oldBuf : newBuf, true);
                    pool.release(newBuf);
                }
            }
        } finally {
            pool.release(oldBuf);
        }
    }

    private void countUpdate(HeapRelation rel) {
        stats(rel).updated.incrementAndGet();
        stats(rel).deletedSinceVacuum.incrementAndGet();
    }

    /** Adds the new version to {@code newBuf}'s page and points the old version at it. Both pages locked. */
    private ItemPointer placeNewVersion(HeapRelation rel, int oldBuf, ItemPointer oldTid, byte[] tuple, int xid, int cid,
                                        WriterTransaction tx, int newBuf) {
        Page newPage = pool.page(newBuf);
        int off = newPage.addItem(tuple, 0, true);
        if (off == Page.INVALID_OFFSET_NUMBER) throw new IllegalStateException("new tuple version did not fit");
        ItemPointer newTid = new ItemPointer(pool.blockNumber(newBuf), off);
        HeapTupleHeader.setCtid(newPage.buffer(), newPage.itemPosition(off), newTid);
        Page oldPage = pool.page(oldBuf);
        ByteBuffer ob = oldPage.buffer();
        int obase = oldPage.itemPosition(oldTid.offset());
        setUpdaterXmax(ob, obase, xid, cid, tx);
        HeapTupleHeader.setCtid(ob, obase, newTid);
        if (!TransactionIds.isValid(oldPage.pruneXid()) || TransactionIds.precedes(xid, oldPage.pruneXid())) oldPage.setPruneXid(xid);
        return newTid;
    }

    /**
     * Row lock (heap_lock_tuple, FOR UPDATE / FOR NO KEY UPDATE strength): xmax = this
     * transaction with HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK. Shared row locks need
     * multixacts and raise 0A000.
     */
    public HeapResult lockTuple(HeapRelation rel, ItemPointer tid, WriterTransaction tx, int cid, WaitPolicy wait, boolean exclusive) {
        if (!exclusive) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "FOR SHARE and FOR KEY SHARE row locks are not supported");
        int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, tid.block(), null);
        try {
            HeapResult check = lockAndCheck(rel, buf, tid, tx, cid, wait);
            if (check != null) return check;
            try {
                Page page = pool.page(buf);
                ByteBuffer b = page.buffer();
                int base = page.itemPosition(tid.offset());
                int infomask = HeapTupleHeader.infomask(b, base);
                boolean alreadyOurs = (infomask & HEAP_XMAX_INVALID) == 0 && tx.isCurrentTransactionId(HeapTupleHeader.xmax(b, base));
                if (!alreadyOurs) {
                    int xid = tx.currentXid();
                    setLockerXmax(b, base, xid);
                    pool.finishPageChange(record(Kind.HEAP_LOCK, rel, xid, new int[] {tid.block()},
                            payloadXmax(tid.offset(), HeapTupleHeader.infomask(b, base), 0)), buf);
                }
            } finally {
                pool.unlock(buf, true);
            }
            return new HeapResult(TmResult.OK, tid, 0, null);
        } finally {
            pool.release(buf);
        }
    }

    /**
     * Locks the (pinned) buffer exclusively and runs HeapTupleSatisfiesUpdate until the row is
     * free to change. Returns null with the lock held when the caller may go ahead; otherwise
     * releases the lock and returns the failure.
     */
    private HeapResult lockAndCheck(HeapRelation rel, int buf, ItemPointer tid, WriterTransaction tx, int cid, WaitPolicy wait) {
        while (true) {
            pool.lock(buf, true);
            Page page = pool.page(buf);
            if (page.isNew() || tid.offset() < 1 || tid.offset() > page.maxOffsetNumber() || !page.itemIsNormal(tid.offset())) {
                pool.unlock(buf, true);
                return new HeapResult(TmResult.INVISIBLE, tid, 0, null);
            }
            ByteBuffer b = page.buffer();
            int base = page.itemPosition(tid.offset());
            TmResult r = visibility.satisfiesUpdate(b, base, tid, cid, tx, pool.hintBitSetter(buf));
            if (r == TmResult.OK) return null;
            int xmax = HeapTupleHeader.xmax(b, base);
            ItemPointer ctid = HeapTupleHeader.ctid(b, base);
            pool.unlock(buf, true);
            if (r != TmResult.BEING_MODIFIED) return new HeapResult(r, ctid, xmax, null);
            switch (wait) {
                case SKIP -> { return new HeapResult(TmResult.WOULD_BLOCK, ctid, xmax, null); }
                case ERROR -> throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row in relation \"" + rel.name() + "\"");
                case BLOCK -> tx.waitForTransactionEnd(procArray, xmax);
            }
        }
    }

    /** Sets xmax for a delete or update by {@code xid} at command {@code cid} (combo cid if we inserted it). */
    private static void setUpdaterXmax(ByteBuffer b, int base, int xid, int cid, TransactionView tx) {
        int infomask = HeapTupleHeader.infomask(b, base);
        int raw = HeapTupleHeader.rawCommandId(b, base);
        int mask = infomask & ~(HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID | HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY
                | HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK | HEAP_COMBOCID);
        int xmin = HeapTupleHeader.xmin(b, base);
        if ((infomask & HEAP_XMIN_COMMITTED) == 0 && tx.isCurrentTransactionId(xmin)) {
            int cmin = (infomask & HEAP_COMBOCID) != 0 ? tx.comboCids().cmin(raw) : raw;
            HeapTupleHeader.setRawCommandId(b, base, tx.comboCids().combine(cmin, cid));
            mask |= HEAP_COMBOCID;
        } else {
            HeapTupleHeader.setRawCommandId(b, base, cid);
        }
        HeapTupleHeader.setXmax(b, base, xid);
        HeapTupleHeader.setInfomask(b, base, mask);
        HeapTupleHeader.setInfomask2(b, base, HeapTupleHeader.infomask2(b, base) | HEAP_KEYS_UPDATED);
    }

    /** Sets a lock-only xmax (the command id field is left alone: it still holds cmin). */
    private static void setLockerXmax(ByteBuffer b, int base, int xid) {
        int infomask = HeapTupleHeader.infomask(b, base);
        int mask = infomask & ~(HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID | HEAP_XMAX_IS_MULTI | HEAP_XMAX_KEYSHR_LOCK);
        HeapTupleHeader.setXmax(b, base, xid);
        HeapTupleHeader.setInfomask(b, base, mask | HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK);
    }

    // ------------------------------------------------------------------ reading

    /** The row version at {@code tid} if {@code snap} sees it (heap_fetch), else null. */
    public HeapTuple fetch(HeapRelation rel, ItemPointer tid, Snapshot snap, TransactionView tx) {
        return fetch(rel, tid, snap, tx, true);
    }

    /** The row version at {@code tid} whatever its visibility (for following update chains), or null. */
    public HeapTuple fetchAny(HeapRelation rel, ItemPointer tid) { return fetch(rel, tid, null, null, false); }

    private HeapTuple fetch(HeapRelation rel, ItemPointer tid, Snapshot snap, TransactionView tx, boolean check) {
        if (Integer.compareUnsigned(tid.block(), nblocks(rel)) >= 0) return null;
        int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, tid.block(), null);
        try {
            pool.lock(buf, false);
            try {
                Page page = pool.page(buf);
                if (page.isNew() || tid.offset() < 1 || tid.offset() > page.maxOffsetNumber() || !page.itemIsNormal(tid.offset())) return null;
                int base = page.itemPosition(tid.offset());
                if (check && !visibility.satisfiesMvcc(page.buffer(), base, snap, tx, pool.hintBitSetter(buf))) return null;
                return new HeapTuple(tid, page.itemBytes(tid.offset()));
            } finally {
                pool.unlock(buf, false);
            }
        } finally {
            pool.release(buf);
        }
    }

    /** A sequential scan of the whole table with a visibility check. */
    public HeapScan beginScan(HeapRelation rel, Snapshot snap, TransactionView tx) {
        int n = nblocks(rel);
        return new HeapScan(this, rel, snap, tx, 0, n,
                BufferAccessStrategy.worthUsing(n, pool.nbuffers()) ? BufferAccessStrategy.bulkRead(pool.nbuffers()) : null);
    }

    /** A scan of blocks [startBlock, endBlock) (the unit a parallel worker claims). */
    public HeapScan beginScan(HeapRelation rel, Snapshot snap, TransactionView tx, int startBlock, int endBlock) {
        return new HeapScan(this, rel, snap, tx, startBlock, endBlock, BufferAccessStrategy.bulkRead(pool.nbuffers()));
    }

    /**
     * Visits, in place, every tuple of blocks [startBlock, endBlock) that the snapshot sees,
     * one page at a time under its shared content lock (no copies: the fast path for scans that
     * only aggregate or filter). Returns the number of tuples visited.
     */
    public long scanVisible(HeapRelation rel, Snapshot snap, TransactionView tx, int startBlock, int endBlock, TupleVisitor visitor) {
        return visibleWalker.walk(rel, startBlock, endBlock, mvccTest(snap, tx), visitor);
    }

    /** The tuples {@code snap} sees as {@code tx}: the MVCC check of every snapshot scan. */
    private HeapPageWalker.TupleTest mvccTest(Snapshot snap, TransactionView tx) {
        return (page, base, hints) -> visibility.satisfiesMvcc(page, base, snap, tx, hints);
    }

    /**
     * The newer version a failed update/delete/lock pointed at ({@link HeapResult#ctid()}), for
     * READ COMMITTED re-checks, or null if that slot no longer holds the successor: it must have
     * been inserted by the transaction that replaced the old version (xmin == old xmax), else the
     * slot was reused after VACUUM and the row is gone.
     */
    public HeapTuple fetchNextVersion(HeapRelation rel, HeapResult failed) {
        HeapTuple t = fetchAny(rel, failed.ctid());
        if (t == null || t.xmin() != failed.xmax()) return null;
        return t;
    }

    /** Page-at-a-time: copies the tuples of one block that the snapshot sees. */
    List<HeapTuple> visibleTuples(HeapRelation rel, int block, Snapshot snap, TransactionView tx, BufferAccessStrategy strategy) {
        List<HeapTuple> out = new ArrayList<>();
        visibleWalker.walkBlock(rel, block, strategy, mvccTest(snap, tx), (page, base, length, blk, off) -> {
            byte[] data = new byte[length];
            page.get(base, data);
            out.add(new HeapTuple(new ItemPointer(blk, off), data));
        });
        return out;
    }

    // ------------------------------------------------------------------ vacuum

    /**
     * VACUUM of a table without indexes: {@link #vacuum(HeapRelation, DeadTidCleanup)} where the
     * dead tuples' line pointers become unused at once (nothing can point at them).
     */
    public VacuumResult vacuum(HeapRelation rel) {
        return vacuum(rel, null);
    }

    /**
     * What VACUUM must do before the heap reuses dead tuples' slots: remove every index entry
     * pointing at them (the indexes' bulk delete). Called once per VACUUM with the TIDs of all
     * LP_DEAD line pointers found, in TID order.
     */
    @FunctionalInterface
    public interface DeadTidCleanup {
        void removeIndexEntries(java.util.SortedSet<ItemPointer> deadTids);
    }

    /**
     * VACUUM of one table (lazy vacuum's two heap passes). Pass 1, on each page under a cleanup
     * lock: the tuples no snapshot can see any more (HeapTupleSatisfiesVacuum = DEAD against the
     * proc array's oldest xmin) lose their storage and their line pointers become LP_DEAD, the
     * page is compacted; the TIDs of all LP_DEAD line pointers are collected. Then
     * {@code cleanup} removes the index entries pointing at them, and pass 2 turns those line
     * pointers unused, so the slots can be reused. With {@code cleanup} null (no indexes) pass 1
     * makes them unused directly. Counts what remains: live tuples and n_dead_tup.
     *
     * <p>Invariant (why LP_DEAD): an index entry may point at a TID until VACUUM removed it, so a
     * slot is never reused while an entry can point at it: pruning (here and opportunistic)
     * leaves LP_DEAD stubs, only pass 2 makes them unused, after the index cleanup.
     */
    public VacuumResult vacuum(HeapRelation rel, DeadTidCleanup cleanup) {
        int oldestXmin = procArray.oldestXmin();
        int nblocks = nblocks(rel);
        BufferAccessStrategy strategy = BufferAccessStrategy.vacuum(pool.nbuffers());
        long removed = 0, live = 0, dead = 0;
        java.util.TreeSet<ItemPointer> deadTids = new java.util.TreeSet<>(
                java.util.Comparator.comparingLong((ItemPointer t) -> Integer.toUnsignedLong(t.block())).thenComparingInt(ItemPointer::offset));
        for (int block = 0; block < nblocks; block++) {
            int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, block, strategy);
            try {
                pool.cleanupLock(buf);
                try {
                    Page page = pool.page(buf);
                    if (page.isNew()) {
                        page.init(0);
                        pool.finishPageChange(record(Kind.HEAP_INIT_PAGE, rel, 0, new int[] {block}, new byte[0]), buf);
                    } else {
                        long[] counts = prunePage(rel, buf, oldestXmin, cleanup == null);
                        removed += counts[0];
                        live += counts[1];
                        dead += counts[2];
                        if (cleanup != null) {
                            int max = page.maxOffsetNumber();
                            for (int off = 1; off <= max; off++) {
                                if (page.itemFlags(off) == Page.LP_DEAD) deadTids.add(new ItemPointer(block, off));
                            }
                        }
                    }
                    fsm.record(rel.locator(), block, page.heapFreeSpace());
                } finally {
                    pool.unlock(buf, true);
                }
            } finally {
                pool.release(buf);
            }
        }
        if (cleanup != null && !deadTids.isEmpty()) {
            cleanup.removeIndexEntries(java.util.Collections.unmodifiableSortedSet(deadTids));
            reclaimDeadLinePointers(rel, deadTids, strategy);
        }
        Instant now = Instant.now();
        stats(rel).vacuumed(live, dead, now);
        return new VacuumResult(nblocks, removed, live, dead, oldestXmin, now);
    }

    /** VACUUM's second heap pass: the LP_DEAD line pointers whose index entries are gone become unused. */
    private void reclaimDeadLinePointers(HeapRelation rel, java.util.SortedSet<ItemPointer> tids, BufferAccessStrategy strategy) {
        java.util.Iterator<ItemPointer> it = tids.iterator();
        ItemPointer next = it.next();
        while (next != null) {
            int block = next.block();
            List<Integer> offs = new ArrayList<>();
            while (next != null && next.block() == block) {
                offs.add(next.offset());
                next = it.hasNext() ? it.next() : null;
            }
            int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, block, strategy);
            try {
                pool.cleanupLock(buf);
                try {
                    Page page = pool.page(buf);
                    List<Integer> unused = new ArrayList<>();
                    for (int off : offs) {
                        // still LP_DEAD: nothing but this VACUUM turns LP_DEAD into anything else
                        if (off <= page.maxOffsetNumber() && page.itemFlags(off) == Page.LP_DEAD) unused.add(off);
                    }
                    if (unused.isEmpty()) continue;
                    for (int off : unused) page.setItemUnused(off);
                    page.repairFragmentation();
                    page.truncateLinePointerArray();
                    pool.finishPageChange(record(Kind.HEAP_VACUUM, rel, 0, new int[] {block},
                            payloadPrune(page.pruneXid(), unused, List.of())), buf);
                    fsm.record(rel.locator(), block, page.heapFreeSpace());
                } finally {
                    pool.unlock(buf, true);
                }
            } finally {
                pool.release(buf);
            }
        }
    }

    /**
     * Removes the tuples of one page that nobody can see any more (heap_page_prune): their
     * storage goes and their line pointers become LP_DEAD (an index entry may still point at
     * them; VACUUM's second pass makes them unused), or unused right away when
     * {@code makeUnused} (VACUUM of a table without indexes, which also frees earlier LP_DEAD
     * stubs). The page is compacted, and pd_prune_xid becomes the oldest xmax among the
     * deleted-but-still-visible tuples left (0 if none), so that a later prune knows when it may
     * be worth trying again. Caller holds a cleanup lock. Returns {removed, live, recently dead}.
     */
    private long[] prunePage(HeapRelation rel, int buf, int oldestXmin, boolean makeUnused) {
        Page page = pool.page(buf);
        int block = pool.blockNumber(buf);
        List<Integer> unused = new ArrayList<>();
        List<Integer> toDead = new ArrayList<>();
        ByteBuffer b = page.buffer();
        int max = page.maxOffsetNumber();
        long live = 0, dead = 0;
        int newPruneXid = TransactionIds.INVALID;
        var hints = pool.hintBitSetter(buf);
        for (int off = 1; off <= max; off++) {
            int flags = page.itemFlags(off);
            if (flags == Page.LP_DEAD) {
                if (makeUnused) unused.add(off);
                continue;
            }
            if (flags != Page.LP_NORMAL) continue;
            int base = page.itemPosition(off);
            VacuumVisibility v = visibility.satisfiesVacuum(b, base, oldestXmin, hints);
            switch (v) {
                case DEAD -> (makeUnused ? unused : toDead).add(off);
                case RECENTLY_DEAD, DELETE_IN_PROGRESS -> {
                    if (v == VacuumVisibility.RECENTLY_DEAD) dead++; else live++;
                    newPruneXid = TransactionIds.older(newPruneXid, HeapTupleHeader.xmax(b, base));
                }
                case LIVE, INSERT_IN_PROGRESS -> live++;
            }
        }
        if (!unused.isEmpty() || !toDead.isEmpty()) {
            for (int off : unused) page.setItemUnused(off);
            for (int off : toDead) page.setItemDead(off);
            page.repairFragmentation();
            page.truncateLinePointerArray();
            page.setPruneXid(newPruneXid);
            pool.finishPageChange(record(Kind.HEAP_VACUUM, rel, 0, new int[] {block}, payloadPrune(newPruneXid, unused, toDead)), buf);
            stats(rel).pruned.addAndGet(unused.size() + toDead.size());
        } else if (page.pruneXid() != newPruneXid) {
            page.setPruneXid(newPruneXid); // a hint: not logged, like PostgreSQL's PageSetPrunable outside redo
            pool.markDirtyHint(buf);
        }
        return new long[] {unused.size() + toDead.size(), live, dead};
    }

    /**
     * Opportunistic pruning (heap_page_prune_opt), tried before a page is read or updated: if the
     * page says some deleted tuple may have become invisible to everyone (pd_prune_xid older than
     * the oldest xmin) and it is getting full, and nobody else has it pinned, prune it now, so
     * that update-heavy tables reuse their space without waiting for VACUUM. The page header is
     * read without a lock: it is only a hint, re-checked under the cleanup lock.
     */
    private void pruneOpportunistically(HeapRelation rel, int buf) {
        Page page = pool.page(buf);
        int prune = page.pruneXid();
        if (!TransactionIds.isValid(prune)) return;
        if (page.freeSpace() >= PRUNE_FREE_SPACE_THRESHOLD) return;
        int oldestXmin = procArray.oldestXmin();
        if (!TransactionIds.precedes(prune, oldestXmin)) return;
        if (!pool.tryCleanupLock(buf)) return;
        try {
            if (!page.isNew()) prunePage(rel, buf, oldestXmin, rel.noIndexes());
        } finally {
            pool.unlock(buf, true);
        }
    }

    /** Prune a page only when less than this much space is free (PostgreSQL: BLCKSZ / 10). */
    private static final int PRUNE_FREE_SPACE_THRESHOLD = org.pgmini.storage.smgr.StorageConstants.BLCKSZ / 10;

    // ------------------------------------------------------------------ WAL record payloads

    private static PageChangeRecord record(Kind kind, HeapRelation rel, int xid, int[] blocks, byte[] payload) {
        return new PageChangeRecord(kind, rel.locator(), ForkNumber.MAIN, blocks, xid, payload);
    }

    private static byte[] payloadInsert(int off, byte[] tuple) {
        ByteBuffer b = ByteBuffer.allocate(2 + tuple.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) off).put(tuple);
        return b.array();
    }

    /** Tuple count (int16), then per tuple its offset (int16), length (int16) and bytes (ctid set by redo). */
    private static byte[] payloadMultiInsert(List<byte[]> tuples, int from, int to, short[] offsets) {
        int len = 2;
        for (int k = from; k < to; k++) len += 4 + tuples.get(k).length;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (to - from));
        for (int k = from; k < to; k++) {
            byte[] t = tuples.get(k);
            b.putShort(offsets[k - from]).putShort((short) t.length).put(t);
        }
        return b.array();
    }

    private static byte[] payloadXmax(int off, int infomask, int cid) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) off).putShort((short) infomask).putInt(cid).array();
    }

    /** Old offset, new offset, the old version's new infomask and t_cid, then the new tuple (ctid not yet set). */
    private static byte[] payloadUpdate(Page oldPage, int oldOff, int newOff, byte[] tuple) {
        int obase = oldPage.itemPosition(oldOff);
        ByteBuffer b = ByteBuffer.allocate(10 + tuple.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) oldOff).putShort((short) newOff)
                .putShort((short) HeapTupleHeader.infomask(oldPage.buffer(), obase))
                .putInt(HeapTupleHeader.rawCommandId(oldPage.buffer(), obase)).put(tuple);
        return b.array();
    }

    /**
     * HEAP_VACUUM: the new pd_prune_xid, then one 16-bit offset per line pointer: made unused, or,
     * with bit 15 set ({@link #PRUNE_TO_DEAD}), made LP_DEAD (offsets never exceed
     * MaxHeapTuplesPerPage, so the bit is free; records without it replay as before).
     */
    private static byte[] payloadPrune(int newPruneXid, List<Integer> unused, List<Integer> toDead) {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * (unused.size() + toDead.size())).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(newPruneXid);
        for (int o : unused) b.putShort((short) o);
        for (int o : toDead) b.putShort((short) (o | PRUNE_TO_DEAD));
        return b.array();
    }

    /** Flag of an offset in a HEAP_VACUUM record: the line pointer becomes LP_DEAD, not unused. */
    static final int PRUNE_TO_DEAD = 0x8000;

    /**
     * Index build (heapam_index_build_range_scan): visits every tuple with storage (LP_NORMAL)
     * whatever its visibility, under the page's share lock. Entries for tuples that are dead or
     * aborted are harmless (readers fetch with their snapshot; VACUUM removes the entries when it
     * reclaims the slot), and including recently dead ones keeps the index complete for snapshots
     * older than the build. Returns the number of tuples visited.
     */
    public long scanAllTuples(HeapRelation rel, TupleVisitor visitor) {
        return scanAllTuples(rel, 0, nblocks(rel), visitor);
    }

    /** {@link #scanAllTuples(HeapRelation, TupleVisitor)} over blocks [startBlock, endBlock). */
    public long scanAllTuples(HeapRelation rel, int startBlock, int endBlock, TupleVisitor visitor) {
        return plainWalker.walk(rel, startBlock, endBlock, HeapPageWalker.EVERY_TUPLE, visitor);
    }
}
