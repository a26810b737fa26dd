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
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.xact.LockMode.*;

@Timeout(60)
class LockManagerTest {
    @TempDir Path dataDir;
    StorageEngine engine;
    TransactionManager tm;
    Heap heap;
    final HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16384), "t",
            TupleDesc.of(new Attribute("id", AttributeType.INT4)));

    @BeforeEach
    void start() {
        engine = StorageEngine.startPrivate(dataDir, new StorageEngine.Config(64, 8, 10, 0, 100, 131072));
        tm = TransactionManager.forEngine(engine, CommitHook.NONE, 5);
        heap = engine.heap();
        heap.create(rel);
    }

    @AfterEach
    void stop() { engine.close(); }

    @Test
    void conflictTableMatchesPostgres() {
        String[] expected = {
                "00000001", "00000011", "00001111", "00011111", "00110111", "00111111", "01111111", "11111111"};
        for (LockMode a : LockMode.values()) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < LockMode.values().length; i++) row.append(a.conflictsWith(LockMode.values()[i]) ? '1' : '0');
            assertEquals(expected[a.ordinal()], row.toString(), a.displayName());
            for (LockMode b : LockMode.values()) assertEquals(a.conflictsWith(b), b.conflictsWith(a), "symmetric");
        }
    }

    @Test
    void compatibleLocksShareConflictingOnesWaitUntilCommit() throws Exception {
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach();
        Transaction ta = tm.begin(a, IsolationLevel.READ_COMMITTED);
        Transaction tb = tm.begin(b, IsolationLevel.READ_COMMITTED);
        ta.lockRelation(100, ROW_EXCLUSIVE);
        tb.lockRelation(100, ROW_EXCLUSIVE);
        assertFalse(tb.tryLockRelation(100, SHARE));
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> tb.lockRelation(100, SHARE_ROW_EXCLUSIVE));
        Thread.sleep(100);
        assertFalse(f.isDone());
        ta.commit();
        f.get(10, TimeUnit.SECONDS);
        assertTrue(tm.lockManager().holds(b, LockTag.relation(5, 100), SHARE_ROW_EXCLUSIVE));
        tb.commit();
        assertTrue(tm.lockManager().snapshot().isEmpty());
    }

    @Test
    void queuedExclusiveRequestBlocksLaterSharers() throws Exception {
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach(), c = engine.procArray().attach();
        Transaction ta = tm.begin(a, IsolationLevel.READ_COMMITTED);
        ta.lockRelation(7, ACCESS_SHARE);
        Transaction tb = tm.begin(b, IsolationLevel.READ_COMMITTED);
        CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> tb.lockRelation(7, ACCESS_EXCLUSIVE));
        Thread.sleep(100);
        Transaction tc = tm.begin(c, IsolationLevel.READ_COMMITTED);
        assertFalse(tc.tryLockRelation(7, ACCESS_SHARE), "AccessShare must queue behind the waiting AccessExclusive");
        ta.commit();
        fb.get(10, TimeUnit.SECONDS);
        tb.commit();
        assertTrue(tc.tryLockRelation(7, ACCESS_SHARE));
        tc.commit();
    }

    @Test
    void lockTimeout() {
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach();
        Transaction ta = tm.begin(a, IsolationLevel.READ_COMMITTED);
        ta.lockRelation(100, ACCESS_EXCLUSIVE);
        Transaction tb = tm.begin(b, IsolationLevel.READ_COMMITTED, new WaitOptions(1000, 150, CancelCheck.NONE));
        long t0 = System.nanoTime();
        PgException e = assertThrows(PgException.class, () -> tb.lockRelation(100, ACCESS_SHARE));
        assertEquals("55P03", e.sqlState());
        assertEquals("canceling statement due to lock timeout", e.getMessage());
        assertTrue(System.nanoTime() - t0 >= 140_000_000L);
        tb.abort();
        ta.commit();
    }

    @Test
    void cancelBreaksAWait() throws Exception {
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach();
        Transaction ta = tm.begin(a, IsolationLevel.READ_COMMITTED);
        ta.lockRelation(100, ACCESS_EXCLUSIVE);
        AtomicBoolean cancel = new AtomicBoolean();
        Transaction tb = tm.begin(b, IsolationLevel.READ_COMMITTED, new WaitOptions(60_000, 0, () -> {
            if (cancel.get()) throw new PgException("57014", "canceling statement due to user request");
        }));
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> tb.lockRelation(100, ACCESS_SHARE));
        Thread.sleep(100);
        cancel.set(true);
        Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
        assertEquals("57014", ((PgException) e.getCause()).sqlState());
        tb.abort();
        ta.commit();
    }

    @Test
    void subtransactionRollbackReleasesItsLocks() {
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach();
        Transaction ta = tm.begin(a, IsolationLevel.READ_COMMITTED);
        ta.lockRelation(1, ROW_EXCLUSIVE);
        ta.savepoint("s");
        ta.lockRelation(2, ACCESS_EXCLUSIVE);
        Transaction tb = tm.begin(b, IsolationLevel.READ_COMMITTED);
        assertFalse(tb.tryLockRelation(2, ACCESS_SHARE));
        ta.rollbackToSavepoint("s");
        assertTrue(tb.tryLockRelation(2, ACCESS_SHARE));
        assertFalse(tb.tryLockRelation(1, SHARE));
        tb.commit();
        ta.commit();
    }

    /**
     * A holds AccessExclusive on relation 100 and wants B's row; B holds the row (updated it) and
     * wants relation 100: a cycle through a table lock and a row (transaction) wait.
     */
    @Test
    void deadlockThroughTableLockAndRowLock() throws Exception {
        ItemPointer tid;
        {
            ProcArray.Proc p = engine.procArray().attach();
            Transaction t = tm.begin(p, IsolationLevel.READ_COMMITTED);
            tid = heap.insert(rel, new Object[] {1}, t, t.commandId());
            t.commit();
            engine.procArray().detach(p);
        }
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach();
        WaitOptions quick = new WaitOptions(100, 0, CancelCheck.NONE);
        Transaction ta = tm.begin(a, IsolationLevel.READ_COMMITTED, quick);
        Transaction tb = tm.begin(b, IsolationLevel.READ_COMMITTED, new WaitOptions(5000, 0, CancelCheck.NONE));
        ta.lockRelation(100, ACCESS_EXCLUSIVE);
        assertTrue(heap.update(rel, tid, new Object[] {2}, tb, tb.commandId(), WaitPolicy.BLOCK).ok());
        CountDownLatch bWaiting = new CountDownLatch(1);
        CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> {
            bWaiting.countDown();
            tb.lockRelation(100, ROW_EXCLUSIVE);   // waits for A's table lock
        });
        bWaiting.await();
        Thread.sleep(100);
        PgException e = assertThrows(PgException.class,
                () -> heap.update(rel, tid, new Object[] {3}, ta, ta.commandId(), WaitPolicy.BLOCK));
        assertEquals("40P01", e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        String detail = e.detail();
        assertTrue(detail.contains("Process " + a.pid() + " waits for ShareLock on transaction " + Integer.toUnsignedString(tb.topXid())
                + "; blocked by process " + b.pid() + "."), detail);
        assertTrue(detail.contains("Process " + b.pid() + " waits for RowExclusiveLock on relation 100 of database 5; blocked by process "
                + a.pid() + "."), detail);
        ta.abort();                               // the victim rolls back; B proceeds
        fb.get(10, TimeUnit.SECONDS);
        tb.commit();
    }

    @Test
    void tableLockDeadlock() throws Exception {
        ProcArray.Proc a = engine.procArray().attach(), b = engine.procArray().attach();
        Transaction ta = tm.begin(a, IsolationLevel.READ_COMMITTED, new WaitOptions(5000, 0, CancelCheck.NONE));
        Transaction tb = tm.begin(b, IsolationLevel.READ_COMMITTED, new WaitOptions(100, 0, CancelCheck.NONE));
        ta.lockRelation(1, ACCESS_EXCLUSIVE);
        tb.lockRelation(2, ACCESS_EXCLUSIVE);
        CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> ta.lockRelation(2, ACCESS_SHARE));
        Thread.sleep(100);
        PgException e = assertThrows(PgException.class, () -> tb.lockRelation(1, ACCESS_SHARE));
        assertEquals("40P01", e.sqlState());
        assertTrue(e.detail().contains("waits for AccessShareLock on relation 1 of database 5"), e.detail());
        tb.abort();
        fa.get(10, TimeUnit.SECONDS);
        ta.commit();
    }
}
