package org.pgmini.storage.xact;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class TransactionTest {
    @TempDir Path dataDir;
    StorageEngine engine;
    TransactionManager tm;
    Heap heap;
    final HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16384), "t",
            TupleDesc.of(new Attribute("id", AttributeType.INT4), new Attribute("n", AttributeType.INT8)));

    @BeforeEach
    void start() {
        engine = StorageEngine.startPrivate(dataDir, new StorageEngine.Config(128, 8, 10, 0, 100, 131072));
        tm = TransactionManager.forEngine(engine, CommitHook.NONE, 5);
        heap = engine.heap();
        heap.create(rel);
    }

    @AfterEach
    void stop() { engine.close(); }

    private List<Object[]> rows(Transaction tx) {
        List<Object[]> out = new ArrayList<>();
        try (HeapScan s = heap.beginScan(rel, tx.startStatement(), tx)) {
            while (s.hasNext()) out.add(s.next().values(rel.desc()));
        }
        return out;
    }

    private int count(ProcArray.Proc p) {
        Transaction tx = tm.begin(p, IsolationLevel.READ_COMMITTED);
        int n = rows(tx).size();
        tx.commit();
        return n;
    }

    @Test
    void readOnlyTransactionTakesNoXidAndCommitHookSeesWriters() {
        List<Integer> committed = new ArrayList<>();
        List<Integer> subAborted = new ArrayList<>();
        AtomicInteger statusUpdates = new AtomicInteger();
        tm = new TransactionManager(engine.procArray(), new LockManager(engine.procArray()), new CommitHook() {
            @Override public void beforeCommit(int xid, int[] subxids) { committed.add(xid); }
            @Override public void beforeAbort(int xid, int[] subxids) { }
            @Override public void beforeSubtransactionAbort(int[] xids) { subAborted.add(xids.length); }
            @Override public void statusUpdate(Runnable update) { statusUpdates.incrementAndGet(); update.run(); }
        }, new SharedInvalidation(), 5);
        ProcArray.Proc p = engine.procArray().attach();
        Transaction ro = tm.begin(p, IsolationLevel.READ_COMMITTED);
        rows(ro);
        assertEquals(0, ro.topXid());
        ro.commit();
        assertTrue(committed.isEmpty());
        Transaction w = tm.begin(p, IsolationLevel.READ_COMMITTED);
        heap.insert(rel, new Object[] {1, 1L}, w, w.commandId());
        int xid = w.topXid();
        assertNotEquals(0, xid);
        w.savepoint("s");
        heap.insert(rel, new Object[] {2, 1L}, w, w.commandId());
        w.rollbackToSavepoint("s");
        assertEquals(List.of(1), subAborted);
        w.commit();
        assertEquals(List.of(xid), committed);
        assertEquals(3, statusUpdates.get(), "read-only end, subtransaction abort, commit");
    }

    @Test
    void savepointsRollbackAndRelease() {
        ProcArray.Proc p = engine.procArray().attach();
        Transaction tx = tm.begin(p, IsolationLevel.READ_COMMITTED);
        heap.insert(rel, new Object[] {1, 0L}, tx, tx.commandId());
        tx.savepoint("a");
        heap.insert(rel, new Object[] {2, 0L}, tx, tx.commandId());
        tx.savepoint("b");
        heap.insert(rel, new Object[] {3, 0L}, tx, tx.commandId());
        tx.commandCounterIncrement();
        assertEquals(3, rows(tx).size());
        tx.rollbackToSavepoint("b");     // drops row 3, keeps savepoint b
        tx.commandCounterIncrement();
        assertEquals(2, rows(tx).size());
        heap.insert(rel, new Object[] {4, 0L}, tx, tx.commandId());
        tx.releaseSavepoint("a");        // rows 2 and 4 merge into the top level
        PgException e = assertThrows(PgException.class, () -> tx.rollbackToSavepoint("b"));
        assertEquals("3B001", e.sqlState());
        assertEquals("savepoint \"b\" does not exist", e.getMessage());
        tx.savepoint("c");
        heap.insert(rel, new Object[] {5, 0L}, tx, tx.commandId());
        tx.rollbackToSavepoint("c");
        tx.commit();
        ProcArray.Proc q = engine.procArray().attach();
        Transaction r = tm.begin(q, IsolationLevel.READ_COMMITTED);
        List<Integer> ids = rows(r).stream().map(v -> (Integer) v[0]).sorted().toList();
        assertEquals(List.of(1, 2, 4), ids);
        r.commit();
    }

    @Test
    void readCommittedSeesNewCommitsPerStatementRepeatableReadDoesNot() {
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach(), c = engine.procArray().attach();
        Transaction rc = tm.begin(a, IsolationLevel.READ_COMMITTED);
        Transaction rr = tm.begin(b, IsolationLevel.REPEATABLE_READ);
        assertEquals(0, rows(rc).size());
        assertEquals(0, rows(rr).size());
        Transaction w = tm.begin(c, IsolationLevel.READ_COMMITTED);
        heap.insert(rel, new Object[] {1, 0L}, w, w.commandId());
        w.commit();
        assertEquals(1, rows(rc).size());
        assertEquals(0, rows(rr).size());
        rr.commit();
        rc.commit();
        assertEquals(1, count(b));
    }

    private ItemPointer seedCounter() {
        ProcArray.Proc p = engine.procArray().attach();
        Transaction tx = tm.begin(p, IsolationLevel.READ_COMMITTED);
        ItemPointer tid = heap.insert(rel, new Object[] {1, 0L}, tx, tx.commandId());
        tx.commit();
        engine.procArray().detach(p);
        return tid;
    }

    private HeapTuple visibleCounter(Transaction tx) {
        try (HeapScan s = heap.beginScan(rel, tx.startStatement(), tx)) {
            return s.next();
        }
    }

    @Test
    void readCommittedIncrementsLoseNothing() throws Exception {
        seedCounter();
        int threads = 2, perThread = 1000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                ProcArray.Proc p = engine.procArray().attach();
                try {
                    for (int i = 0; i < perThread; i++) {
                        Transaction tx = tm.begin(p, IsolationLevel.READ_COMMITTED);
                        HeapTuple row = visibleCounter(tx);
                        HeapResult r = RowConflicts.update(tx, heap, rel, row,
                                v -> new Object[] {v[0], (Long) v[1] + 1}, WaitPolicy.BLOCK);
                        assertNotNull(r);
                        tx.commit();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        ProcArray.Proc p = engine.procArray().attach();
        Transaction r = tm.begin(p, IsolationLevel.READ_COMMITTED);
        List<Object[]> rs = rows(r);
        assertEquals(1, rs.size());
        assertEquals((long) threads * perThread, rs.get(0)[1]);
        r.commit();
    }

    @Test
    void repeatableReadUpdateOfConcurrentlyUpdatedRowFails40001() throws Exception {
        seedCounter();
        int threads = 2, perThread = 200;
        AtomicInteger committed = new AtomicInteger(), serializationFailures = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                ProcArray.Proc p = engine.procArray().attach();
                try {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        Transaction tx = tm.begin(p, IsolationLevel.REPEATABLE_READ);
                        try {
                            HeapTuple row = visibleCounter(tx);
                            RowConflicts.update(tx, heap, rel, row, v -> new Object[] {v[0], (Long) v[1] + 1}, WaitPolicy.BLOCK);
                            tx.commit();
                            committed.incrementAndGet();
                        } catch (PgException e) {
                            tx.abort();
                            if (!"40001".equals(e.sqlState())) throw e;
                            assertEquals("could not serialize access due to concurrent update", e.getMessage());
                            serializationFailures.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            ts.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : ts) th.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        ProcArray.Proc p = engine.procArray().attach();
        Transaction r = tm.begin(p, IsolationLevel.READ_COMMITTED);
        assertEquals((long) committed.get(), rows(r).get(0)[1], "every committed increment counted once");
        r.commit();
        assertEquals(threads * perThread, committed.get() + serializationFailures.get());
    }

    @Test
    void repeatableReadConflictIsDeterministic() {
        ItemPointer tid = seedCounter();
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach();
        Transaction rr = tm.begin(a, IsolationLevel.REPEATABLE_READ);
        HeapTuple old = visibleCounter(rr);
        Transaction w = tm.begin(b, IsolationLevel.READ_COMMITTED);
        assertTrue(heap.update(rel, tid, new Object[] {1, 5L}, w, w.commandId(), WaitPolicy.BLOCK).ok());
        w.commit();
        PgException e = assertThrows(PgException.class,
                () -> RowConflicts.update(rr, heap, rel, old, v -> new Object[] {v[0], (Long) v[1] + 1}, WaitPolicy.BLOCK));
        assertEquals("40001", e.sqlState());
        rr.abort();
        // READ COMMITTED with the same stale tuple follows the chain and re-evaluates on 5
        Transaction rc = tm.begin(a, IsolationLevel.READ_COMMITTED);
        HeapResult r = RowConflicts.update(rc, heap, rel, old, v -> new Object[] {v[0], (Long) v[1] + 1}, WaitPolicy.BLOCK);
        assertNotNull(r);
        rc.commit();
        Transaction check = tm.begin(a, IsolationLevel.READ_COMMITTED);
        assertEquals(6L, rows(check).get(0)[1]);
        check.commit();
    }

    @Test
    void snapshotCarriesCommandId() {
        ProcArray.Proc p = engine.procArray().attach();
        Transaction tx = tm.begin(p, IsolationLevel.REPEATABLE_READ);
        Snapshot s1 = tx.startStatement();
        heap.insert(rel, new Object[] {1, 0L}, tx, tx.commandId());
        assertEquals(0, rows(tx).size(), "same command does not see its own insert");
        tx.commandCounterIncrement();
        assertEquals(1, rows(tx).size());
        assertEquals(s1.xmin(), tx.snapshot().xmin());
        tx.abort();
        assertEquals(0, count(p));
    }
}
