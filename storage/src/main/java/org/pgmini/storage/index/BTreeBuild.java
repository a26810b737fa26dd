package org.pgmini.storage.index;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.walhook.PageChangeRecord.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.pgmini.storage.index.BTreePage.NONE;

/**
 * Bottom-up load of sorted keys into an empty index (nbtsort.c's idea): one open page per level;
 * a leaf is closed when the next item would fill it beyond 90% (internal pages 70%), its high key
 * is the shortest separator between its last key and the next page's first, and that separator
 * with the new page's block goes up to the next level (whose first item is the minus-infinity
 * downlink to the level's first page). At the end each level's last page is closed as the
 * rightmost, the top one becomes the root and the metapage points to it. The empty root leaf
 * that {@link BTree#create} made (block 1) becomes the first leaf.
 *
 * <p>Pages are built in private memory and written through the buffer pool, each logged as an
 * image. The index must not be visible to other writers meanwhile (CREATE INDEX's lock).
 */
final class BTreeBuild {
    private final BTree tree;
    private final BufferPool pool;
    private final IndexRelation idx;
    private final List<Level> levels = new ArrayList<>();
    private boolean firstAllocated;

    private static final class Level {
        final int level;
        final int firstBlock;
        int block, prevBlock = NONE;
        final List<byte[]> items = new ArrayList<>();
        int used;

        Level(int level, int block) {
            this.level = level;
            this.block = block;
            this.firstBlock = block;
        }
    }

    BTreeBuild(BTree tree, IndexRelation idx) {
        this.tree = tree;
        this.pool = tree.bufferPool();
        this.idx = idx;
    }

    void load(BTreeSort sorted) {
        try (sorted) {
            checkEmpty();
            while (sorted.hasNext()) add(0, sorted.next(), 0);
            if (levels.isEmpty()) return;
            for (int i = 0; i < levels.size(); i++) writePage(levels.get(i), null, NONE, i == levels.size() - 1);
            Level top = levels.get(levels.size() - 1);
            int mbuf = pool.readBuffer(idx.locator(), ForkNumber.MAIN, 0, null);
            pool.lock(mbuf, true);
            try {
                Page meta = pool.page(mbuf);
                BTreeMeta.setRoot(meta, top.block, top.level);
                tree.forgetRoot(idx);
                pool.finishPageChange(BTree.record(Kind.BTREE_NEW_PAGES, idx, new int[] {0}, new BTreeWal.Parts().image(meta).bytes()), mbuf);
            } finally {
                tree.unlockRelease(mbuf, true);
            }
        }
    }

    private void checkEmpty() {
        if (tree.nblocks(idx) != 2) throw new IllegalStateException("index \"" + idx.name() + "\" is not empty: cannot bulk build it");
        int buf = tree.readLocked(idx, 1);
        try {
            Page p = pool.page(buf);
            if (!BTreePage.isRoot(p) || !BTreePage.isLeaf(p) || p.maxOffsetNumber() != 0) {
                throw new IllegalStateException("index \"" + idx.name() + "\" is not empty: cannot bulk build it");
            }
        } finally {
            tree.unlockRelease(buf, false);
        }
    }

    private int allocate() {
        if (!firstAllocated) {
            firstAllocated = true;
            return 1;
        }
        int buf = pool.extend(idx.locator(), ForkNumber.MAIN);
        int block = pool.blockNumber(buf);
        pool.release(buf);
        return block;
    }

    /** Adds {@code key} (with {@code downlink} above the leaves) to the open page of {@code lvl}. */
    private void add(int lvl, byte[] key, int downlink) {
        if (lvl == levels.size()) {
            if (lvl >= BTree.MAX_LEVELS) throw new IllegalStateException("btree too deep");
            Level l = new Level(lvl, allocate());
            levels.add(l);
            if (lvl > 0) addItem(l, BTreePage.item(levels.get(lvl - 1).firstBlock, new byte[0]));
        }
        Level l = levels.get(lvl);
        byte[] item = BTreePage.item(downlink, key);
        double fill = lvl == 0 ? BTree.LEAF_FILL : BTree.UPPER_FILL;
        int minItems = lvl == 0 ? 1 : 2;
        if (l.items.size() >= minItems && l.used + BTreePage.spaceFor(item.length) > fill * BTreePage.USABLE) {
            closePage(l, item);
        } else {
            addItem(l, item);
        }
    }

    private static void addItem(Level l, byte[] item) {
        l.items.add(item);
        l.used += BTreePage.spaceFor(item.length);
    }

    /** Closes the open page of {@code l}; {@code next} becomes the first item of the new page. */
    private void closePage(Level l, byte[] next) {
        List<byte[]> carry = new ArrayList<>();
        carry.add(next);
        int minItems = l.level == 0 ? 1 : 2;
        byte[] sep;
        while (true) {
            byte[] firstRight = keyOf(carry.get(0));
            sep = l.level == 0 ? KeyCodec.separator(keyOf(l.items.get(l.items.size() - 1)), firstRight) : firstRight;
            if (l.used + BTreePage.spaceFor(BTreePage.ITEM_HEADER + sep.length) <= BTreePage.USABLE || l.items.size() <= minItems) break;
            byte[] moved = l.items.remove(l.items.size() - 1);
            l.used -= BTreePage.spaceFor(moved.length);
            carry.add(0, moved);
        }
        int newBlock = allocate();
        writePage(l, sep, newBlock, false);
        l.prevBlock = l.block;
        l.block = newBlock;
        l.items.clear();
        l.used = 0;
        for (int i = 0; i < carry.size(); i++) {
            byte[] it = carry.get(i);
            addItem(l, i == 0 && l.level > 0 ? BTreePage.item(BTreePage.downlinkOf(it), new byte[0]) : it);
        }
        add(l.level + 1, sep, newBlock);
    }

    private static byte[] keyOf(byte[] item) { return Arrays.copyOfRange(item, BTreePage.ITEM_HEADER, item.length); }

    private void writePage(Level l, byte[] highKey, int next, boolean root) {
        Page p = Page.allocate();
        int flags = (l.level == 0 ? BTreePage.LEAF : 0) | (root ? BTreePage.ROOT : 0);
        BTreePage.init(p, l.level, flags, l.prevBlock, next);
        if (highKey != null && !BTreePage.appendItem(p, BTreePage.item(0, highKey))) throw new IllegalStateException("high key does not fit");
        for (byte[] it : l.items) if (!BTreePage.appendItem(p, it)) throw new IllegalStateException("build item does not fit");
        int buf = pool.readBuffer(idx.locator(), ForkNumber.MAIN, l.block, null);
        pool.lock(buf, true);
        try {
            Page target = pool.page(buf);
            long lsn = target.lsn();
            target.buffer().put(0, p.buffer(), 0, p.buffer().capacity());
            target.setLsn(lsn);
            pool.finishPageChange(BTree.record(Kind.BTREE_NEW_PAGES, idx, new int[] {l.block}, new BTreeWal.Parts().image(target).bytes()), buf);
        } finally {
            tree.unlockRelease(buf, true);
        }
    }
}
