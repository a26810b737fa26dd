package org.pgmini.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.ParallelBlockAllocator;
import org.pgmini.storage.mvcc.ComboCids;
import org.pgmini.storage.mvcc.ParallelTransactionView;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.mvcc.TransactionView;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.StorageConstants;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.walhook.WalHook;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A "worker" attachment (same region, own Smgr) scans what the engine wrote, with the leader's
 * serialized snapshot and transaction view: committed rows and the leader's own earlier rows
 * are seen, another transaction's uncommitted rows and the leader's later commands are not, and
 * the worker never dirties a buffer.
 */
class WorkerStorageTest {
    @TempDir Path dir;
    private StorageEngine engine;
    private final StorageEngine.Config config = new StorageEngine.Config(64, 8, 16, 0, 0, StorageConstants.DEFAULT_BLOCKS_PER_SEGMENT);
    private final HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16600), "t",
            TupleDesc.of(new Attribute("a", AttributeType.INT4), new Attribute("pad", AttributeType.TEXT)));

    @AfterEach
    void tearDown() { if (engine != null) engine.close(); }

    private SimpleTransaction begin() { return new SimpleTransaction(engine.procArray(), engine.procArray().attach()); }

    private void insert(SimpleTransaction tx, int from, int to) {
        for (int i = from; i <= to; i++) engine.heap().insert(rel, new Object[] {i, "x".repeat(100)}, tx, tx.commandId());
    }

    private static long[] countAndSum(WorkerStorage ws, HeapRelation rel, Snapshot snap, TransactionView view,
                                      ParallelBlockAllocator alloc) {
        long[] acc = new long[2];
        Object[] slot = new Object[1];
        for (long r; (r = alloc.next()) != -1; ) {
            ws.scanVisible(rel, snap, view, ParallelBlockAllocator.start(r), ParallelBlockAllocator.end(r),
                    (page, base, len, block, off) -> {
                        TupleCodec.deform(rel.desc(), page, base, slot, 1);
                        acc[0]++;
                        acc[1] += (Integer) slot[0];
                    });
        }
        return acc;
    }

    @Test
    void workerSeesWhatTheLeaderSees() {
        ByteBufferRegion region = ByteBufferRegion.allocate(StorageEngine.requiredSize(config));
        engine = StorageEngine.start(dir, region, 0, config, WalHook.NONE);
        engine.heap().create(rel);
        SimpleTransaction setup = begin();
        insert(setup, 1, 2000);
        setup.commit();

        SimpleTransaction other = begin();   // concurrent, never commits while we scan
        insert(other, 100_001, 100_500);
        SimpleTransaction leader = begin();
        insert(leader, 10_001, 10_300);       // command 0: seen by the leader's later command
        leader.incrementCommandId();
        Snapshot snap = leader.snapshot();    // curcid 1
        insert(leader, 20_001, 20_010);       // command 1: not seen by a snapshot with curcid 1

        // what goes through the DSM segment
        byte[] snapBytes = snap.serialize();
        byte[] viewBytes = new ParallelTransactionView(new int[] {leader.topXid()}, leader.comboCids()).toBytes();
        // dirty buffers from the inserts: the worker must still read through the pool without writing
        long writesBefore = engine.bufferPool().stats().writes();

        int nblocks = engine.heap().nblocks(rel);
        ByteBufferRegion allocRegion = ByteBufferRegion.allocate(8192);
        ParallelBlockAllocator.initialize(allocRegion, 0, nblocks, 2);
        try (WorkerStorage ws = WorkerStorage.attach(dir, region, 0)) {
            long[] worker = countAndSum(ws, rel, Snapshot.deserialize(snapBytes),
                    ParallelTransactionView.fromBytes(viewBytes), ParallelBlockAllocator.attach(allocRegion, 0));
            long expectCount = 2000 + 300;
            long expectSum = 2000L * 2001 / 2 + (10_001L + 10_300) * 300 / 2;
            assertEquals(expectCount, worker[0]);
            assertEquals(expectSum, worker[1]);
            assertEquals(0, ws.bufferPool().stats().writes(), "a worker never writes a page");

            // the serial scan by the leader agrees
            long[] serial = new long[2];
            Object[] slot = new Object[1];
            engine.heap().scanVisible(rel, snap, leader, 0, nblocks, (page, base, len, block, off) -> {
                TupleCodec.deform(rel.desc(), page, base, slot, 1);
                serial[0]++;
                serial[1] += (Integer) slot[0];
            });
            assertArrayEquals(serial, worker);

            // after the other transaction commits, a new snapshot (no view of ours) sees it too
            other.commit();
            leader.commit();
            SimpleTransaction later = begin();
            ParallelBlockAllocator.initialize(allocRegion, 0, nblocks, 1);
            long[] after = countAndSum(ws, rel, Snapshot.deserialize(later.snapshot().serialize()),
                    TransactionView.NONE, ParallelBlockAllocator.attach(allocRegion, 0));
            assertEquals(2000 + 500 + 300 + 10, after[0]);
            later.commit();
        }
        assertEquals(writesBefore, engine.bufferPool().stats().writes());
    }

    @Test
    void transactionViewRoundTripsComboCids() {
        ComboCids c = new ComboCids();
        assertEquals(0, c.combine(3, 7));
        assertEquals(1, c.combine(4, 9));
        ParallelTransactionView v = ParallelTransactionView.fromBytes(
                new ParallelTransactionView(new int[] {900, 12, 15}, c).toBytes());
        assertArrayEquals(new int[] {12, 15, 900}, v.currentXids());
        assertTrue(v.isCurrentTransactionId(15));
        assertFalse(v.isCurrentTransactionId(13));
        assertFalse(v.isCurrentTransactionId(0));
        assertEquals(2, v.comboCids().size());
        assertEquals(4, v.comboCids().cmin(1));
        assertEquals(9, v.comboCids().cmax(1));
    }
}
