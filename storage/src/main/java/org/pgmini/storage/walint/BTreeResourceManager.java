package org.pgmini.storage.walint;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.index.BTreeRedo;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.PageChangeRecord.Kind;
import org.pgmini.wal.record.DecodedBlock;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.recovery.ResourceManager;
import org.pgmini.wal.recovery.RmgrIds;

/**
 * The Btree resource manager (11): redo of B-tree page changes through {@link BTreeRedo}, blocks
 * through {@link RedoPages} (full-page images, LSN check, stamping), as the heap's. Main data is
 * the {@link PageChangeRecord} payload (formats on index.BTreeWal).
 */
public final class BTreeResourceManager implements ResourceManager {
    private final RedoPages pages;

    /** @param pool null for a describe-only instance (waldump) */
    BTreeResourceManager(BufferPool pool) { this.pages = pool == null ? null : new RedoPages(pool); }

    @Override public int id() { return RmgrIds.BTREE; }
    @Override public String name() { return "Btree"; }

    @Override
    public void redo(DecodedRecord r) {
        if (pages == null) throw new IllegalStateException("describe-only resource manager");
        Kind kind = WalIds.kindOf(r.rmgrId(), r.info());
        if (kind == null) throw new IllegalStateException(String.format("btree redo: unknown op code %02X", r.info()));
        int[] blocks = new int[r.blocks().size()];
        for (int i = 0; i < blocks.length; i++) blocks[i] = r.blocks().get(i).blockNumber();
        DecodedBlock first = r.blocks().get(0);
        PageChangeRecord change = new PageChangeRecord(kind, WalIds.toStorage(first.locator()), WalIds.toStorage(first.fork()),
                blocks, r.xid(), r.mainData());
        pages.redo(r, (i, page) -> BTreeRedo.redo(change, i, page));
    }

    @Override
    public String identify(int info) {
        Kind k = WalIds.kindOf(RmgrIds.BTREE, info);
        if (k == null) return null;
        return switch (k) {
            case BTREE_INSERT_LEAF -> "INSERT_LEAF";
            case BTREE_INSERT_UPPER -> "INSERT_UPPER";
            case BTREE_SPLIT -> "SPLIT_L";
            case BTREE_NEWROOT -> "NEWROOT";
            case BTREE_VACUUM -> "VACUUM";
            case BTREE_NEW_PAGES -> "NEW_PAGES";
            default -> null;
        };
    }

    @Override
    public String describe(DecodedRecord r) {
        Kind k = WalIds.kindOf(r.rmgrId(), r.info());
        if (k == null) return "";
        byte[] d = r.mainData();
        return switch (k) {
            case BTREE_INSERT_LEAF, BTREE_INSERT_UPPER -> "off " + ((d[0] & 0xFF) | (d[1] & 0xFF) << 8);
            case BTREE_VACUUM -> "ndeleted " + d.length / 2;
            case BTREE_SPLIT, BTREE_NEWROOT, BTREE_NEW_PAGES -> "blocks " + r.blocks().size();
            default -> "";
        };
    }
}
