package org.pgmini.storage.walint;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.page.Page;
import org.pgmini.wal.record.DecodedBlock;
import org.pgmini.wal.record.DecodedRecord;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * The block side of redo, shared by the page-changing resource managers: for each block of a
 * record, get it into a buffer, then either restore its full-page image or, if the page does not
 * already contain the change (page LSN below the record's end), apply the change; stamp the
 * record's end LSN and mark the buffer dirty. The buffers are written by the end-of-recovery
 * checkpoint (or earlier as victims: WAL being replayed is already durable).
 *
 * Idempotence: a page written after the change (pd_lsn ≥ the record's end) is left alone; an
 * image is restored whatever the page holds, and every later record of that page follows in the
 * replay, so the page ends the same either way.
 */
final class RedoPages {
    /** Applies the change of one block of the record to its page (exclusive lock held). */
    interface BlockRedo {
        void apply(int blockIndex, Page page);
    }

    private final BufferPool pool;

    RedoPages(BufferPool pool) { this.pool = pool; }

    void redo(DecodedRecord rec, BlockRedo change) {
        for (DecodedBlock b : rec.blocks()) {
            int buf = pool.readBufferForRedo(WalIds.toStorage(b.locator()), WalIds.toStorage(b.fork()), b.blockNumber(), b.hasImage());
            try {
                pool.lock(buf, true);
                try {
                    Page page = pool.page(buf);
                    if (b.hasImage()) {
                        byte[] img = new byte[BLCKSZ];
                        b.restoreImage(img);
                        page.buffer().put(0, img);
                    } else if (Long.compareUnsigned(page.lsn(), rec.endLsn()) >= 0) {
                        continue;
                    } else {
                        change.apply(b.blockId(), page);
                    }
                    page.setLsn(rec.endLsn());
                    pool.markDirty(buf);
                } finally {
                    pool.unlock(buf, true);
                }
            } finally {
                pool.release(buf);
            }
        }
    }
}
