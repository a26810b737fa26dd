package org.pgmini.storage.heap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.walhook.WalHook;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A table that may have indexes: pruning leaves LP_DEAD stubs (never reused), VACUUM hands their
 * TIDs to the index cleanup before making them unused, and the index build visits every tuple.
 */
class HeapIndexVacuumTest {
    @TempDir Path dir;
    private Smgr smgr;
    private ProcArray procs;
    private BufferPool pool;
    private Heap heap;
    private final HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16401), "t",
            TupleDesc.of(new Attribute("id", AttributeType.INT4), new Attribute("v", AttributeType.TEXT)));

    @BeforeEach
    void setUp() {
        smgr = new Smgr(dir, 16);
        CommitLog clog = new CommitLog(ByteBufferRegion.allocate(CommitLog.requiredSize(8)), 0, 8, dir, SpinParkLWLock.INSTANCE, true);
        procs = new ProcArray(32, new TransactionIdAllocator(dir, clog), clog);
        pool = new BufferPool(ByteBufferRegion.allocate(BufferPool.requiredSize(64)), 0, 64, smgr, WalHook.NONE, true);
        heap = new Heap(pool, new HeapVisibility(clog, procs::isInProgress), procs);
        heap.create(rel);
    }

    @AfterEach
    void tearDown() { smgr.close(); }

    private SimpleTransaction begin() { return new SimpleTransaction(procs, procs.attach()); }

    private int itemFlags(ItemPointer tid) {
        int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, tid.block(), null);
        try {
            return pool.page(buf).itemFlags(tid.offset());
        } finally {
            pool.release(buf);
        }
    }

    @Test
    void prunedSlotsStayDeadUntilVacuumCleanedTheIndexes() {
        assertFalse(rel.noIndexes());
        SimpleTransaction w = begin();
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < 50; i++) tids.add(heap.insert(rel, new Object[] {i, "v0"}, w, 0));
        w.commit();
        procs.detach(w.proc());
        Set<ItemPointer> replaced = new HashSet<>();
        for (int n = 0; n < 3000; n++) {
            SimpleTransaction u = begin();
            int i = n % tids.size();
            HeapResult r = heap.update(rel, tids.get(i), new Object[] {i, "v" + n}, u, 0, WaitPolicy.BLOCK);
            assertTrue(r.ok());
            assertFalse(replaced.contains(r.newTid()), "a slot an index entry may still point at was reused: " + r.newTid());
            replaced.add(tids.get(i));
            tids.set(i, r.newTid());
            u.commit();
            procs.detach(u.proc());
        }
        long stubs = replaced.stream().filter(t -> itemFlags(t) == Page.LP_DEAD).count();
        assertTrue(stubs > 0, "opportunistic pruning left LP_DEAD stubs");
        List<SortedSet<ItemPointer>> handed = new ArrayList<>();
        VacuumResult v = heap.vacuum(rel, handed::add);
        assertEquals(50, v.liveTuples());
        assertEquals(1, handed.size());
        assertEquals(replaced, new HashSet<>(handed.get(0)), "every replaced version's TID goes to the index cleanup");
        for (ItemPointer t : replaced) assertEquals(Page.LP_UNUSED, itemFlags(t), "reclaimed after the cleanup: " + t);
        // the next VACUUM has nothing to hand over
        List<SortedSet<ItemPointer>> again = new ArrayList<>();
        heap.vacuum(rel, again::add);
        assertTrue(again.isEmpty());
    }

    @Test
    void indexBuildScanVisitsEveryTupleWithStorage() {
        SimpleTransaction w = begin();
        for (int i = 0; i < 10; i++) heap.insert(rel, new Object[] {i, "x"}, w, 0);
        w.abort();
        procs.detach(w.proc());
        SimpleTransaction c = begin();
        for (int i = 0; i < 5; i++) heap.insert(rel, new Object[] {i, "y"}, c, 0);
        c.commit();
        procs.detach(c.proc());
        List<ItemPointer> seen = new ArrayList<>();
        assertEquals(15, heap.scanAllTuples(rel, (page, base, len, block, off) -> seen.add(new ItemPointer(block, off))));
        assertEquals(15, seen.size());
    }
}
