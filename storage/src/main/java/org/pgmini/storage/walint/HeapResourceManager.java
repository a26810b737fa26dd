package org.pgmini.storage.walint;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.heap.HeapRedo;
import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.PageChangeRecord.Kind;
import org.pgmini.wal.record.DecodedBlock;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.recovery.ResourceManager;
import org.pgmini.wal.recovery.RmgrIds;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Heap (10) and Heap2 (9) resource managers: redo of heap page changes through
 * {@link HeapRedo} (one instance per id). The record's main data is the
 * {@link PageChangeRecord} payload, its block references the changed blocks in the record's
 * order, its xid the changing transaction. Descriptions follow pg_waldump's heapdesc.c.
 */
public final class HeapResourceManager implements ResourceManager {
    private final int id;
    private final RedoPages pages;
    private final RecoveredTransactions xacts;

    /** @param pool null for a describe-only instance (waldump) */
    HeapResourceManager(int id, BufferPool pool, RecoveredTransactions xacts) {
        if (id != RmgrIds.HEAP && id != RmgrIds.HEAP2) throw new IllegalArgumentException("not a heap rmgr id: " + id);
        this.id = id;
        this.pages = pool == null ? null : new RedoPages(pool);
        this.xacts = xacts;
    }

    @Override public int id() { return id; }
    @Override public String name() { return id == RmgrIds.HEAP ? "Heap" : "Heap2"; }

    @Override
    public void redo(DecodedRecord r) {
        if (pages == null) throw new IllegalStateException("describe-only resource manager");
        PageChangeRecord change = toChange(r);
        xacts.sawChange(r.xid());
        pages.redo(r, (i, page) -> HeapRedo.redo(change, i, page));
    }

    static PageChangeRecord toChange(DecodedRecord r) {
        Kind kind = WalIds.kindOf(r.rmgrId(), r.info());
        if (kind == null) throw new IllegalStateException(String.format("heap redo: unknown op code %02X", r.info()));
        int[] blocks = new int[r.blocks().size()];
        for (int i = 0; i < blocks.length; i++) blocks[i] = r.blocks().get(i).blockNumber();
        DecodedBlock first = r.blocks().get(0);
        return new PageChangeRecord(kind, WalIds.toStorage(first.locator()), WalIds.toStorage(first.fork()),
                blocks, r.xid(), r.mainData());
    }

    @Override
    public String identify(int info) {
        Kind k = WalIds.kindOf(id, info);
        if (k == null) return null;
        return switch (k) {
            case HEAP_INSERT -> "INSERT";
            case HEAP_DELETE -> "DELETE";
            case HEAP_UPDATE -> "UPDATE";
            case HEAP_LOCK -> "LOCK";
            case HEAP_VACUUM -> "VACUUM";
            case HEAP_INIT_PAGE -> "NEW_PAGE";
            case HEAP_MULTI_INSERT -> "MULTI_INSERT";
            default -> null;
        };
    }

    @Override
    public String describe(DecodedRecord r) {
        Kind k = WalIds.kindOf(r.rmgrId(), r.info());
        if (k == null) return "";
        ByteBuffer p = ByteBuffer.wrap(r.mainData()).order(ByteOrder.LITTLE_ENDIAN);
        String xid = Integer.toUnsignedString(r.xid());
        return switch (k) {
            case HEAP_INSERT -> "off " + u16(p, 0) + " flags 0x00";
            case HEAP_DELETE -> "off " + u16(p, 0) + " flags 0x00 " + infobits(u16(p, 2), true);
            case HEAP_UPDATE -> "off " + u16(p, 0) + " xmax " + xid + " flags 0x00 " + infobits(u16(p, 4), true)
                    + "; new off " + u16(p, 2) + " xmax 0";
            case HEAP_LOCK -> "off " + u16(p, 0) + ": xid " + xid + ": flags 0x00 " + infobits(u16(p, 2), false);
            case HEAP_VACUUM -> "nunused " + Math.max(0, (r.mainData().length - 4) / 2);
            case HEAP_INIT_PAGE -> "";
            case HEAP_MULTI_INSERT -> u16(p, 0) + " tuples flags 0x00";
            default -> "";
        };
    }

    private static int u16(ByteBuffer p, int at) { return Short.toUnsignedInt(p.getShort(at)); }

    /** heapdesc.c's out_infobits, from the infomask the record sets (trailing space included). */
    private static String infobits(int infomask, boolean keysUpdated) {
        StringBuilder sb = new StringBuilder();
        if ((infomask & HeapTupleHeader.HEAP_XMAX_IS_MULTI) != 0) sb.append("IS_MULTI ");
        if ((infomask & HeapTupleHeader.HEAP_XMAX_LOCK_ONLY) != 0) sb.append("LOCK_ONLY ");
        if ((infomask & HeapTupleHeader.HEAP_XMAX_EXCL_LOCK) != 0) sb.append("EXCL_LOCK ");
        if ((infomask & HeapTupleHeader.HEAP_XMAX_KEYSHR_LOCK) != 0) sb.append("KEYSHR_LOCK ");
        if (keysUpdated) sb.append("KEYS_UPDATED ");
        return sb.toString().stripTrailing();
    }
}
