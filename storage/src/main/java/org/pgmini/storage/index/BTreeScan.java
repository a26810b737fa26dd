package org.pgmini.storage.index;

import org.pgmini.storage.page.Page;
import org.pgmini.storage.tuple.ItemPointer;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.pgmini.storage.index.BTreePage.NONE;

/**
 * An index scan, a leaf page at a time (PostgreSQL's _bt_readpage): under the leaf's share lock
 * the matching heap TIDs and the sibling link to follow are copied, then the lock is released and
 * the TIDs are handed out. See {@link BTree} for why concurrent splits cannot make it miss or
 * repeat an entry.
 */
final class BTreeScan implements IndexCursor {
    private final BTree tree;
    private final IndexRelation idx;
    private final ScanBounds bounds;
    private final boolean backward;
    private long[] tids = new long[64];
    private int count, pos;
    private boolean started, finished;
    /** Forward: the right-link of the page read last. Backward: the page read last and its left-link. */
    private int nextBlock, lastBlock;

    BTreeScan(BTree tree, IndexRelation idx, ScanBounds bounds, boolean backward) {
        this.tree = tree;
        this.idx = idx;
        this.bounds = bounds;
        this.backward = backward;
        this.finished = bounds.impossible;
    }

    @Override
    public ItemPointer next() {
        while (pos >= count) {
            if (finished) return null;
            count = 0;
            pos = 0;
            if (!started) {
                started = true;
                first();
            } else if (backward) {
                stepLeft();
            } else {
                int buf = tree.readLocked(idx, nextBlock);
                readForward(buf, BTreePage.firstDataKey(tree.bufferPool().page(buf)));
            }
        }
        return ItemPointer.unpack(tids[pos++]);
    }

    private void first() {
        byte[] key = backward ? bounds.endKey : bounds.startKey;
        boolean plusInf = backward ? bounds.endPlusInf : bounds.startPlusInf;
        int buf = tree.descend(idx, key, plusInf, 0, false, null);
        Page p = tree.bufferPool().page(buf);
        int off = BTree.firstGreater(p, BTreePage.firstDataKey(p), key, plusInf);
        if (backward) readBackward(buf, off - 1);
        else readForward(buf, off);
    }

    /** Copies matches from {@code off} to the end of the locked leaf, then releases it. */
    private void readForward(int buf, int off) {
        try {
            Page p = tree.bufferPool().page(buf);
            ByteBuffer b = p.buffer();
            int max = p.maxOffsetNumber();
            for (int o = off; o <= max; o++) {
                int kp = BTreePage.keyPos(p, o);
                int r = bounds.evaluate(b, kp, true);
                if (r == ScanBounds.MATCH) add(KeyCodec.tidAt(b, kp, BTreePage.keyLen(p, o)).pack());
                else if (r == ScanBounds.STOP) { finished = true; return; }
            }
            nextBlock = BTreePage.next(p);
            if (nextBlock == NONE) finished = true;
        } finally {
            tree.unlockRelease(buf, false);
        }
    }

    /** Copies matches from {@code off} down to the first data item of the locked leaf, then releases it. */
    private void readBackward(int buf, int off) {
        try {
            Page p = tree.bufferPool().page(buf);
            ByteBuffer b = p.buffer();
            int first = BTreePage.firstDataKey(p);
            for (int o = off; o >= first; o--) {
                int kp = BTreePage.keyPos(p, o);
                int r = bounds.evaluate(b, kp, false);
                if (r == ScanBounds.MATCH) add(KeyCodec.tidAt(b, kp, BTreePage.keyLen(p, o)).pack());
                else if (r == ScanBounds.STOP) { finished = true; return; }
            }
            lastBlock = tree.bufferPool().blockNumber(buf);
            nextBlock = BTreePage.prev(p);
            if (nextBlock == NONE) finished = true;
        } finally {
            tree.unlockRelease(buf, false);
        }
    }

    /**
     * To the left neighbour of the page read last: its saved left-link, then right until the page
     * whose right-link is that page (the left neighbour may have split since; _bt_walk_left).
     */
    private void stepLeft() {
        int buf = tree.readLocked(idx, nextBlock);
        while (true) {
            Page p = tree.bufferPool().page(buf);
            int next = BTreePage.next(p);
            if (next == lastBlock) break;
            tree.unlockRelease(buf, false);
            if (next == NONE) throw BTree.corrupted(idx, "left sibling chain does not lead back to block " + Integer.toUnsignedString(lastBlock));
            buf = tree.readLocked(idx, next);
        }
        readBackward(buf, tree.bufferPool().page(buf).maxOffsetNumber());
    }

    private void add(long tid) {
        if (count == tids.length) tids = Arrays.copyOf(tids, count * 2);
        tids[count++] = tid;
    }

    @Override
    public void close() {
        finished = true;
        count = pos = 0;
    }
}
