package org.pgmini.storage.walint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.wal.Lsn;
import org.pgmini.wal.SynchronousCommit;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.dump.WalDump;
import org.pgmini.wal.recovery.ResourceManagerRegistry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/** What the WAL holds for storage's changes, WAL before data, and full-page writes racing a checkpoint. */
class WalLoggingTest {

    @Test
    @Timeout(60)
    void waldumpDescribesStorageRecordsLikePgWaldump() throws Exception {
        try (CrashCluster c = new CrashCluster(WalPmemMode.OFF, 64)) {
            DurableStorage ds = c.start();
            long start = ds.wal().insertLsn();
            Workload w = new Workload(16384);
            ds.relationFiles().create(w.rel);
            Heap heap = ds.engine().heap();
            ProcArray procs = ds.engine().procArray();
            SimpleTransaction tx = new SimpleTransaction(procs, procs.attach());
            ItemPointer a = heap.insert(w.rel, new Object[] {1, 10, "a"}, tx, 0);
            ItemPointer b = heap.insert(w.rel, new Object[] {2, 20, "b"}, tx, 0);
            ds.transactions().commit(tx, SynchronousCommit.ON);
            SimpleTransaction tx2 = new SimpleTransaction(procs, procs.attach());
            assertTrue(heap.update(w.rel, a, new Object[] {1, 11, "a"}, tx2, 0, WaitPolicy.BLOCK).ok());
            assertTrue(heap.delete(w.rel, b, tx2, 0, WaitPolicy.BLOCK).ok());
            ds.transactions().abort(tx2);
            ds.relationFiles().truncate(w.rel);
            ds.shutdown();
            c.ds = null;

            ResourceManagerRegistry reg = new ResourceManagerRegistry();
            StorageResourceManagers.registerForDump(reg);
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int rc = WalDump.run(new String[] {"-p", c.data.resolve("pg_wal").toString(), "-s", Lsn.format(start)}, reg,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String dump = out.toString(StandardCharsets.UTF_8);
            assertTrue(rc == 0 || err.toString(StandardCharsets.UTF_8).contains("invalid record length")
                    || err.toString(StandardCharsets.UTF_8).contains("error in WAL record"), err.toString(StandardCharsets.UTF_8));
            List<String> lines = dump.lines().toList();
            if (Boolean.getBoolean("pgmini.printDump")) System.out.println(dump);
            assertLine(lines, "rmgr: Storage", "desc: CREATE base/5/16384");
            assertLine(lines, "rmgr: Heap2", "desc: NEW_PAGE , blkref #0: rel 1663/5/16384 blk 0 FPW");
            assertLine(lines, "rmgr: Heap ", "desc: INSERT off 1 flags 0x00, blkref #0: rel 1663/5/16384 blk 0");
            assertLine(lines, "rmgr: Heap ", "desc: INSERT off 2 flags 0x00, blkref #0: rel 1663/5/16384 blk 0");
            assertLine(lines, "rmgr: Transaction", "desc: COMMIT 20");
            assertLine(lines, "rmgr: Heap ", "desc: UPDATE off 1 xmax ", " flags 0x00 KEYS_UPDATED; new off 3 xmax 0, blkref #0: rel 1663/5/16384 blk 0");
            assertLine(lines, "rmgr: Heap ", "desc: DELETE off 2 flags 0x00 KEYS_UPDATED, blkref #0: rel 1663/5/16384 blk 0");
            assertLine(lines, "rmgr: Transaction", "desc: ABORT 20");
            assertLine(lines, "rmgr: Storage", "desc: TRUNCATE base/5/16384 to 0 blocks flags 7");
        }
    }

    private static void assertLine(List<String> lines, String... parts) {
        for (String l : lines) {
            boolean all = true;
            for (String p : parts) all &= l.contains(p);
            if (all) return;
        }
        fail("no line with " + List.of(parts) + " in\n" + String.join("\n", lines));
    }

    /**
     * With synchronous_commit off and a walwriter that sleeps, WAL is flushed only because pages
     * are written: every page on disk must have its LSN at or below the flushed WAL.
     */
    @Test
    @Timeout(60)
    void pagesReachDiskOnlyAfterTheirWal() throws Exception {
        try (CrashCluster c = new CrashCluster(WalPmemMode.OFF, 16)) {
            DurableStorage ds = c.start();
            Workload w = new Workload(16500);
            ds.relationFiles().create(w.rel);
            Heap heap = ds.engine().heap();
            ProcArray procs = ds.engine().procArray();
            Random rnd = new Random(5);
            for (int t = 0; t < 60; t++) {
                SimpleTransaction tx = new SimpleTransaction(procs, procs.attach());
                for (int i = 0; i < 20; i++) heap.insert(w.rel, new Object[] {t * 100 + i, i, "x".repeat(rnd.nextInt(300))}, tx, 0);
                ds.transactions().commit(tx, SynchronousCommit.OFF);
                procs.detach(tx.proc());
                checkOnDiskLsns(c, w, ds.wal().flushLsn());
            }
            assertTrue(ds.engine().bufferPool().stats().writes() > 0, "the small pool evicted dirty pages");
        }
    }

    private static void checkOnDiskLsns(CrashCluster c, Workload w, long flushed) throws Exception {
        Path f = c.data.resolve(w.rel.locator().relativePath(org.pgmini.storage.smgr.ForkNumber.MAIN));
        byte[] all = Files.readAllBytes(f);
        for (int off = 0; off + BLCKSZ <= all.length; off += BLCKSZ) {
            long lsn = ByteBuffer.wrap(all, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertTrue(Long.compareUnsigned(lsn, flushed) <= 0,
                    "block " + off / BLCKSZ + " on disk has LSN " + Lsn.format(lsn) + " beyond flushed " + Lsn.format(flushed));
        }
    }

    /**
     * Checkpoints run while a writer changes pages: a change logged without an image whose page
     * then falls behind the moved redo pointer must be logged again with one (the retry), so a
     * crash after the checkpoint with torn pages still recovers.
     */
    @Test
    @Timeout(90)
    void fullPageWritesStayCorrectWhileCheckpointsRun() throws Exception {
        try (CrashCluster c = new CrashCluster(WalPmemMode.OFF, 512)) {
            DurableStorage ds = c.start();
            Workload w = new Workload(16600);
            ds.relationFiles().create(w.rel);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            DurableStorage running = ds;
            Thread checkpointer = new Thread(() -> {
                try {
                    while (!stop.get()) { running.checkpoint(); Thread.sleep(2); }
                } catch (Throwable t) { failure.set(t); }
            });
            checkpointer.start();
            Random rnd = new Random(9);
            try {
                w.run(ds, rnd, 150);
            } finally {
                stop.set(true);
                checkpointer.join();
            }
            assertNull(failure.get());
            w.transaction(ds, rnd, Workload.Outcome.LEAVE_OPEN);
            c.powerLoss(rnd);
            ds = c.start();
            assertEquals(w.committed, w.visible(ds));
        }
    }

    /** synchronous_commit = off: no XMIN_COMMITTED hint on a page before the commit record is flushed. */
    @Test
    @Timeout(60)
    void commitHintsWaitForTheCommitRecordOfAnAsynchronousCommit() throws Exception {
        try (CrashCluster c = new CrashCluster(WalPmemMode.OFF, 64)) {
            DurableStorage ds = c.start();
            Workload w = new Workload(16700);
            ds.relationFiles().create(w.rel);
            ProcArray procs = ds.engine().procArray();
            SimpleTransaction tx = new SimpleTransaction(procs, procs.attach());
            ItemPointer tid = ds.engine().heap().insert(w.rel, new Object[] {1, 1, "x"}, tx, 0);
            ds.transactions().commit(tx, SynchronousCommit.OFF);
            assertEquals(Map.of(1, 1), w.visible(ds)); // committed and visible, but its record is not durable yet
            assertEquals(0, xminInfomask(ds, w, tid) & org.pgmini.storage.tuple.HeapTupleHeader.HEAP_XMIN_COMMITTED);
            ds.wal().flush(ds.wal().insertLsn());
            assertEquals(Map.of(1, 1), w.visible(ds));
            assertNotEquals(0, xminInfomask(ds, w, tid) & org.pgmini.storage.tuple.HeapTupleHeader.HEAP_XMIN_COMMITTED);
        }
    }

    private static int xminInfomask(DurableStorage ds, Workload w, ItemPointer tid) {
        var pool = ds.engine().bufferPool();
        int buf = pool.readBuffer(w.rel.locator(), org.pgmini.storage.smgr.ForkNumber.MAIN, tid.block(), null);
        try {
            var page = pool.page(buf);
            return org.pgmini.storage.tuple.HeapTupleHeader.infomask(page.buffer(), page.itemPosition(tid.offset()));
        } finally {
            pool.release(buf);
        }
    }
}
