package org.pgmini.storage.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.mvcc.HeapVisibility;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * Every logged heap change can be redone: replaying the records from empty pages rebuilds every
 * page exactly (masking what is not logged: LSN, checksum, page hint flags, tuple hint bits),
 * like PostgreSQL's wal_consistency_checking.
 */
class HeapRedoTest {
    @TempDir Path dir;

    @Test
    void replayingTheRecordsRebuildsEveryPage() {
        List<PageChangeRecord> log = new ArrayList<>();
        WalHook wal = new WalHook() {
            long lsn = 0;
            @Override public long log(PageChangeRecord r, Page[] pages) { log.add(r); return lsn += 8; }
            @Override public void flush(long upTo) { }
        };
        HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16600), "r",
                TupleDesc.of(new Attribute("id", AttributeType.INT4), new Attribute("v", AttributeType.TEXT)));
        try (Smgr smgr = new Smgr(dir, 16)) {
            CommitLog clog = new CommitLog(ByteBufferRegion.allocate(CommitLog.requiredSize(4)), 0, 4, dir, SpinParkLWLock.INSTANCE, true);
            ProcArray procs = new ProcArray(8, new TransactionIdAllocator(dir, clog), clog);
            BufferPool pool = new BufferPool(ByteBufferRegion.allocate(BufferPool.requiredSize(32)), 0, 32, smgr, wal, true);
            Heap heap = new Heap(pool, new HeapVisibility(clog, procs::isInProgress), procs);
            heap.create(rel);
            Random rnd = new Random(11);
            List<ItemPointer> live = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                SimpleTransaction tx = new SimpleTransaction(procs, procs.attach());
                List<ItemPointer> before = new ArrayList<>(live);
                for (int i = 0; i < 150; i++) {
                    live.add(heap.insert(rel, new Object[] {i, "x".repeat(rnd.nextInt(120))}, tx, tx.commandId()));
                }
                List<Object[]> batch = new ArrayList<>();
                for (int i = 150; i < 300; i++) batch.add(new Object[] {i, "z".repeat(rnd.nextInt(200))});
                live.addAll(List.of(heap.insertBatch(rel, batch, tx, tx.commandId())));
                tx.incrementCommandId();
                List<ItemPointer> newVersions = new ArrayList<>(); // invisible to the command that made them
                for (int i = 0; i < 120 && !live.isEmpty(); i++) {
                    ItemPointer tid = live.remove(rnd.nextInt(live.size()));
                    switch (rnd.nextInt(3)) {
                        case 0 -> assertTrue(heap.delete(rel, tid, tx, tx.commandId(), WaitPolicy.BLOCK).ok());
                        case 1 -> {
                            HeapResult r = heap.update(rel, tid, new Object[] {-i, "y".repeat(rnd.nextInt(3000))}, tx, tx.commandId(), WaitPolicy.BLOCK);
                            assertTrue(r.ok());
                            newVersions.add(r.newTid());
                        }
                        default -> {
                            assertTrue(heap.lockTuple(rel, tid, tx, tx.commandId(), WaitPolicy.BLOCK, true).ok());
                            live.add(tid);
                        }
                    }
                }
                live.addAll(newVersions);
                if (round % 3 == 2) {
                    tx.abort();
                    live = before;
                } else {
                    tx.commit();
                }
                procs.detach(tx.proc());
                if (round % 2 == 1) heap.vacuum(rel);
            }
            assertTrue(log.stream().anyMatch(r -> r.kind() == PageChangeRecord.Kind.HEAP_UPDATE && r.blocks().length == 2), "a cross-page update was logged");
            assertTrue(log.stream().anyMatch(r -> r.kind() == PageChangeRecord.Kind.HEAP_VACUUM));
            assertTrue(log.stream().anyMatch(r -> r.kind() == PageChangeRecord.Kind.HEAP_MULTI_INSERT));

            Map<Integer, Page> replayed = new HashMap<>();
            for (PageChangeRecord r : log) {
                for (int i = 0; i < r.blocks().length; i++) {
                    HeapRedo.redo(r, i, replayed.computeIfAbsent(r.blocks()[i], b -> Page.allocate()));
                }
            }
            int nblocks = heap.nblocks(rel);
            assertTrue(nblocks > 3);
            for (int block = 0; block < nblocks; block++) {
                int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, block, null);
                try {
                    Page actual = Page.allocate();
                    actual.buffer().put(0, pool.page(buf).buffer(), 0, BLCKSZ);
                    Page expected = replayed.getOrDefault(block, Page.allocate());
                    assertArrayEquals(masked(expected), masked(actual), "block " + block + " rebuilt by redo");
                    if (!actual.isNew()) assertTrue(actual.lsn() > 0, "changed pages carry their record's LSN");
                } finally {
                    pool.release(buf);
                }
            }
        }
    }

    /** The page bytes without what redo does not reproduce. */
    private static byte[] masked(Page page) {
        Page p = Page.allocate();
        p.buffer().put(0, page.buffer(), 0, BLCKSZ);
        p.setLsn(0);
        p.setChecksum(0);
        p.setFlags(p.flags() & ~(Page.PD_HAS_FREE_LINES | Page.PD_PAGE_FULL));
        p.setPruneXid(0); // a hint when set outside a logged prune, as PostgreSQL's heap_mask treats it
        if (!p.isNew()) {
            for (int off = 1; off <= p.maxOffsetNumber(); off++) {
                if (!p.itemIsNormal(off)) continue;
                int base = p.itemPosition(off);
                HeapTupleHeader.setInfomask(p.buffer(), base, HeapTupleHeader.infomask(p.buffer(), base) & ~HeapTupleHeader.HINT_BITS);
            }
        }
        byte[] out = new byte[BLCKSZ];
        p.buffer().get(0, out);
        return out;
    }
}
