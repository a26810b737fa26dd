package org.pgmini.storage.index;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.PageChangeRecord.Kind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import static org.pgmini.storage.index.BTreePage.NONE;

/**
 * B-tree indexes (nbtree): Lehman and Yao's high-concurrency B-link tree over the shared buffer
 * pool, every page change WAL-logged through {@link BufferPool#finishPageChange}.
 *
 * <h2>Locking protocol and invariants</h2>
 * <ul>
 * <li><b>Keys are unique and ordered per level.</b> Leaf keys end with the heap TID
 *     ({@link KeyCodec}); an internal page's keys are separators. On every page that is not the
 *     rightmost of its level, item 1 is the high key: every key on the page is below it, every key
 *     on pages to its right is at or above it. Splits only move the upper part of a page to a NEW
 *     page appended at the end of the file, linked in right of it; pages are never deleted or
 *     reused, so a block number once seen stays a page of the same level whose key range only
 *     shrinks from above.</li>
 * <li><b>Readers hold one content lock at a time</b> (share): at each page they compare the search
 *     key with the high key and, if it is beyond, release the page and go to its right sibling
 *     ("move right"); this repairs any split that happened between reading the parent and locking
 *     the child. A reader never waits for a lock while holding one.</li>
 * <li><b>Writers</b> descend like readers, remembering the page visited at each level, and lock
 *     only the leaf exclusively (then move right with exclusive locks, releasing before taking the
 *     next). A split holds, in this order, the page, the new right page (unreachable by anyone
 *     else until the split is logged), the old right sibling (its left link changes); a root split
 *     then also the new root page and the metapage. Locks are thus only ever requested left to
 *     right within a level and from a page to a fresh page or the metapage, and nobody holding
 *     the metapage waits for anything: no deadlock.</li>
 * <li><b>The downlink comes later.</b> After a non-root split the writer releases all its locks and
 *     then inserts the separator into the parent level (the remembered parent, moving right by the
 *     separator; or a fresh descent if the page was the root when it was visited). Until then the
 *     new page is reached through its left sibling's right-link, which the move-right rule
 *     follows; so a crash between the split record and the parent insert leaves a valid tree
 *     (only less direct). The downlink's position in the parent is found by key, not by the
 *     child's old downlink, so concurrent splits of the parent or of the new page itself are
 *     harmless. A root split creates the new root and updates the metapage under the same locks
 *     and in the same WAL record as the split, so the metapage always names a page whose level
 *     holds every key.</li>
 * <li><b>Scans copy a leaf at a time</b> (the matching TIDs and the sibling link, under the share
 *     lock), then release it. Items only move right, to pages between the page and the right-link
 *     saved, and those items were copied before they moved: nothing is missed or returned twice.
 *     Backward scans step to the saved left link and move right from there until the page whose
 *     right-link is the page just read (its left neighbour may have split meanwhile).</li>
 * <li><b>VACUUM</b> ({@link #bulkDelete}) visits leaves in physical order up to the current end of
 *     the file; items moved by concurrent splits land on new pages at the end, which it still
 *     visits. It removes items under an exclusive lock, one page at a time. Callers use MVCC
 *     snapshots: a TID copied by a scan whose heap slot VACUUM frees and a later insert reuses holds
 *     a row the scan's snapshot cannot see.</li>
 * </ul>
 * Pages are never deleted (VACUUM leaves empty leaves in place): see the storage README.
 */
public final class BTree {
    private static final ForkNumber MAIN = ForkNumber.MAIN;
    static final int MAX_LEVELS = 32;
    /** Leaf fill factor for bulk builds and rightmost splits (PostgreSQL's default 90). */
    static final double LEAF_FILL = 0.90;
    /** Internal page fill factor (BTREE_NONLEAF_FILLFACTOR). */
    static final double UPPER_FILL = 0.70;

    private final BufferPool pool;
    /**
     * Root block and level per index as last seen (level << 32 | block): saves reading the
     * metapage on every descent (PostgreSQL caches it in the relcache). Only a hint: the page is
     * used as the root only if, under its lock, it still has the ROOT flag at that level;
     * otherwise the metapage is read again. Cleared by truncate and drop, which reuse or remove
     * the file.
     */
    private final java.util.concurrent.ConcurrentHashMap<RelFileLocator, Long> rootCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** WAL goes through the pool's {@link org.pgmini.storage.walhook.WalHook}. */
    public BTree(BufferPool pool) { this.pool = pool; }

    public BufferPool bufferPool() { return pool; }

    // ------------------------------------------------------------------ relation files

    /**
     * Creates the index's file (unless the caller's WAL-logged relation-file creation made it
     * already) and writes the metapage and an empty root leaf.
     */
    public void create(IndexRelation idx) {
        KeyCodec.checkSupported(idx);
        RelFileLocator loc = idx.locator();
        if (!pool.smgr().exists(loc, MAIN)) {
            logFileChange(Kind.RELATION_CREATE, loc, -1, false);
            pool.smgr().create(loc, MAIN, false);
        }
        if (pool.nblocks(loc, MAIN) != 0) {
            throw new IllegalStateException("index \"" + idx.name() + "\" already has " + pool.nblocks(loc, MAIN) + " blocks");
        }
        initEmpty(idx);
    }

    /** Removes the index's buffers and file (WAL-logged and flushed first, as the heap's drop). */
    public void drop(IndexRelation idx) {
        RelFileLocator loc = idx.locator();
        logFileChange(Kind.RELATION_DROP, loc, -1, true);
        rootCache.remove(loc);
        pool.dropRelationBuffers(loc, MAIN, 0);
        pool.smgr().unlink(loc, MAIN);
    }

    /** Empties the index in place (non-transactional, like {@code Heap.truncate}). */
    public void truncate(IndexRelation idx) {
        RelFileLocator loc = idx.locator();
        logFileChange(Kind.RELATION_TRUNCATE, loc, 0, true);
        rootCache.remove(loc);
        pool.dropRelationBuffers(loc, MAIN, 0);
        pool.smgr().truncate(loc, MAIN, 0);
        initEmpty(idx);
    }

    public int nblocks(IndexRelation idx) { return pool.nblocks(idx.locator(), MAIN); }

    private void logFileChange(Kind kind, RelFileLocator loc, int nblocks, boolean flush) {
        ByteBuffer b = ByteBuffer.allocate(nblocks >= 0 ? 17 : 13).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1663).putInt(loc.dbOid()).putInt(loc.relNumber()).put((byte) 0); // pg_default, main fork
        if (nblocks >= 0) b.putInt(nblocks);
        long lsn = pool.wal().log(new PageChangeRecord(kind, loc, MAIN, new int[0], 0, b.array()), new Page[0]);
        if (flush) pool.wal().flush(lsn);
    }

    /** Metapage (block 0) and an empty root leaf (block 1), in one record. */
    private void initEmpty(IndexRelation idx) {
        RelFileLocator loc = idx.locator();
        rootCache.remove(loc);
        int mbuf = pool.extend(loc, MAIN);
        int rbuf = pool.extend(loc, MAIN);
        pool.lock(mbuf, true);
        pool.lock(rbuf, true);
        try {
            Page meta = pool.page(mbuf), root = pool.page(rbuf);
            int rootBlock = pool.blockNumber(rbuf);
            BTreeMeta.init(meta, rootBlock, 0);
            BTreePage.init(root, 0, BTreePage.LEAF | BTreePage.ROOT, NONE, NONE);
            pool.finishPageChange(record(Kind.BTREE_NEW_PAGES, idx, new int[] {pool.blockNumber(mbuf), rootBlock},
                    new BTreeWal.Parts().image(meta).image(root).bytes()), mbuf, rbuf);
        } finally {
            pool.unlock(rbuf, true);
            pool.unlock(mbuf, true);
            pool.release(rbuf);
            pool.release(mbuf);
        }
    }

    void forgetRoot(IndexRelation idx) { rootCache.remove(idx.locator()); }

    static PageChangeRecord record(Kind kind, IndexRelation idx, int[] blocks, byte[] payload) {
        return new PageChangeRecord(kind, idx.locator(), MAIN, blocks, 0, payload);
    }

    // ------------------------------------------------------------------ descent

    /** Root block and level, read under the metapage's share lock. */
    private long rootOf(IndexRelation idx) {
        int buf = pool.readBuffer(idx.locator(), MAIN, 0, null);
        try {
            pool.lock(buf, false);
            try {
                Page meta = pool.page(buf);
                BTreeMeta.check(meta, idx.name());
                long r = ((long) BTreeMeta.level(meta) << 32) | Integer.toUnsignedLong(BTreeMeta.root(meta));
                rootCache.put(idx.locator(), r);
                return r;
            } finally {
                pool.unlock(buf, false);
            }
        } finally {
            pool.release(buf);
        }
    }

    /**
     * Descends from the root to the page of {@code targetLevel} where {@code key} belongs (after
     * moving right) and returns it pinned and locked (exclusively if {@code exclusive}). Records
     * the page visited at each upper level in {@code stack} (if given).
     */
    int descend(IndexRelation idx, byte[] key, boolean plusInf, int targetLevel, boolean exclusive, int[] stack) {
        return descend(idx, key, plusInf, targetLevel, exclusive, stack, 0);
    }

    private int descend(IndexRelation idx, byte[] key, boolean plusInf, int targetLevel, boolean exclusive, int[] stack, int attempt) {
        Long cached = rootCache.get(idx.locator());
        long r = cached != null && (int) (cached >>> 32) >= targetLevel ? cached : rootOf(idx);
        int blk = (int) r;
        int lvl = (int) (r >>> 32);
        if (lvl < targetLevel) throw corrupted(idx, "no level " + targetLevel + " above the root at level " + lvl);
        boolean top = true;
        while (true) {
            boolean excl = exclusive && lvl == targetLevel;
            int buf = pool.readBuffer(idx.locator(), MAIN, blk, null);
            pool.lock(buf, excl);
            if (top) {
                top = false;
                Page rp = pool.page(buf);
                if (rp.isNew() || !BTreePage.isRoot(rp) || BTreePage.level(rp) != lvl) {
                    // the root split since we read it (or since it was cached): read the metapage again
                    pool.unlock(buf, excl);
                    pool.release(buf);
                    rootCache.remove(idx.locator());
                    if (attempt > 1000) throw corrupted(idx, "the metapage's root block " + Integer.toUnsignedString(blk) + " is not a root");
                    return descend(idx, key, plusInf, targetLevel, exclusive, stack, attempt + 1);
                }
            }
            buf = moveRight(idx, buf, key, plusInf, excl);
            Page p = pool.page(buf);
            if (p.isNew() || BTreePage.level(p) != lvl) {
                pool.unlock(buf, excl);
                pool.release(buf);
                throw corrupted(idx, "block " + Integer.toUnsignedString(blk) + " is not at level " + lvl);
            }
            if (lvl == targetLevel) return buf;
            if (stack != null) stack[lvl] = pool.blockNumber(buf);
            int child = BTreePage.downlink(p, firstGreater(p, BTreePage.firstDataKey(p) + 1, key, plusInf) - 1);
            pool.unlock(buf, false);
            pool.release(buf);
            blk = child;
            lvl--;
        }
    }

    /** Lehman-Yao: while the key is at or beyond the page's high key, step to the right sibling. */
    private int moveRight(IndexRelation idx, int buf, byte[] key, boolean plusInf, boolean exclusive) {
        while (true) {
            Page p = pool.page(buf);
            int next = BTreePage.next(p);
            if (next == NONE || KeyCodec.compareSearch(key, plusInf, p.buffer(), BTreePage.keyPos(p, 1), BTreePage.keyLen(p, 1)) < 0) {
                return buf;
            }
            pool.unlock(buf, exclusive);
            pool.release(buf);
            buf = pool.readBuffer(idx.locator(), MAIN, next, null);
            pool.lock(buf, exclusive);
        }
    }

    /** The first offset in {@code [from, max]} whose key sorts above the search key (max + 1 if none). */
    static int firstGreater(Page p, int from, byte[] key, boolean plusInf) {
        int lo = from, hi = p.maxOffsetNumber() + 1;
        ByteBuffer b = p.buffer();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (KeyCodec.compareSearch(key, plusInf, b, BTreePage.keyPos(p, mid), BTreePage.keyLen(p, mid)) > 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static PgException corrupted(IndexRelation idx, String what) {
        return new PgException(SqlState.INDEX_CORRUPTED, "index \"" + idx.name() + "\" contains unexpected page: " + what);
    }

    // ------------------------------------------------------------------ insert

    /** Adds an entry (NULL key values allowed). Duplicates are allowed: uniqueness is the caller's. */
    public void insert(IndexRelation idx, Object[] keyValues, ItemPointer heapTid) {
        byte[] key = KeyCodec.encodeEntry(idx, keyValues, heapTid);
        int[] stack = new int[MAX_LEVELS];
        int buf = descend(idx, key, false, 0, true, stack);
        insertIntoPage(idx, buf, 0, key, 0, stack);
    }

    /**
     * Inserts {@code key} (with {@code downlink} on an internal page) into the exclusively locked
     * page where it belongs, splitting it if full. Releases the page.
     */
    private void insertIntoPage(IndexRelation idx, int buf, int level, byte[] key, int downlink, int[] stack) {
        Page p = pool.page(buf);
        int from = BTreePage.firstDataKey(p) + (level == 0 ? 0 : 1);
        int off = firstGreater(p, from, key, false);
        byte[] item = BTreePage.item(downlink, key);
        if (!BTreePage.insertItem(p, off, item)) {
            split(idx, buf, level, off, item, stack);
            return;
        }
        try {
            pool.finishPageChange(record(level == 0 ? Kind.BTREE_INSERT_LEAF : Kind.BTREE_INSERT_UPPER, idx,
                    new int[] {pool.blockNumber(buf)}, BTreeWal.insertPayload(off, item)), buf);
        } finally {
            pool.unlock(buf, true);
            pool.release(buf);
        }
    }

    /** Splits the exclusively locked full page while inserting {@code newItem} at {@code off}; releases it. */
    private void split(IndexRelation idx, int buf, int level, int off, byte[] newItem, int[] stack) {
        RelFileLocator loc = idx.locator();
        int rbuf = -1, sbuf = -1, nbuf = -1, mbuf = -1;
        try {
            Page page = pool.page(buf);
            int leftBlock = pool.blockNumber(buf);
            boolean leaf = level == 0;
            boolean wasRoot = BTreePage.isRoot(page);
            int oldPrev = BTreePage.prev(page), oldNext = BTreePage.next(page);
            byte[] oldHighKey = oldNext == NONE ? null : page.itemBytes(1);
            int first = BTreePage.firstDataKey(page);
            List<byte[]> items = new ArrayList<>(page.maxOffsetNumber() + 1);
            for (int o = first; o <= page.maxOffsetNumber(); o++) items.add(page.itemBytes(o));
            items.add(off - first, newItem);
            int k = chooseSplit(items, leaf, oldNext == NONE, oldHighKey);
            byte[] sepKey = leaf ? KeyCodec.separator(keyOf(items.get(k - 1)), keyOf(items.get(k))) : keyOf(items.get(k));

            rbuf = pool.extend(loc, MAIN);
            pool.lock(rbuf, true);
            int rightBlock = pool.blockNumber(rbuf);
            Page right = pool.page(rbuf);
            BTreePage.init(right, level, leaf ? BTreePage.LEAF : 0, leftBlock, oldNext);
            if (oldHighKey != null) append(right, oldHighKey);
            append(right, leaf ? items.get(k) : BTreePage.item(BTreePage.downlinkOf(items.get(k)), new byte[0]));
            for (int i = k + 1; i < items.size(); i++) append(right, items.get(i));

            Page left = Page.allocate();
            BTreePage.init(left, level, leaf ? BTreePage.LEAF : 0, oldPrev, rightBlock);
            append(left, BTreePage.item(0, sepKey));
            for (int i = 0; i < k; i++) append(left, items.get(i));
            long lsn = page.lsn();
            page.buffer().put(0, left.buffer(), 0, left.buffer().capacity());
            page.setLsn(lsn); // the WAL decides about a full-page image by the page's previous LSN

            if (wasRoot) {
                nbuf = pool.extend(loc, MAIN);
                pool.lock(nbuf, true);
                Page root = pool.page(nbuf);
                BTreePage.init(root, level + 1, BTreePage.ROOT, NONE, NONE);
                append(root, BTreePage.item(leftBlock, new byte[0]));
                append(root, BTreePage.item(rightBlock, sepKey));
                mbuf = pool.readBuffer(loc, MAIN, 0, null);
                pool.lock(mbuf, true);
                Page meta = pool.page(mbuf);
                BTreeMeta.setRoot(meta, pool.blockNumber(nbuf), level + 1);
                rootCache.put(loc, ((long) (level + 1) << 32) | Integer.toUnsignedLong(pool.blockNumber(nbuf)));
                pool.finishPageChange(record(Kind.BTREE_NEWROOT, idx, new int[] {leftBlock, rightBlock, pool.blockNumber(nbuf), 0},
                        new BTreeWal.Parts().image(page).image(right).image(root).image(meta).bytes()), buf, rbuf, nbuf, mbuf);
            } else if (oldNext != NONE) {
                sbuf = pool.readBuffer(loc, MAIN, oldNext, null);
                pool.lock(sbuf, true);
                BTreePage.setPrev(pool.page(sbuf), rightBlock);
                pool.finishPageChange(record(Kind.BTREE_SPLIT, idx, new int[] {leftBlock, rightBlock, oldNext},
                        new BTreeWal.Parts().image(page).image(right).setPrev(rightBlock).bytes()), buf, rbuf, sbuf);
            } else {
                pool.finishPageChange(record(Kind.BTREE_SPLIT, idx, new int[] {leftBlock, rightBlock},
                        new BTreeWal.Parts().image(page).image(right).bytes()), buf, rbuf);
            }
            if (!wasRoot) {
                releaseAll(mbuf, nbuf, sbuf, rbuf, buf);
                mbuf = nbuf = sbuf = rbuf = buf = -1;
                insertDownlink(idx, level + 1, sepKey, rightBlock, stack);
            }
        } finally {
            releaseAll(mbuf, nbuf, sbuf, rbuf, buf);
        }
    }

    private void releaseAll(int... bufs) {
        for (int b : bufs) {
            if (b >= 0) {
                pool.unlock(b, true);
                pool.release(b);
            }
        }
    }

    /** Inserts the downlink {@code sepKey -> child} at {@code level} (after a split below it). */
    private void insertDownlink(IndexRelation idx, int level, byte[] sepKey, int child, int[] stack) {
        int buf;
        int remembered = stack[level];
        if (remembered != NONE) {
            buf = pool.readBuffer(idx.locator(), MAIN, remembered, null);
            pool.lock(buf, true);
            buf = moveRight(idx, buf, sepKey, false, true);
        } else {
            // the split page was the root when we passed it: find its parent level from the new root
            buf = descend(idx, sepKey, false, level, true, stack);
        }
        if (BTreePage.level(pool.page(buf)) != level) {
            pool.unlock(buf, true);
            pool.release(buf);
            throw corrupted(idx, "parent of a split page is not at level " + level);
        }
        insertIntoPage(idx, buf, level, sepKey, child, stack);
    }

    /**
     * Where to split {@code items} (all data items, the new one included): the first {@code k}
     * stay left. The rightmost page of a level keeps its fill factor on the left (ascending
     * inserts then leave full pages behind, as PostgreSQL); others split in half by bytes. Both
     * halves must fit with their high keys.
     */
    private static int chooseSplit(List<byte[]> items, boolean leaf, boolean rightmost, byte[] oldHighKey) {
        int n = items.size();
        int total = 0;
        for (byte[] it : items) total += BTreePage.spaceFor(it.length);
        double fraction = rightmost ? (leaf ? LEAF_FILL : UPPER_FILL) : 0.5;
        int rightCap = BTreePage.USABLE - (oldHighKey == null ? 0 : BTreePage.spaceFor(oldHighKey.length));
        int k = 1;
        int leftSum = BTreePage.spaceFor(items.get(0).length);
        while (k < n - 1 && leftSum < fraction * total) {
            leftSum += BTreePage.spaceFor(items.get(k).length);
            k++;
        }
        while (k > 1 && !leftFits(items, k)) k--;
        while (k < n - 1 && !rightFits(items, k, rightCap)) k++;
        if (!leftFits(items, k) || !rightFits(items, k, rightCap)) throw new IllegalStateException("could not find a feasible split point");
        return k;
    }

    private static boolean leftFits(List<byte[]> items, int k) {
        int sum = BTreePage.spaceFor(items.get(k).length); // the high key is at most as long as the first right key
        for (int i = 0; i < k; i++) sum += BTreePage.spaceFor(items.get(i).length);
        return sum <= BTreePage.USABLE;
    }

    private static boolean rightFits(List<byte[]> items, int k, int cap) {
        int sum = 0;
        for (int i = k; i < items.size(); i++) sum += BTreePage.spaceFor(items.get(i).length);
        return sum <= cap;
    }

    private static byte[] keyOf(byte[] item) { return Arrays.copyOfRange(item, BTreePage.ITEM_HEADER, item.length); }

    private static void append(Page p, byte[] item) {
        if (!BTreePage.appendItem(p, item)) throw new IllegalStateException("index item does not fit on a new page");
    }

    // ------------------------------------------------------------------ scans

    /** An index scan: heap TIDs of the entries that satisfy every key, in key order (or reverse). */
    public IndexCursor scan(IndexRelation idx, List<ScanKey> keys, boolean backward) {
        return new BTreeScan(this, idx, ScanBounds.of(idx, keys), backward);
    }

    /** Package access for the scan: reads a block pinned and share-locked. */
    int readLocked(IndexRelation idx, int block) {
        int buf = pool.readBuffer(idx.locator(), MAIN, block, null);
        pool.lock(buf, false);
        return buf;
    }

    void unlockRelease(int buf, boolean exclusive) {
        pool.unlock(buf, exclusive);
        pool.release(buf);
    }

    // ------------------------------------------------------------------ build

    /**
     * Bulk build of an empty (just created) index: sorts the entries (spilling sorted runs to
     * temporary files beyond {@code memoryBytes}) and loads the leaves left to right 90% full, then
     * each upper level; every page is WAL-logged as an image.
     */
    public void build(IndexRelation idx, Iterator<IndexEntry> entries, long memoryBytes) {
        KeyCodec.checkSupported(idx);
        new BTreeBuild(this, idx).load(BTreeSort.sort(pool.smgr().dataDir(), idx, entries, memoryBytes));
    }

    // ------------------------------------------------------------------ VACUUM

    /** VACUUM: removes the leaf entries whose heap TID {@code dead} accepts; returns how many. */
    public long bulkDelete(IndexRelation idx, Predicate<ItemPointer> dead) {
        RelFileLocator loc = idx.locator();
        long removed = 0;
        for (int blk = 1; Integer.compareUnsigned(blk, pool.nblocks(loc, MAIN)) < 0; blk++) {
            int buf = pool.readBuffer(loc, MAIN, blk, null);
            try {
                pool.lock(buf, false);
                boolean any;
                try {
                    any = !deadItems(pool.page(buf), dead).isEmpty();
                } finally {
                    pool.unlock(buf, false);
                }
                if (!any) continue;
                pool.lock(buf, true);
                try {
                    Page p = pool.page(buf);
                    List<Integer> offs = deadItems(p, dead); // again: the page may have changed meanwhile
                    if (offs.isEmpty()) continue;
                    for (int i = offs.size() - 1; i >= 0; i--) p.removeItem(offs.get(i));
                    pool.finishPageChange(record(Kind.BTREE_VACUUM, idx, new int[] {blk}, BTreeWal.vacuumPayload(offs)), buf);
                    removed += offs.size();
                } finally {
                    pool.unlock(buf, true);
                }
            } finally {
                pool.release(buf);
            }
        }
        return removed;
    }

    private static List<Integer> deadItems(Page p, Predicate<ItemPointer> dead) {
        List<Integer> offs = new ArrayList<>();
        if (p.isNew() || !BTreePage.isLeaf(p)) return offs;
        ByteBuffer b = p.buffer();
        for (int o = BTreePage.firstDataKey(p); o <= p.maxOffsetNumber(); o++) {
            if (dead.test(KeyCodec.tidAt(b, BTreePage.keyPos(p, o), BTreePage.keyLen(p, o)))) offs.add(o);
        }
        return offs;
    }
}
