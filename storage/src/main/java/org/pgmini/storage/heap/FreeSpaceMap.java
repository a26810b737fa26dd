package org.pgmini.storage.heap;

import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.RelFileLocator;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * Free space per heap page, so inserts reuse space that deletes and VACUUM freed. Like
 * PostgreSQL's FSM it keeps one byte per page (free space / 32, rounded down, so a page is never
 * claimed to have more room than it has) and answers "a page with at least n bytes" with a max
 * tree, in O(log pages). Unlike PostgreSQL's it is kept in process memory, not in an {@code _fsm}
 * fork: after a restart it starts empty (inserts then go to the last page or extend) and VACUUM
 * rebuilds it. The information is a hint: callers re-check the page under its lock.
 */
public final class FreeSpaceMap {
    private static final int CATEGORY_SIZE = BLCKSZ / 256;

    private final Map<RelFileLocator, Tree> trees = new ConcurrentHashMap<>();

    /** A max segment tree over page categories; synchronized per relation. */
    private static final class Tree {
        int capacity = 16; // leaves, power of two
        byte[] nodes = new byte[2 * capacity];
        int npages;

        void ensure(int block) {
            if (block < capacity) return;
            int newCap = capacity;
            while (newCap <= block) newCap <<= 1;
            byte[] leaves = Arrays.copyOfRange(nodes, capacity, capacity + npages);
            capacity = newCap;
            nodes = new byte[2 * capacity];
            System.arraycopy(leaves, 0, nodes, capacity, leaves.length);
            for (int i = capacity - 1; i >= 1; i--) nodes[i] = max(nodes[2 * i], nodes[2 * i + 1]);
        }

        static byte max(byte a, byte b) { return Byte.toUnsignedInt(a) >= Byte.toUnsignedInt(b) ? a : b; }

        void set(int block, int category) {
            ensure(block);
            if (block >= npages) npages = block + 1;
            int i = capacity + block;
            nodes[i] = (byte) category;
            for (i >>= 1; i >= 1; i >>= 1) nodes[i] = max(nodes[2 * i], nodes[2 * i + 1]);
        }

        int find(int minCategory) {
            if (Byte.toUnsignedInt(nodes[1]) < minCategory) return -1;
            int i = 1;
            while (i < capacity) {
                i = Byte.toUnsignedInt(nodes[2 * i]) >= minCategory ? 2 * i : 2 * i + 1;
            }
            return i - capacity;
        }
    }

    private Tree tree(RelFileLocator rel) { return trees.computeIfAbsent(rel, r -> new Tree()); }

    /** Records the free space of a page (after an insert, or after VACUUM compacted it). */
    public void record(RelFileLocator rel, int block, int freeBytes) {
        int cat = Math.min(255, Math.max(0, freeBytes) / CATEGORY_SIZE);
        Tree t = tree(rel);
        synchronized (t) {
            t.set(block, cat);
        }
    }

    /** A page believed to have room for {@code needed} bytes, or -1. */
    public int find(RelFileLocator rel, int needed) {
        int cat = (needed + CATEGORY_SIZE - 1) / CATEGORY_SIZE;
        if (cat > 255) return -1;
        Tree t = tree(rel);
        synchronized (t) {
            return t.find(Math.max(cat, 1));
        }
    }

    /** The relation was truncated to {@code nblocks} blocks, or dropped (0). */
    public void truncate(RelFileLocator rel, int nblocks) {
        Tree t = trees.get(rel);
        if (t == null) return;
        synchronized (t) {
            for (int b = nblocks; b < t.npages; b++) t.set(b, 0);
            t.npages = Math.min(t.npages, nblocks);
        }
    }

    public void forget(RelFileLocator rel) { trees.remove(rel); }

    /** Space a heap page offers for a tuple of {@code len} bytes (aligned, plus its line pointer). */
    static int spaceNeeded(int len) { return Page.maxAlign(len); }
}
