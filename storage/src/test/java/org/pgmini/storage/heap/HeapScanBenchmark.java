package org.pgmini.storage.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.mvcc.HeapVisibility;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.walhook.WalHook;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;

/**
 * Benchmark main (not a test): the serial scan's storage part alone. N rows of (x int4) through
 * Heap.insert into a pool that holds them all, then {@code Heap.scanVisible} over the whole table
 * summing x, R times; prints the best and median thread CPU time (less disturbed by other load
 * on a shared machine than wall time). With a third argument an index-build scan
 * ({@code scanAllTuples}) runs before each timed scan, as in a server that also builds indexes.
 * Usage: HeapScanBenchmark [rows] [repeats] [mixed].
 */
public final class HeapScanBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        boolean mixed = args.length > 2;
        Path dir = Files.createTempDirectory("heapscanbench");
        Smgr smgr = new Smgr(dir, 1024);
        try {
            CommitLog clog = new CommitLog(ByteBufferRegion.allocate(CommitLog.requiredSize(8)), 0, 8, dir, SpinParkLWLock.INSTANCE, true);
            ProcArray procs = new ProcArray(32, new TransactionIdAllocator(dir, clog), clog);
            int nbuffers = 16384;
            BufferPool pool = new BufferPool(ByteBufferRegion.allocate(BufferPool.requiredSize(nbuffers)), 0, nbuffers, smgr,
                    WalHook.NONE, true);
            Heap heap = new Heap(pool, new HeapVisibility(clog, procs::isInProgress), procs);
            HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16400), "t",
                    TupleDesc.of(new Attribute("x", AttributeType.INT4)), true);
            heap.create(rel);
            SimpleTransaction w = new SimpleTransaction(procs, procs.attach());
            for (int i = 0; i < n; i++) {
                heap.insert(rel, new Object[] {i}, w, 0);
            }
            w.commit();
            ProcArray.Proc reader = procs.attach();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] cpu = new long[repeats];
            long[] sum = {0};
            for (int r = 0; r < repeats; r++) {
                if (mixed) {
                    heap.scanAllTuples(rel, (page, base, len, block, off) -> sum[0] += len);
                }
                SimpleTransaction t = new SimpleTransaction(procs, reader);
                long c0 = mx.getCurrentThreadCpuTime();
                // the int4 value follows the 24-byte header of a tuple without nulls
                heap.scanVisible(rel, t.snapshot(), t, 0, heap.nblocks(rel), (page, base, len, block, off) -> sum[0] += page.getInt(base + 24));
                cpu[r] = mx.getCurrentThreadCpuTime() - c0;
                t.commit();
            }
            Arrays.sort(cpu);
            System.out.printf("scanVisible of %d rows%s: best %.2f ms, median %.2f ms thread CPU (checksum %d)%n", n,
                    mixed ? " (index-build scans between)" : "", cpu[0] / 1e6, cpu[repeats / 2] / 1e6, sum[0]);
        } finally {
            smgr.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
