package org.pgmini.storage.walint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.wal.WalPmemMode;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Power loss in the middle of a workload of committed, aborted and still-running transactions
 * (with a checkpoint, VACUUM, and relation create/drop/truncate in between): after restart and
 * replay, a new snapshot sees exactly the committed rows; torn data pages are healed by their
 * full-page images; replaying the same WAL twice gives the same result.
 */
class CrashRecoveryTest {

    @ParameterizedTest
    @EnumSource(value = WalPmemMode.class, names = {"OFF", "MAPPED_SEGMENTS", "NVWAL"})
    @Timeout(120)
    void exactlyTheCommittedRowsSurvivePowerLoss(WalPmemMode mode) throws Exception {
        try (CrashCluster c = new CrashCluster(mode, 512)) {
            Random rnd = new Random(42 + mode.ordinal());
            Workload w = new Workload(16384);
            Workload dropped = new Workload(16390);
            Workload truncated = new Workload(16391);
            DurableStorage ds = c.start();
            ds.relationFiles().create(w.rel);
            for (int round = 0; round < 4; round++) {
                w.run(ds, rnd, 25);
                if (round == 0) {
                    ds.relationFiles().create(dropped.rel);
                    dropped.run(ds, rnd, 5);
                    ds.relationFiles().create(truncated.rel);
                    truncated.run(ds, rnd, 5);
                }
                ds.checkpoint();
                w.run(ds, rnd, 25);
                ds.engine().heap().vacuum(w.rel);
                w.run(ds, rnd, 10);
                if (round == 1) {
                    ds.relationFiles().drop(dropped.rel);
                    ds.relationFiles().truncate(truncated.rel);
                    truncated.committed.clear();
                    truncated.tids.clear();
                    truncated.run(ds, rnd, 5);
                }
                w.transaction(ds, rnd, Workload.Outcome.LEAVE_OPEN);
                w.transaction(ds, rnd, Workload.Outcome.LEAVE_OPEN);
                c.powerLoss(rnd);

                ds = c.start();
                assertTrue(ds.wal().recoveryResult().crashRecovery());
                assertTrue(ds.wal().recoveryResult().replayedRecords() > 0);
                assertEquals(w.committed, w.visible(ds), "round " + round);
                assertEquals(truncated.committed, truncated.visible(ds), "truncated table, round " + round);
                boolean droppedExists = ds.engine().smgr().exists(dropped.rel.locator(), ForkNumber.MAIN);
                assertEquals(round == 0, droppedExists, "dropped table's file");
                if (round == 0) assertEquals(dropped.committed, dropped.visible(ds));
            }
            assertTrue(w.commits > 50 && w.aborts > 5, "workload ran: " + w.commits + " commits, " + w.aborts + " aborts");
            assertTrue(c.tornWrites > 0, "some data page writes were torn");
            // clean restart keeps everything
            ds.shutdown();
            c.ds = null;
            ds = c.start();
            assertFalse(ds.wal().recoveryResult().crashRecovery());
            assertEquals(w.committed, w.visible(ds));
        }
    }

    @Test
    @Timeout(60)
    void replayingTheSameWalTwiceGivesTheSameRows() throws Exception {
        try (CrashCluster c = new CrashCluster(WalPmemMode.OFF, 512)) {
            Random rnd = new Random(7);
            Workload w = new Workload(16400);
            DurableStorage ds = c.start();
            ds.relationFiles().create(w.rel);
            w.run(ds, rnd, 20);
            ds.checkpoint();
            w.run(ds, rnd, 40);
            ds.engine().heap().vacuum(w.rel);
            w.run(ds, rnd, 10);
            w.transaction(ds, rnd, Workload.Outcome.LEAVE_OPEN);
            c.powerLoss(rnd);

            ds = c.start(false); // replay, but no end-of-recovery checkpoint
            long replayed = ds.wal().recoveryResult().replayedRecords();
            assertEquals(w.committed, w.visible(ds));
            ds.engine().bufferPool().flushAll(); // replayed pages (stamped with their LSNs) reach disk
            c.powerLoss(rnd);

            ds = c.start(); // the same WAL again, over pages that already contain it
            assertTrue(ds.wal().recoveryResult().replayedRecords() >= replayed);
            assertEquals(w.committed, w.visible(ds));
            w.run(ds, rnd, 10); // and the table is writable afterwards
            Map<Integer, Integer> expected = Map.copyOf(w.committed);
            c.powerLoss(rnd);
            ds = c.start();
            assertEquals(expected, w.visible(ds));
        }
    }

    @Test
    @Timeout(60)
    void abortedAndCrashedTransactionsAreAbortedInTheCommitLog() throws Exception {
        try (CrashCluster c = new CrashCluster(WalPmemMode.OFF, 64)) {
            Random rnd = new Random(3);
            Workload w = new Workload(16410);
            DurableStorage ds = c.start();
            ds.relationFiles().create(w.rel);
            w.run(ds, rnd, 10);
            var procs = ds.engine().procArray();
            var tx = new org.pgmini.storage.mvcc.SimpleTransaction(procs, procs.attach());
            ds.engine().heap().insert(w.rel, new Object[] {-1, -1, "crashed"}, tx, 0);
            int crashedXid = tx.topXid();
            ds.wal().flush(ds.wal().insertLsn()); // its insert is durable, its outcome never logged
            c.powerLoss(rnd);
            ds = c.start();
            assertEquals(org.pgmini.storage.xact.TransactionStatus.ABORTED, ds.engine().commitLog().status(crashedXid));
            assertTrue(Integer.compareUnsigned(ds.engine().transactionIds().peekNext(), crashedXid) > 0);
            assertEquals(w.committed, w.visible(ds));
        }
    }

    /** The negative control: without full-page images, the torn pages are found by their checksum during redo. */
    @Test
    @Timeout(60)
    void withoutFullPageWritesTornPagesBreakRecovery() throws Exception {
        try (CrashCluster c = new CrashCluster(WalPmemMode.OFF, 512, false)) {
            Random rnd = new Random(42);
            Workload w = new Workload(16420);
            DurableStorage ds = c.start();
            ds.relationFiles().create(w.rel);
            w.run(ds, rnd, 30);
            ds.checkpoint();
            w.run(ds, rnd, 40);
            int torn = 0;
            for (int i = 0; i < 5 && torn == 0; i++) {
                c.powerLoss(rnd);
                torn = c.tornWrites;
                if (torn == 0) { ds = c.start(); w.visible(ds); w.run(ds, rnd, 40); }
            }
            assertTrue(torn > 0);
            org.pgmini.error.PgException e = assertThrows(org.pgmini.error.PgException.class, c::start);
            assertTrue(String.valueOf(e.getMessage()).contains("invalid page"), e.getMessage());
        }
    }
}
