package org.pgmini.storage.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Inserter threads (random order, so splits happen everywhere, root splits included) against
 * scanner threads: every scan is strictly ordered, has no duplicates, and contains every entry
 * whose insert had finished before the scan began; ranges and backward scans too. A small
 * buffer pool makes pages get evicted and read back meanwhile.
 */
class BTreeConcurrencyTest {
    @TempDir Path dir;

    private static final int THREADS = 4, PER_THREAD = 30000, N = THREADS * PER_THREAD;

    @Test
    @Timeout(120)
    void concurrentInsertersAndScanners() throws Exception {
        try (IndexTestSupport s = new IndexTestSupport(dir, 200)) {
            IndexRelation idx = s.index(AttributeType.INT8, AttributeType.TEXT);
            AtomicIntegerArray done = new AtomicIntegerArray(N);
            AtomicBoolean inserting = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicLong scans = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                threads.add(new Thread(() -> {
                    try {
                        List<Integer> keys = new ArrayList<>();
                        for (int i = 0; i < PER_THREAD; i++) keys.add(i * THREADS + me);
                        Collections.shuffle(keys, new Random(me));
                        for (int k : keys) {
                            s.btree.insert(idx, new Object[] {(long) k, "payload " + "x".repeat(k % 40) + k}, new ItemPointer(k, 1));
                            done.set(k, 1);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (int sc = 0; sc < 2; sc++) {
                int me = sc;
                threads.add(new Thread(() -> {
                    Random rnd = new Random(100 + me);
                    try {
                        while (inserting.get() && errors.isEmpty()) {
                            int lo = rnd.nextInt(N), hi = rnd.nextBoolean() ? N : Math.min(N, lo + rnd.nextInt(5000));
                            boolean backward = rnd.nextBoolean();
                            boolean[] before = new boolean[N];
                            for (int k = lo; k < hi; k++) before[k] = done.get(k) == 1;
                            List<ScanKey> keys = List.of(new ScanKey(0, ScanKey.Op.GE, (long) lo), new ScanKey(0, ScanKey.Op.LT, (long) hi));
                            boolean[] seen = new boolean[N];
                            int prev = backward ? Integer.MAX_VALUE : -1;
                            try (IndexCursor c = s.btree.scan(idx, keys, backward)) {
                                for (ItemPointer tid = c.next(); tid != null; tid = c.next()) {
                                    int k = tid.block();
                                    if (k < lo || k >= hi) throw new AssertionError("key " + k + " outside [" + lo + ", " + hi + ")");
                                    if (backward ? k >= prev : k <= prev) throw new AssertionError("out of order: " + prev + " then " + k);
                                    prev = k;
                                    seen[k] = true;
                                }
                            }
                            for (int k = lo; k < hi; k++) {
                                if (before[k] && !seen[k]) throw new AssertionError("scan missed key " + k + (backward ? " (backward)" : ""));
                            }
                            int probe = rnd.nextInt(N);
                            boolean present = done.get(probe) == 1;
                            try (IndexCursor c = s.btree.scan(idx, List.of(new ScanKey(0, ScanKey.Op.EQ, (long) probe)), false)) {
                                ItemPointer found = c.next();
                                if (present && (found == null || found.block() != probe)) throw new AssertionError("lookup missed key " + probe);
                            }
                            scans.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (int t = 0; t < THREADS; t++) threads.get(t).join();
            inserting.set(false);
            for (Thread t : threads) t.join();
            if (!errors.isEmpty()) {
                AssertionError e = new AssertionError("concurrent failure", errors.peek());
                throw e;
            }
            assertTrue(scans.get() > 5, "scanners ran: " + scans.get());
            assertTrue(s.rootLevel(idx) >= 2, "several levels: " + s.rootLevel(idx));
            List<ItemPointer> all = IndexTestSupport.drain(s.btree.scan(idx, List.of(), false));
            assertEquals(N, all.size());
            for (int i = 0; i < N; i++) assertEquals(i, all.get(i).block());
        }
    }
}
