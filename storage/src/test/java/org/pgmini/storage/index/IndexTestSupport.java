package org.pgmini.storage.index;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.walhook.WalHook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A buffer pool over a temp directory (no WAL) and helpers shared by the index tests. */
final class IndexTestSupport implements AutoCloseable {
    final Smgr smgr;
    final BufferPool pool;
    final BTree btree;
    private int nextRel = 20000;

    IndexTestSupport(Path dir, int nbuffers) {
        smgr = new Smgr(dir, 1 << 17);
        pool = new BufferPool(ByteBufferRegion.allocate(BufferPool.requiredSize(nbuffers)), 0, nbuffers, smgr, WalHook.NONE, true);
        btree = new BTree(pool);
    }

    IndexRelation index(AttributeType[] types, boolean[] desc) {
        int[] attnums = new int[types.length];
        for (int i = 0; i < types.length; i++) attnums[i] = i + 1;
        IndexRelation idx = new IndexRelation(new RelFileLocator(5, nextRel++), "idx" + nextRel, types, attnums, desc, false);
        btree.create(idx);
        return idx;
    }

    IndexRelation index(AttributeType... types) { return index(types, new boolean[types.length]); }

    static List<ItemPointer> drain(IndexCursor c) {
        List<ItemPointer> out = new ArrayList<>();
        try (c) {
            for (ItemPointer t = c.next(); t != null; t = c.next()) out.add(t);
        }
        return out;
    }

    /** Root level from the metapage. */
    int rootLevel(IndexRelation idx) {
        int buf = btree.readLocked(idx, 0);
        try {
            return BTreeMeta.level(pool.page(buf));
        } finally {
            btree.unlockRelease(buf, false);
        }
    }

    @Override
    public void close() { smgr.close(); }
}
