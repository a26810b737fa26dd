package org.pgmini.storage.walhook;

import org.pgmini.storage.page.Page;

/**
 * Storage's whole dependence on the WAL, in two calls, so that the {@code wal} module can be
 * plugged in later without touching page code:
 *
 * <ul>
 * <li>{@link #log}: every change to a shared page ends in exactly one call, made while the
 *     changed buffers are still exclusively locked and already marked dirty; the returned LSN
 *     (end of the record) is stamped into each changed page's pd_lsn
 *     ({@code BufferPool.finishPageChange} is that one place).</li>
 * <li>{@link #flush}: WAL-before-data. Before a dirty page is written to its relation file,
 *     WAL is made durable up to the page's LSN.</li>
 * </ul>
 *
 * {@link #NONE} (the default until WAL lands) logs nothing and returns LSN 0, so pages keep
 * pd_lsn 0 and a crash may lose changes not yet written by a checkpoint.
 */
public interface WalHook {
    /**
     * Appends a record describing a page change already applied; returns the LSN to stamp
     * (0 = none). {@code pages} are the changed pages, in the order of {@code record.blocks()},
     * already modified and still exclusively locked, with their previous pd_lsn: the WAL copies
     * one as a full-page image when that LSN is older than the checkpoint's redo point
     * (full_page_writes); redo then restores the image instead of applying the record.
     */
    long log(PageChangeRecord record, Page[] pages);

    /** Returns once WAL up to {@code lsn} is durable (XLogFlush). */
    void flush(long lsn);

    /**
     * May a "committed" hint bit for {@code xid} be set now? Not while the transaction's commit
     * record may still be lost (asynchronous commit whose record is not flushed yet): a page
     * written with the hint would outlive the commit (SetHintBits' XLogNeedsFlush check).
     */
    default boolean commitHintAllowed(int xid) { return true; }

    WalHook NONE = new WalHook() {
        @Override public long log(PageChangeRecord record, Page[] pages) { return 0L; }
        @Override public void flush(long lsn) { }
    };
}
