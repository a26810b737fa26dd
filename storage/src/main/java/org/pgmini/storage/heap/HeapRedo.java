package org.pgmini.storage.heap;

import org.pgmini.storage.page.Page;
import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.xact.TransactionIds;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.pgmini.storage.tuple.HeapTupleHeader.HEAP_KEYS_UPDATED;

/**
 * Redo of heap page changes: applying a {@link PageChangeRecord} to the page as it was before the
 * change produces the page as it was after it (up to hint bits, which are not logged, and
 * pd_lsn/pd_checksum). The WAL's redo loop calls {@link #redo} for each block of a heap record
 * whose page LSN is older than the record (that check, and stamping the LSN, are the WAL's job).
 */
public final class HeapRedo {
    private HeapRedo() {}

    /**
     * Applies the part of {@code r} that concerns {@code r.blocks()[blockIndex]} to {@code page}.
     */
    public static void redo(PageChangeRecord r, int blockIndex, Page page) {
        ByteBuffer p = ByteBuffer.wrap(r.payload()).order(ByteOrder.LITTLE_ENDIAN);
        int block = r.blocks()[blockIndex];
        switch (r.kind()) {
            case HEAP_INIT_PAGE -> page.init(0);
            case HEAP_INSERT -> {
                int off = Short.toUnsignedInt(p.getShort(0));
                addTuple(page, block, off, r.payload(), 2, r.payload().length - 2);
            }
            case HEAP_MULTI_INSERT -> {
                int count = Short.toUnsignedInt(p.getShort(0));
                int at = 2;
                for (int k = 0; k < count; k++) {
                    int off = Short.toUnsignedInt(p.getShort(at));
                    int len = Short.toUnsignedInt(p.getShort(at + 2));
                    addTuple(page, block, off, r.payload(), at + 4, len);
                    at += 4 + len;
                }
            }
            case HEAP_DELETE -> {
                int off = Short.toUnsignedInt(p.getShort(0));
                setXmax(page, off, r.xid(), Short.toUnsignedInt(p.getShort(2)), p.getInt(4), true);
                advancePruneXid(page, r.xid());
            }
            case HEAP_LOCK -> {
                int off = Short.toUnsignedInt(p.getShort(0));
                ByteBuffer b = page.buffer();
                int base = page.itemPosition(off);
                HeapTupleHeader.setXmax(b, base, r.xid());
                HeapTupleHeader.setInfomask(b, base, Short.toUnsignedInt(p.getShort(2)));
            }
            case HEAP_UPDATE -> {
                int oldOff = Short.toUnsignedInt(p.getShort(0));
                int newOff = Short.toUnsignedInt(p.getShort(2));
                int newBlock = r.blocks()[r.blocks().length - 1];
                boolean samePage = r.blocks().length == 1;
                if (samePage || blockIndex == 1) addTuple(page, newBlock, newOff, r.payload(), 10, r.payload().length - 10);
                if (samePage || blockIndex == 0) {
                    setXmax(page, oldOff, r.xid(), Short.toUnsignedInt(p.getShort(4)), p.getInt(6), true);
                    HeapTupleHeader.setCtid(page.buffer(), page.itemPosition(oldOff), new ItemPointer(newBlock, newOff));
                    advancePruneXid(page, r.xid());
                }
            }
            case HEAP_VACUUM -> {
                for (int i = 4; i + 1 < r.payload().length; i += 2) {
                    int off = Short.toUnsignedInt(p.getShort(i));
                    if ((off & Heap.PRUNE_TO_DEAD) != 0) page.setItemDead(off & ~Heap.PRUNE_TO_DEAD);
                    else page.setItemUnused(off);
                }
                page.repairFragmentation();
                page.truncateLinePointerArray();
                page.setPruneXid(p.getInt(0));
            }
        }
    }

    private static void addTuple(Page page, int block, int off, byte[] payload, int from, int len) {
        byte[] tuple = java.util.Arrays.copyOfRange(payload, from, from + len);
        if (page.addItem(tuple, off, true) != off) {
            throw new IllegalStateException("heap redo: failed to add tuple at offset " + off + " of block " + Integer.toUnsignedString(block));
        }
        HeapTupleHeader.setCtid(page.buffer(), page.itemPosition(off), new ItemPointer(block, off));
    }

    private static void setXmax(Page page, int off, int xid, int infomask, int cid, boolean keysUpdated) {
        ByteBuffer b = page.buffer();
        int base = page.itemPosition(off);
        HeapTupleHeader.setXmax(b, base, xid);
        HeapTupleHeader.setInfomask(b, base, infomask);
        HeapTupleHeader.setRawCommandId(b, base, cid);
        if (keysUpdated) HeapTupleHeader.setInfomask2(b, base, HeapTupleHeader.infomask2(b, base) | HEAP_KEYS_UPDATED);
    }

    private static void advancePruneXid(Page page, int xid) {
        if (!TransactionIds.isValid(page.pruneXid()) || TransactionIds.precedes(xid, page.pruneXid())) page.setPruneXid(xid);
    }
}
