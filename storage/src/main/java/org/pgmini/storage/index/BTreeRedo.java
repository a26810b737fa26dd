package org.pgmini.storage.index;

import org.pgmini.storage.page.Page;
import org.pgmini.storage.walhook.PageChangeRecord;

/** Redo of B-tree page changes, for the WAL's Btree resource manager (formats on {@link BTreeWal}). */
public final class BTreeRedo {
    private BTreeRedo() {}

    /** Applies the part of {@code r} that concerns {@code r.blocks()[blockIndex]} to {@code page}. */
    public static void redo(PageChangeRecord r, int blockIndex, Page page) { BTreeWal.redo(r, blockIndex, page); }
}
