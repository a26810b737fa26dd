package org.pgmini.storage.walint;

import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.wal.SynchronousCommit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transactions of inserts, updates and deletes on one table (id, v, pad) whose outcome the test
 * knows: {@link #committed} is what every later snapshot must see, whatever crashed.
 */
final class Workload {
    static final TupleDesc DESC = TupleDesc.of(new Attribute("id", AttributeType.INT4),
            new Attribute("v", AttributeType.INT4), new Attribute("pad", AttributeType.TEXT));

    final HeapRelation rel;
    final Map<Integer, Integer> committed = new HashMap<>();
    final Map<Integer, ItemPointer> tids = new HashMap<>();
    final List<SimpleTransaction> open = new ArrayList<>();
    /** Rows an open transaction changed: others would wait for it, so they are left alone. */
    final Set<Integer> touchedByOpen = new HashSet<>();
    int nextId = 1;
    int commits, aborts;

    Workload(int relNumber) {
        rel = new HeapRelation(new RelFileLocator(5, relNumber), "t" + relNumber, DESC);
    }

    enum Outcome { COMMIT, ABORT, LEAVE_OPEN }

    /** One transaction of 1..8 changes, each committed row touched at most once. */
    void transaction(DurableStorage ds, Random rnd, Outcome outcome) {
        Heap heap = ds.engine().heap();
        ProcArray procs = ds.engine().procArray();
        SimpleTransaction tx = new SimpleTransaction(procs, procs.attach());
        Map<Integer, Integer> newValues = new HashMap<>();
        Map<Integer, ItemPointer> newTids = new HashMap<>();
        Set<Integer> deleted = new HashSet<>();
        List<Integer> candidates = new ArrayList<>(committed.keySet());
        candidates.removeAll(touchedByOpen);
        int ops = 1 + rnd.nextInt(8);
        for (int i = 0; i < ops; i++) {
            int kind = candidates.isEmpty() ? 0 : rnd.nextInt(3);
            String pad = "p".repeat(rnd.nextInt(400));
            if (kind == 0 && rnd.nextInt(4) == 0) {
                // a multi-row insert (COPY's path): one HEAP_MULTI_INSERT record per page
                List<Object[]> batch = new ArrayList<>();
                for (int k = 2 + rnd.nextInt(40); k > 0; k--) {
                    batch.add(new Object[] {nextId++, rnd.nextInt(1_000_000), "m".repeat(rnd.nextInt(300))});
                }
                ItemPointer[] batchTids = heap.insertBatch(rel, batch, tx, tx.commandId());
                for (int k = 0; k < batch.size(); k++) {
                    newTids.put((Integer) batch.get(k)[0], batchTids[k]);
                    newValues.put((Integer) batch.get(k)[0], (Integer) batch.get(k)[1]);
                }
            } else if (kind == 0) {
                int id = nextId++;
                int v = rnd.nextInt(1_000_000);
                newTids.put(id, heap.insert(rel, new Object[] {id, v, pad}, tx, tx.commandId()));
                newValues.put(id, v);
            } else {
                int id = candidates.remove(rnd.nextInt(candidates.size()));
                if (kind == 1) {
                    int v = rnd.nextInt(1_000_000);
                    HeapResult r = heap.update(rel, tids.get(id), new Object[] {id, v, pad}, tx, tx.commandId(), WaitPolicy.BLOCK);
                    assertTrue(r.ok(), "update of " + id + ": " + r);
                    newValues.put(id, v);
                    newTids.put(id, r.newTid());
                } else {
                    HeapResult r = heap.delete(rel, tids.get(id), tx, tx.commandId(), WaitPolicy.BLOCK);
                    assertTrue(r.ok(), "delete of " + id + ": " + r);
                    deleted.add(id);
                }
            }
        }
        switch (outcome) {
            case COMMIT -> {
                ds.transactions().commit(tx, SynchronousCommit.ON);
                procs.detach(tx.proc());
                committed.putAll(newValues);
                tids.putAll(newTids);
                for (int id : deleted) { committed.remove(id); tids.remove(id); }
                commits++;
            }
            case ABORT -> {
                ds.transactions().abort(tx);
                procs.detach(tx.proc());
                aborts++;
            }
            case LEAVE_OPEN -> {
                open.add(tx);
                touchedByOpen.addAll(newValues.keySet());
                touchedByOpen.addAll(deleted);
            }
        }
    }

    void run(DurableStorage ds, Random rnd, int n) {
        for (int i = 0; i < n; i++) {
            int p = rnd.nextInt(10);
            transaction(ds, rnd, p < 8 ? Outcome.COMMIT : Outcome.ABORT);
        }
    }

    /** What a new snapshot sees: id -> v; also refreshes the TIDs (redo puts tuples back in place). */
    Map<Integer, Integer> visible(DurableStorage ds) {
        ProcArray procs = ds.engine().procArray();
        SimpleTransaction tx = new SimpleTransaction(procs, procs.attach());
        Map<Integer, Integer> seen = new HashMap<>();
        Map<Integer, ItemPointer> at = new HashMap<>();
        try (HeapScan scan = ds.engine().heap().beginScan(rel, tx.snapshot(), tx)) {
            while (scan.hasNext()) {
                HeapTuple t = scan.next();
                Object[] v = t.values(DESC);
                if (seen.put((Integer) v[0], (Integer) v[1]) != null) throw new AssertionError("id " + v[0] + " visible twice");
                at.put((Integer) v[0], t.self());
            }
        }
        tx.commit();
        procs.resetXmin(tx.proc());
        procs.detach(tx.proc());
        tids.clear();
        tids.putAll(at);
        open.clear();
        touchedByOpen.clear();
        return seen;
    }
}
