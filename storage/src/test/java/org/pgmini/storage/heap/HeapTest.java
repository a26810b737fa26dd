package org.pgmini.storage.heap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.mvcc.HeapVisibility;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.mvcc.TmResult;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class HeapTest {
    @TempDir Path dir;

    private Smgr smgr;
    private CommitLog clog;
    private ProcArray procs;
    private BufferPool pool;
    private Heap heap;
    /** A table without indexes (pruning reuses dead slots at once; see HeapIndexVacuumTest for the other kind). */
    private final HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16400), "t",
            TupleDesc.of(new Attribute("id", AttributeType.INT4), new Attribute("v", AttributeType.TEXT)), true);

    private void start(int nbuffers) {
        smgr = new Smgr(dir, 16);
        clog = new CommitLog(ByteBufferRegion.allocate(CommitLog.requiredSize(8)), 0, 8, dir, SpinParkLWLock.INSTANCE, true);
        procs = new ProcArray(32, new TransactionIdAllocator(dir, clog), clog);
        pool = new BufferPool(ByteBufferRegion.allocate(BufferPool.requiredSize(nbuffers)), 0, nbuffers, smgr, WalHook.NONE, true);
        heap = new Heap(pool, new HeapVisibility(clog, procs::isInProgress), procs);
    }

    /** Clean shutdown: everything written and synced. */
    private void stop() {
        pool.flushAll();
        clog.checkpoint();
        smgr.close();
    }

    @BeforeEach
    void setUp() {
        start(64);
        heap.create(rel);
    }

    @AfterEach
    void tearDown() { smgr.close(); }

    private SimpleTransaction begin() { return new SimpleTransaction(procs, procs.attach()); }

    private Map<Integer, String> rows(Snapshot snap, SimpleTransaction tx) {
        Map<Integer, String> out = new HashMap<>();
        try (HeapScan scan = heap.beginScan(rel, snap, tx)) {
            while (scan.hasNext()) {
                Object[] v = scan.next().values(rel.desc());
                assertNull(out.put((Integer) v[0], (String) v[1]), "row " + v[0] + " seen twice");
            }
        }
        return out;
    }

    private Map<Integer, String> committedRows() {
        SimpleTransaction r = begin();
        try {
            return rows(r.snapshot(), r);
        } finally {
            r.commit();
            procs.detach(r.proc());
        }
    }

    private ItemPointer find(SimpleTransaction tx, int id) {
        try (HeapScan scan = heap.beginScan(rel, tx.snapshot(), tx)) {
            while (scan.hasNext()) {
                HeapTuple t = scan.next();
                if (t.values(rel.desc())[0].equals(id)) return t.self();
            }
        }
        return null;
    }

    @Test
    void insertIsVisibleAfterCommitOnly() {
        SimpleTransaction w = begin();
        for (int i = 0; i < 100; i++) heap.insert(rel, new Object[] {i, "v" + i}, w, w.commandId());
        assertEquals(0, rows(w.snapshot(), w).size(), "the inserting command does not see its rows");
        w.incrementCommandId();
        assertEquals(100, rows(w.snapshot(), w).size(), "later commands do");
        assertEquals(0, committedRows().size(), "others do not before commit");
        w.commit();
        Map<Integer, String> r = committedRows();
        assertEquals(100, r.size());
        assertEquals("v42", r.get(42));
    }

    @Test
    void abortedInsertIsInvisible() {
        SimpleTransaction w = begin();
        heap.insert(rel, new Object[] {1, "x"}, w, 0);
        w.abort();
        assertTrue(committedRows().isEmpty());
    }

    @Test
    void deleteAndUpdateWithSnapshots() {
        SimpleTransaction w = begin();
        for (int i = 0; i < 10; i++) heap.insert(rel, new Object[] {i, "v" + i}, w, 0);
        w.commit();

        SimpleTransaction rr = begin();
        Snapshot rrSnap = rr.snapshot(); // REPEATABLE READ: one snapshot for the transaction

        SimpleTransaction d = begin();
        assertTrue(heap.delete(rel, find(d, 3), d, 0, WaitPolicy.BLOCK).ok());
        HeapResult u = heap.update(rel, find(d, 4), new Object[] {4, "four"}, d, 0, WaitPolicy.BLOCK);
        assertTrue(u.ok());
        assertNotNull(u.newTid());
        HeapTuple old = heap.fetchAny(rel, u.ctid());
        assertEquals(u.newTid(), old.ctid(), "old version points at the new one");
        assertEquals(d.topXid(), old.xmax());
        d.commit();

        Map<Integer, String> now = committedRows();
        assertEquals(9, now.size());
        assertFalse(now.containsKey(3));
        assertEquals("four", now.get(4));
        Map<Integer, String> before = rows(rrSnap, rr);
        assertEquals(10, before.size(), "the old snapshot still sees the old versions");
        assertEquals("v4", before.get(4));
        rr.commit();
    }

    @Test
    void ownUpdatesWithinOneTransaction() {
        SimpleTransaction w = begin();
        ItemPointer tid = heap.insert(rel, new Object[] {1, "a"}, w, 0);
        w.incrementCommandId();
        HeapResult r1 = heap.update(rel, tid, new Object[] {1, "b"}, w, w.commandId(), WaitPolicy.BLOCK);
        assertTrue(r1.ok());
        // the same command cannot update the version it just replaced
        assertEquals(TmResult.SELF_MODIFIED, heap.update(rel, tid, new Object[] {1, "c"}, w, w.commandId(), WaitPolicy.BLOCK).result());
        assertEquals("a", rows(w.snapshot(), w).get(1), "command 1 still sees the version as of its start");
        w.incrementCommandId();
        assertEquals("b", rows(w.snapshot(), w).get(1));
        assertTrue(heap.delete(rel, r1.newTid(), w, w.commandId(), WaitPolicy.BLOCK).ok());
        w.incrementCommandId();
        assertTrue(rows(w.snapshot(), w).isEmpty());
        w.commit();
        assertTrue(committedRows().isEmpty());
    }

    @Test
    void concurrentUpdateWaitsSkipsOrFails() throws Exception {
        SimpleTransaction w = begin();
        ItemPointer tid = heap.insert(rel, new Object[] {1, "orig"}, w, 0);
        w.commit();

        SimpleTransaction t1 = begin();
        HeapResult r1 = heap.update(rel, tid, new Object[] {1, "t1"}, t1, 0, WaitPolicy.BLOCK);
        assertTrue(r1.ok());

        SimpleTransaction t2 = begin();
        PgException e = assertThrows(PgException.class, () -> heap.update(rel, tid, new Object[] {1, "t2"}, t2, 0, WaitPolicy.ERROR));
        assertEquals("55P03", e.sqlState());
        assertEquals("could not obtain lock on row in relation \"t\"", e.getMessage());
        assertEquals(TmResult.WOULD_BLOCK, heap.delete(rel, tid, t2, 0, WaitPolicy.SKIP).result());

        CompletableFuture<HeapResult> waiting = CompletableFuture.supplyAsync(
                () -> heap.update(rel, tid, new Object[] {1, "t2"}, t2, 0, WaitPolicy.BLOCK));
        Thread.sleep(100);
        assertFalse(waiting.isDone(), "t2 waits for t1");
        t1.commit();
        HeapResult r2 = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(TmResult.UPDATED, r2.result(), "t1 committed an update first");
        assertEquals(r1.newTid(), r2.ctid(), "the result points at t1's version");
        // READ COMMITTED: follow the chain and update the newest version
        HeapResult again = heap.update(rel, r2.ctid(), new Object[] {1, "t2"}, t2, 0, WaitPolicy.BLOCK);
        assertTrue(again.ok());
        t2.commit();
        assertEquals("t2", committedRows().get(1));
    }

    @Test
    void waiterProceedsWhenTheOtherAborts() throws Exception {
        SimpleTransaction w = begin();
        ItemPointer tid = heap.insert(rel, new Object[] {1, "orig"}, w, 0);
        w.commit();
        SimpleTransaction t1 = begin();
        assertTrue(heap.delete(rel, tid, t1, 0, WaitPolicy.BLOCK).ok());
        SimpleTransaction t2 = begin();
        CompletableFuture<HeapResult> waiting = CompletableFuture.supplyAsync(
                () -> heap.update(rel, tid, new Object[] {1, "t2"}, t2, 0, WaitPolicy.BLOCK));
        Thread.sleep(50);
        t1.abort();
        assertTrue(waiting.get(10, TimeUnit.SECONDS).ok());
        t2.commit();
        assertEquals(Map.of(1, "t2"), committedRows());
    }

    @Test
    void deadlockBetweenTwoUpdatersIsDetected() throws Exception {
        SimpleTransaction w = begin();
        ItemPointer a = heap.insert(rel, new Object[] {1, "a"}, w, 0);
        ItemPointer b = heap.insert(rel, new Object[] {2, "b"}, w, 0);
        w.commit();
        SimpleTransaction t1 = begin().withTimeouts(50, 0);
        SimpleTransaction t2 = begin().withTimeouts(10_000, 0); // t1 checks first: t1 is the victim
        assertTrue(heap.update(rel, a, new Object[] {1, "t1"}, t1, 0, WaitPolicy.BLOCK).ok());
        assertTrue(heap.update(rel, b, new Object[] {2, "t2"}, t2, 0, WaitPolicy.BLOCK).ok());
        CompletableFuture<HeapResult> t2waits = CompletableFuture.supplyAsync(
                () -> heap.update(rel, a, new Object[] {1, "t2"}, t2, 0, WaitPolicy.BLOCK));
        long deadline = System.currentTimeMillis() + 10_000;
        while (procs.waitingFor(t2.proc()) == 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        assertEquals(t1.topXid(), procs.waitingFor(t2.proc()), "t2 waits for t1");
        PgException e = assertThrows(PgException.class, () -> heap.update(rel, b, new Object[] {2, "t1"}, t1, 0, WaitPolicy.BLOCK));
        assertEquals("40P01", e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        assertEquals("Process " + t1.proc().pid() + " waits for ShareLock on transaction " + t2.topXid() + "; blocked by process "
                + t2.proc().pid() + ".\nProcess " + t2.proc().pid() + " waits for ShareLock on transaction " + t1.topXid()
                + "; blocked by process " + t1.proc().pid() + ".", e.detail());
        assertFalse(t2waits.isDone());
        t1.abort();
        HeapResult r = t2waits.get(10, TimeUnit.SECONDS);
        assertTrue(r.ok(), "the survivor proceeds once the victim rolled back");
        t2.commit();
        assertEquals(Map.of(1, "t2", 2, "t2"), committedRows());
    }

    @Test
    void lockTimeoutCancelsTheWait() {
        SimpleTransaction w = begin();
        ItemPointer a = heap.insert(rel, new Object[] {1, "a"}, w, 0);
        w.commit();
        SimpleTransaction t1 = begin();
        assertTrue(heap.lockTuple(rel, a, t1, 0, WaitPolicy.BLOCK, true).ok());
        SimpleTransaction t2 = begin().withTimeouts(1000, 100);
        long start = System.nanoTime();
        PgException e = assertThrows(PgException.class, () -> heap.delete(rel, a, t2, 0, WaitPolicy.BLOCK));
        assertEquals("55P03", e.sqlState());
        assertEquals("canceling statement due to lock timeout", e.getMessage());
        assertTrue(System.nanoTime() - start >= 100_000_000L);
        t2.abort();
        t1.commit();
    }

    @Test
    void rowLockBlocksWritersUntilCommit() throws Exception {
        SimpleTransaction w = begin();
        ItemPointer tid = heap.insert(rel, new Object[] {1, "orig"}, w, 0);
        w.commit();
        SimpleTransaction locker = begin();
        assertTrue(heap.lockTuple(rel, tid, locker, 0, WaitPolicy.BLOCK, true).ok());
        assertTrue(heap.lockTuple(rel, tid, locker, 0, WaitPolicy.BLOCK, true).ok(), "re-locking our own lock is fine");
        assertEquals(Map.of(1, "orig"), committedRows(), "a locked row stays visible");
        SimpleTransaction other = begin();
        assertEquals(TmResult.WOULD_BLOCK, heap.lockTuple(rel, tid, other, 0, WaitPolicy.SKIP, true).result());
        CompletableFuture<HeapResult> waiting = CompletableFuture.supplyAsync(() -> heap.delete(rel, tid, other, 0, WaitPolicy.BLOCK));
        Thread.sleep(50);
        assertFalse(waiting.isDone());
        // the locker may still update its locked row
        HeapResult up = heap.update(rel, tid, new Object[] {1, "locked-then-updated"}, locker, 1, WaitPolicy.BLOCK);
        assertTrue(up.ok());
        locker.commit();
        assertEquals(TmResult.UPDATED, waiting.get(10, TimeUnit.SECONDS).result());
        other.commit();
        assertThrows(PgException.class, () -> heap.lockTuple(rel, tid, begin(), 0, WaitPolicy.BLOCK, false));
    }

    @Test
    void updateMovesToAnotherPageWhenFull() {
        SimpleTransaction w = begin();
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; tids.isEmpty() || tids.get(tids.size() - 1).block() == 0; i++) {
            tids.add(heap.insert(rel, new Object[] {i, "x".repeat(200)}, w, 0));
        }
        w.commit();
        ItemPointer first = tids.get(0);
        SimpleTransaction u = begin();
        HeapResult r = heap.update(rel, first, new Object[] {0, "y".repeat(2000)}, u, 0, WaitPolicy.BLOCK);
        assertTrue(r.ok());
        assertNotEquals(0, r.newTid().block(), "full page: the new version goes elsewhere");
        u.commit();
        Map<Integer, String> all = committedRows();
        assertEquals(tids.size(), all.size());
        assertEquals("y".repeat(2000), all.get(0));
    }

    @Test
    void vacuumRemovesDeadRowsAndSpaceIsReused() {
        SimpleTransaction w = begin();
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) tids.add(heap.insert(rel, new Object[] {i, "row " + i}, w, 0));
        w.commit();
        int pages = heap.nblocks(rel);
        assertTrue(pages > 5);

        SimpleTransaction old = begin();
        Snapshot oldSnap = old.snapshot(); // holds back the horizon

        SimpleTransaction d = begin();
        for (int i = 0; i < 2000; i += 2) assertTrue(heap.delete(rel, tids.get(i), d, 0, WaitPolicy.BLOCK).ok());
        d.commit();
        SimpleTransaction aborted = begin();
        for (int i = 0; i < 50; i++) heap.insert(rel, new Object[] {10_000 + i, "gone"}, aborted, 0);
        aborted.abort();
        assertEquals(1000, heap.stats(rel).nDeadTup(), "deletes counted before vacuum");

        VacuumResult v1 = heap.vacuum(rel);
        assertEquals(50, v1.tuplesRemoved(), "only the aborted inserts can go while an old snapshot exists");
        assertEquals(1000, v1.deadTuples());
        assertEquals(1000, v1.liveTuples());
        assertEquals(2000, rows(oldSnap, old).size(), "the old snapshot still sees every row");
        old.commit();
        procs.resetXmin(old.proc());

        VacuumResult v2 = heap.vacuum(rel);
        assertEquals(1000, v2.tuplesRemoved());
        assertEquals(0, v2.deadTuples());
        assertEquals(1000, v2.liveTuples());
        assertEquals(0, heap.stats(rel).nDeadTup());
        assertNotNull(heap.stats(rel).lastVacuum());
        assertEquals(1000, committedRows().size());
        pages = heap.nblocks(rel);

        SimpleTransaction again = begin();
        for (int i = 0; i < 900; i++) heap.insert(rel, new Object[] {20_000 + i, "row " + i}, again, 0);
        again.commit();
        assertEquals(pages, heap.nblocks(rel), "inserts reused the freed space instead of extending");
        assertEquals(1900, committedRows().size());
    }

    @Test
    void tableFourTimesThePoolSurvivesRestart() {
        tearDown();
        start(16);
        SimpleTransaction w = begin();
        int n = 0;
        while (heap.nblocks(rel) < 4 * 16) {
            heap.insert(rel, new Object[] {n, "payload-" + n + "-" + "z".repeat(100)}, w, 0);
            n++;
        }
        w.commit();
        assertEquals(n, committedRows().size());
        SimpleTransaction d = begin();
        assertTrue(heap.delete(rel, find(d, 7), d, 0, WaitPolicy.BLOCK).ok());
        d.commit();
        stop();

        start(16);
        Map<Integer, String> after = committedRows();
        assertEquals(n - 1, after.size(), "rows and the delete persisted across a clean restart");
        assertFalse(after.containsKey(7));
        assertEquals("payload-5-" + "z".repeat(100), after.get(5));
        // new xids continue after the old ones: the old commits stay committed
        SimpleTransaction w2 = begin();
        heap.insert(rel, new Object[] {-1, "new"}, w2, 0);
        w2.commit();
        assertEquals(n, committedRows().size());
    }

    /** READ COMMITTED increments from several threads: waits + following the update chain lose nothing. */
    @Test
    void concurrentIncrementsLoseNoUpdate() throws Exception {
        SimpleTransaction w = begin();
        ItemPointer start = heap.insert(rel, new Object[] {1, "0"}, w, 0);
        heap.insert(rel, new Object[] {2, "other"}, w, 0);
        w.commit();
        int threads = 4, perThread = 150;
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(CompletableFuture.runAsync(() -> {
                SimpleTransaction tx = new SimpleTransaction(procs, procs.attach());
                for (int i = 0; i < perThread; i++) {
                    ItemPointer tid = find(tx, 1); // the statement's snapshot
                    while (true) {
                        HeapTuple cur = heap.fetchAny(rel, tid);
                        int value = Integer.parseInt((String) cur.values(rel.desc())[1]);
                        HeapResult r = heap.update(rel, tid, new Object[] {1, Integer.toString(value + 1)}, tx, 0, WaitPolicy.BLOCK);
                        if (r.ok()) break;
                        assertEquals(TmResult.UPDATED, r.result());
                        tid = r.ctid(); // re-evaluate on the newest version
                    }
                    tx.commit();
                    procs.resetXmin(tx.proc());
                }
            }));
        }
        for (CompletableFuture<Void> f : fs) f.get(60, TimeUnit.SECONDS);
        Map<Integer, String> r = committedRows();
        assertEquals(Integer.toString(threads * perThread), r.get(1));
        assertEquals("other", r.get(2));
        assertNotNull(start);
        VacuumResult v = heap.vacuum(rel);
        assertEquals(2, v.liveTuples(), "every old version is gone (pruned on the way or vacuumed) once nobody can see it");
        assertEquals(0, v.deadTuples());
    }

    @Test
    void updateHeavyTableStaysSmallWithoutVacuum() {
        SimpleTransaction w = begin();
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < 50; i++) tids.add(heap.insert(rel, new Object[] {i, "v0"}, w, 0));
        w.commit();
        Random rnd = new Random(3);
        for (int n = 0; n < 5000; n++) {
            SimpleTransaction u = begin();
            int i = rnd.nextInt(tids.size());
            HeapResult r = heap.update(rel, tids.get(i), new Object[] {i, "v" + n}, u, 0, WaitPolicy.BLOCK);
            assertTrue(r.ok());
            tids.set(i, r.newTid());
            u.commit();
            procs.detach(u.proc());
        }
        assertTrue(heap.nblocks(rel) <= 3, "pruning reused the space of dead versions: " + heap.nblocks(rel) + " blocks");
        assertEquals(50, committedRows().size());
        assertTrue(heap.stats(rel).nDeadTup() < 5000, "pruned tuples are no longer counted dead");
    }

    @Test
    void truncateEmptiesTheTable() {
        SimpleTransaction w = begin();
        for (int i = 0; i < 500; i++) heap.insert(rel, new Object[] {i, "r"}, w, 0);
        w.commit();
        heap.truncate(rel);
        assertEquals(0, heap.nblocks(rel));
        assertTrue(committedRows().isEmpty());
        SimpleTransaction w2 = begin();
        heap.insert(rel, new Object[] {1, "after"}, w2, 0);
        w2.commit();
        assertEquals(Map.of(1, "after"), committedRows());
        heap.drop(rel);
        assertFalse(smgr.exists(rel.locator(), org.pgmini.storage.smgr.ForkNumber.MAIN));
    }

    @Test
    void scanInPlaceSeesWhatTheCopyingScanSees() {
        SimpleTransaction w = begin();
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < 3000; i++) tids.add(heap.insert(rel, new Object[] {i, "v" + i}, w, 0));
        w.commit();
        SimpleTransaction d = begin();
        for (int i = 0; i < 3000; i += 3) heap.delete(rel, tids.get(i), d, 0, WaitPolicy.BLOCK);
        d.commit();
        SimpleTransaction r = begin();
        long[] sum = {0};
        Object[] slot = new Object[2];
        long n = heap.scanVisible(rel, r.snapshot(), r, 0, heap.nblocks(rel), (page, base, len, block, off) -> {
            org.pgmini.storage.tuple.TupleCodec.deform(rel.desc(), page, base, slot, 1);
            sum[0] += (Integer) slot[0];
        });
        long expected = 0;
        for (int i = 0; i < 3000; i++) if (i % 3 != 0) expected += i;
        assertEquals(2000, n);
        assertEquals(expected, sum[0]);
        assertEquals(2000, rows(r.snapshot(), r).size());
    }

    @Test
    void nextVersionIsCheckedAgainstTheUpdater() {
        SimpleTransaction w = begin();
        ItemPointer tid = heap.insert(rel, new Object[] {1, "a"}, w, 0);
        w.commit();
        SimpleTransaction t1 = begin();
        HeapResult up = heap.update(rel, tid, new Object[] {1, "b"}, t1, 0, WaitPolicy.BLOCK);
        t1.commit();
        SimpleTransaction t2 = begin();
        HeapResult failed = heap.delete(rel, tid, t2, 0, WaitPolicy.BLOCK);
        assertEquals(TmResult.UPDATED, failed.result());
        HeapTuple next = heap.fetchNextVersion(rel, failed);
        assertEquals(up.newTid(), next.self());
        assertEquals("b", next.values(rel.desc())[1]);
        HeapResult forged = new HeapResult(TmResult.UPDATED, failed.ctid(), failed.xmax() + 1, null);
        assertNull(heap.fetchNextVersion(rel, forged), "a slot holding another transaction's row is not the successor");
        t2.commit();
    }

    @Test
    void fetchHonoursTheSnapshot() {
        SimpleTransaction w = begin();
        ItemPointer tid = heap.insert(rel, new Object[] {1, "a"}, w, 0);
        SimpleTransaction r = begin();
        assertNull(heap.fetch(rel, tid, r.snapshot(), r));
        w.commit();
        assertEquals("a", heap.fetch(rel, tid, r.snapshot(), r).values(rel.desc())[1]);
        assertNull(heap.fetch(rel, new ItemPointer(0, 99), r.snapshot(), r));
        assertNull(heap.fetch(rel, new ItemPointer(1000, 1), r.snapshot(), r));
    }
}
