package org.pgmini.storage.mvcc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.tuple.HeapTupleHeader.*;

class VisibilityTest {
    @TempDir Path dir;
    private ProcArray procs;
    private HeapVisibility vis;

    private static final TupleDesc DESC = TupleDesc.of(new Attribute("a", AttributeType.INT4));
    private static final ItemPointer SELF = new ItemPointer(0, 1);

    @BeforeEach
    void setUp() {
        CommitLog clog = new CommitLog(ByteBufferRegion.allocate(CommitLog.requiredSize(4)), 0, 4, dir, SpinParkLWLock.INSTANCE, true);
        TransactionIdAllocator alloc = new TransactionIdAllocator(dir, clog);
        procs = new ProcArray(200, alloc, clog);
        vis = new HeapVisibility(clog, procs::isInProgress);
    }

    private enum X { COMMITTED, ABORTED, RUNNING, NONE }

    /** A transaction with an xid, ended as asked; {@code xid} stays readable after it ends. */
    private record T(SimpleTransaction txn, int xid) {
        int topXid() { return xid; }
        void commit() { txn.commit(); }
        ProcArray.Proc proc() { return txn.proc(); }
    }

    private T txn(X outcome) {
        SimpleTransaction t = new SimpleTransaction(procs, procs.attach());
        int xid = t.currentXid();
        if (outcome == X.COMMITTED) t.commit();
        if (outcome == X.ABORTED) t.abort();
        return new T(t, xid);
    }

    private static ByteBuffer tuple(int xmin, int xmax) {
        ByteBuffer b = ByteBuffer.wrap(TupleCodec.form(DESC, new Object[] {1})).order(ByteOrder.LITTLE_ENDIAN);
        HeapTupleHeader.setXmin(b, 0, xmin);
        HeapTupleHeader.setCtid(b, 0, SELF);
        if (xmax != 0) {
            HeapTupleHeader.setXmax(b, 0, xmax);
            HeapTupleHeader.setInfomask(b, 0, HeapTupleHeader.infomask(b, 0) & ~HEAP_XMAX_INVALID);
        }
        return b;
    }

    /** Visibility for a tuple with the given inserter and deleter outcomes, seen by a fresh observer. */
    @Test
    void matrixAgainstAFreshSnapshot() {
        X[] outcomes = {X.COMMITTED, X.ABORTED, X.RUNNING};
        for (X ins : outcomes) {
            for (X del : new X[] {X.NONE, X.COMMITTED, X.ABORTED, X.RUNNING}) {
                int xmin = txn(ins).topXid();
                int xmax = del == X.NONE ? 0 : txn(del).topXid();
                SimpleTransaction observer = new SimpleTransaction(procs, procs.attach());
                Snapshot snap = observer.snapshot();
                boolean expected = ins == X.COMMITTED && del != X.COMMITTED;
                for (int round = 0; round < 2; round++) { // second round runs on hint bits
                    ByteBuffer t = round == 0 ? tuple(xmin, xmax) : lastTuple;
                    assertEquals(expected, vis.satisfiesMvcc(t, 0, snap, observer, HintBitSetter.PLAIN),
                            "inserter " + ins + ", deleter " + del + ", round " + round);
                    lastTuple = t;
                }
                int im = HeapTupleHeader.infomask(lastTuple, 0);
                if (ins == X.COMMITTED) assertNotEquals(0, im & HEAP_XMIN_COMMITTED, "xmin committed hint");
                if (ins == X.ABORTED) assertNotEquals(0, im & HEAP_XMIN_INVALID, "xmin invalid hint");
                if (ins == X.RUNNING) assertEquals(0, im & (HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID), "no hint for a running xmin");
                if (ins == X.COMMITTED && del == X.COMMITTED) assertNotEquals(0, im & HEAP_XMAX_COMMITTED);
                if (ins == X.COMMITTED && del == X.ABORTED) assertNotEquals(0, im & HEAP_XMAX_INVALID);
                if (del == X.RUNNING) assertEquals(0, im & (HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID) & ~HEAP_XMAX_INVALID);
            }
        }
    }

    private ByteBuffer lastTuple;

    @Test
    void commitsAfterTheSnapshotStayInvisible() {
        T inserter = txn(X.RUNNING);
        SimpleTransaction observer = new SimpleTransaction(procs, procs.attach());
        Snapshot before = observer.snapshot();
        ByteBuffer t = tuple(inserter.topXid(), 0);
        inserter.commit();
        assertFalse(vis.satisfiesMvcc(t, 0, before, observer, HintBitSetter.PLAIN), "xmin in snapshot xip");
        assertEquals(0, HeapTupleHeader.infomask(t, 0) & (HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID), "no hint from a snapshot check");
        Snapshot after = new SimpleTransaction(procs, procs.attach()).snapshot();
        assertTrue(vis.satisfiesMvcc(t, 0, after, observer, HintBitSetter.PLAIN));
        // now with the xmin-committed hint set, the old snapshot must still not see it
        assertFalse(vis.satisfiesMvcc(t, 0, before, observer, HintBitSetter.PLAIN), "hint bits do not override the snapshot");

        // a later-started transaction that commits is beyond xmax of an old snapshot
        T late = txn(X.COMMITTED);
        ByteBuffer t2 = tuple(late.topXid(), 0);
        assertFalse(vis.satisfiesMvcc(t2, 0, before, observer, HintBitSetter.PLAIN), "xmin >= snapshot xmax");

        // a deletion that commits after the snapshot leaves the row visible to it
        T deleter = txn(X.RUNNING);
        Snapshot mid = observer.snapshot();
        ByteBuffer t3 = tuple(inserter.topXid(), deleter.topXid());
        deleter.commit();
        assertTrue(vis.satisfiesMvcc(t3, 0, mid, observer, HintBitSetter.PLAIN));
        assertFalse(vis.satisfiesMvcc(t3, 0, observer.snapshot(), observer, HintBitSetter.PLAIN));
    }

    @Test
    void ownChangesFollowCommandIds() {
        SimpleTransaction me = new SimpleTransaction(procs, procs.attach());
        int xid = me.currentXid();
        ByteBuffer t = tuple(xid, 0);
        HeapTupleHeader.setRawCommandId(t, 0, 0); // inserted by command 0
        assertFalse(vis.satisfiesMvcc(t, 0, me.snapshot(), me, HintBitSetter.PLAIN), "command 0 does not see its own insert");
        me.incrementCommandId();
        assertTrue(vis.satisfiesMvcc(t, 0, me.snapshot(), me, HintBitSetter.PLAIN));
        // command 1 deletes it: combo cid (cmin 0, cmax 1)
        int combo = me.comboCids().combine(0, 1);
        HeapTupleHeader.setXmax(t, 0, xid);
        HeapTupleHeader.setRawCommandId(t, 0, combo);
        HeapTupleHeader.setInfomask(t, 0, (HeapTupleHeader.infomask(t, 0) & ~HEAP_XMAX_INVALID) | HEAP_COMBOCID);
        assertTrue(vis.satisfiesMvcc(t, 0, me.snapshot(), me, HintBitSetter.PLAIN), "command 1 still sees the row it deletes");
        assertEquals(TmResult.SELF_MODIFIED, vis.satisfiesUpdate(t, 0, SELF, 1, me, HintBitSetter.PLAIN));
        me.incrementCommandId();
        assertFalse(vis.satisfiesMvcc(t, 0, me.snapshot(), me, HintBitSetter.PLAIN), "command 2 sees it deleted");
        assertEquals(TmResult.INVISIBLE, vis.satisfiesUpdate(t, 0, SELF, 2, me, HintBitSetter.PLAIN));
        SimpleTransaction other = new SimpleTransaction(procs, procs.attach());
        assertFalse(vis.satisfiesMvcc(t, 0, other.snapshot(), other, HintBitSetter.PLAIN), "others never see uncommitted rows");
    }

    @Test
    void rolledBackSubtransactionDeletionIsIgnored() {
        SimpleTransaction me = new SimpleTransaction(procs, procs.attach());
        int top = me.currentXid();
        ByteBuffer t = tuple(top, 0);
        me.incrementCommandId();
        me.beginSubTransaction();
        int sub = me.currentXid();
        assertNotEquals(top, sub);
        HeapTupleHeader.setXmax(t, 0, sub);
        HeapTupleHeader.setRawCommandId(t, 0, me.comboCids().combine(0, 1));
        HeapTupleHeader.setInfomask(t, 0, (HeapTupleHeader.infomask(t, 0) & ~HEAP_XMAX_INVALID) | HEAP_COMBOCID);
        me.incrementCommandId();
        assertFalse(vis.satisfiesMvcc(t, 0, me.snapshot(), me, HintBitSetter.PLAIN));
        me.rollbackSubTransaction();
        assertTrue(vis.satisfiesMvcc(t, 0, me.snapshot(), me, HintBitSetter.PLAIN), "the deleting subtransaction rolled back");
        me.commit();
    }

    @Test
    void subtransactionsOfRunningTransactionsAreInSnapshots() {
        SimpleTransaction other = new SimpleTransaction(procs, procs.attach());
        other.currentXid();
        other.beginSubTransaction();
        int sub = other.currentXid();
        other.releaseSubTransaction();
        SimpleTransaction obs = new SimpleTransaction(procs, procs.attach());
        Snapshot snap = obs.snapshot();
        assertTrue(snap.xidInSnapshot(sub));
        ByteBuffer t = tuple(sub, 0);
        assertFalse(vis.satisfiesMvcc(t, 0, snap, obs, HintBitSetter.PLAIN));
        other.commit();
        assertTrue(vis.satisfiesMvcc(t, 0, obs.snapshot(), obs, HintBitSetter.PLAIN), "subxact committed with its parent");
        assertEquals(snap.toString(), Snapshot.deserialize(snap.serialize()).toString());
    }

    @Test
    void updateChecksAndVacuumClassification() {
        T ins = txn(X.COMMITTED);
        T del = txn(X.RUNNING);
        SimpleTransaction me = new SimpleTransaction(procs, procs.attach());
        ByteBuffer t = tuple(ins.topXid(), del.topXid());
        assertEquals(TmResult.BEING_MODIFIED, vis.satisfiesUpdate(t, 0, SELF, 0, me, HintBitSetter.PLAIN));
        assertEquals(VacuumVisibility.DELETE_IN_PROGRESS, vis.satisfiesVacuum(t, 0, procs.oldestXmin(), HintBitSetter.PLAIN));
        // an old snapshot holds back the horizon
        SimpleTransaction reader = new SimpleTransaction(procs, procs.attach());
        reader.snapshot();
        del.commit();
        assertEquals(TmResult.DELETED, vis.satisfiesUpdate(t, 0, SELF, 0, me, HintBitSetter.PLAIN));
        ByteBuffer moved = tuple(ins.topXid(), del.topXid());
        HeapTupleHeader.setCtid(moved, 0, new ItemPointer(3, 4));
        assertEquals(TmResult.UPDATED, vis.satisfiesUpdate(moved, 0, SELF, 0, me, HintBitSetter.PLAIN));
        assertEquals(VacuumVisibility.RECENTLY_DEAD, vis.satisfiesVacuum(t, 0, procs.oldestXmin(), HintBitSetter.PLAIN));
        procs.resetXmin(reader.proc());
        assertEquals(VacuumVisibility.DEAD, vis.satisfiesVacuum(t, 0, procs.oldestXmin(), HintBitSetter.PLAIN));
        assertEquals(VacuumVisibility.DEAD, vis.satisfiesVacuum(tuple(txn(X.ABORTED).topXid(), 0), 0, procs.oldestXmin(), HintBitSetter.PLAIN));
        assertEquals(VacuumVisibility.INSERT_IN_PROGRESS, vis.satisfiesVacuum(tuple(txn(X.RUNNING).topXid(), 0), 0, procs.oldestXmin(), HintBitSetter.PLAIN));
        assertEquals(VacuumVisibility.LIVE, vis.satisfiesVacuum(tuple(ins.topXid(), txn(X.ABORTED).topXid()), 0, procs.oldestXmin(), HintBitSetter.PLAIN));
        // a row locked (not deleted) by a committed transaction is live and updatable
        ByteBuffer locked = tuple(ins.topXid(), txn(X.COMMITTED).topXid());
        HeapTupleHeader.setInfomask(locked, 0, HeapTupleHeader.infomask(locked, 0) | HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_EXCL_LOCK);
        assertEquals(TmResult.OK, vis.satisfiesUpdate(locked, 0, SELF, 0, me, HintBitSetter.PLAIN));
        assertTrue(vis.satisfiesMvcc(locked, 0, me.snapshot(), me, HintBitSetter.PLAIN));
    }

    @Test
    void waitForTransactionEndReturnsWhenItCommits() throws Exception {
        T other = txn(X.RUNNING);
        Thread t = new Thread(() -> {
            try { Thread.sleep(50); } catch (InterruptedException ignored) { }
            other.commit();
        });
        t.start();
        procs.waitForTransactionEnd(other.topXid());
        assertFalse(procs.isInProgress(other.topXid()));
        t.join();
    }
}
