package org.pgmini.storage.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.mvcc.TmResult;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Updaters, an inserter/deleter, VACUUM and scanners run together on a pool much smaller than
 * the table, with the background writer on. Every scan must see each counter row exactly once
 * (never two versions, never none), and at the end the counters add up to the increments that
 * committed.
 */
class HeapStressTest {
    @TempDir Path dir;

    @Test
    void concurrentWorkloadKeepsMvccInvariants() throws Exception {
        StorageEngine.Config c = new StorageEngine.Config(16, 8, 32, 5, 50, 32);
        HeapRelation rel = new HeapRelation(new RelFileLocator(5, 17000), "s",
                TupleDesc.of(new Attribute("id", AttributeType.INT4), new Attribute("n", AttributeType.INT8), new Attribute("pad", AttributeType.TEXT)));
        int counters = 40;
        String pad = "p".repeat(300);
        try (StorageEngine e = StorageEngine.startPrivate(dir, c)) {
            Heap heap = e.heap();
            heap.create(rel);
            SimpleTransaction init = new SimpleTransaction(e.procArray(), e.procArray().attach());
            for (int i = 0; i < counters; i++) heap.insert(rel, new Object[] {i, 0L, pad}, init, 0);
            init.commit();

            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong committedIncrements = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int u = 0; u < 2; u++) {
                int seed = u;
                threads.add(new Thread(() -> run(failure, stop, () -> {
                    Random rnd = new Random(seed);
                    SimpleTransaction tx = new SimpleTransaction(e.procArray(), e.procArray().attach());
                    while (!stop.get()) {
                        int target = rnd.nextInt(counters);
                        ItemPointer tid = findCounter(heap, rel, tx, target);
                        assertNotNull(tid, "counter " + target + " missing");
                        while (true) {
                            HeapTuple cur = heap.fetchAny(rel, tid);
                            long n = (Long) cur.values(rel.desc())[1];
                            HeapResult r = heap.update(rel, tid, new Object[] {target, n + 1, pad}, tx, 0, WaitPolicy.BLOCK);
                            if (r.ok()) break;
                            assertEquals(TmResult.UPDATED, r.result());
                            tid = heap.fetchNextVersion(rel, r).self();
                        }
                        if (rnd.nextInt(5) == 0) {
                            tx.abort();
                        } else {
                            tx.commit();
                            committedIncrements.incrementAndGet();
                        }
                    }
                })));
            }
            threads.add(new Thread(() -> run(failure, stop, () -> {
                Random rnd = new Random(99);
                SimpleTransaction tx = new SimpleTransaction(e.procArray(), e.procArray().attach());
                List<ItemPointer> mine = new ArrayList<>();
                while (!stop.get()) {
                    for (int i = 0; i < 20; i++) mine.add(heap.insert(rel, new Object[] {1000 + rnd.nextInt(1000), 0L, pad}, tx, 0));
                    tx.commit();
                    while (mine.size() > 40) {
                        assertTrue(heap.delete(rel, mine.remove(0), tx, 0, WaitPolicy.BLOCK).ok());
                    }
                    tx.commit();
                }
            })));
            threads.add(new Thread(() -> run(failure, stop, () -> {
                while (!stop.get()) {
                    heap.vacuum(rel);
                    Thread.sleep(20);
                }
            })));
            threads.add(new Thread(() -> run(failure, stop, () -> {
                SimpleTransaction tx = new SimpleTransaction(e.procArray(), e.procArray().attach());
                while (!stop.get()) {
                    Snapshot snap = tx.snapshot();
                    Map<Integer, Integer> seen = new HashMap<>();
                    try (HeapScan s = heap.beginScan(rel, snap, tx)) {
                        while (s.hasNext()) {
                            int id = (Integer) s.next().values(rel.desc())[0];
                            if (id < counters) seen.merge(id, 1, Integer::sum);
                        }
                    }
                    e.procArray().resetXmin(tx.proc());
                    assertEquals(counters, seen.size(), "every counter row visible");
                    for (Map.Entry<Integer, Integer> en : seen.entrySet()) {
                        assertEquals(1, en.getValue(), "exactly one version of counter " + en.getKey());
                    }
                }
            })));
            for (Thread t : threads) t.start();
            Thread.sleep(2500);
            stop.set(true);
            for (Thread t : threads) t.join(30_000);
            if (failure.get() != null) throw new AssertionError(failure.get());

            SimpleTransaction check = new SimpleTransaction(e.procArray(), e.procArray().attach());
            long total = 0;
            try (HeapScan s = heap.beginScan(rel, check.snapshot(), check)) {
                while (s.hasNext()) {
                    Object[] v = s.next().values(rel.desc());
                    if ((Integer) v[0] < counters) total += (Long) v[1];
                }
            }
            assertTrue(committedIncrements.get() > 50, "the workload did something: " + committedIncrements.get());
            assertEquals(committedIncrements.get(), total, "committed increments, no more, no less");
            for (int b = 0; b < e.bufferPool().nbuffers(); b++) assertEquals(0, e.bufferPool().pinCount(b), "buffer " + b + " left pinned");
        }
    }

    private static ItemPointer findCounter(Heap heap, HeapRelation rel, SimpleTransaction tx, int id) {
        try (HeapScan s = heap.beginScan(rel, tx.snapshot(), tx)) {
            while (s.hasNext()) {
                HeapTuple t = s.next();
                if (t.values(rel.desc())[0].equals(id)) return t.self();
            }
        }
        return null;
    }

    private interface Body { void run() throws Exception; }

    private static void run(AtomicReference<Throwable> failure, AtomicBoolean stop, Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            stop.set(true);
        }
    }
}
