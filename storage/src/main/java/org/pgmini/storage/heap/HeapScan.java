package org.pgmini.storage.heap;

import org.pgmini.storage.buffer.BufferAccessStrategy;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.mvcc.TransactionView;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A sequential scan: block by block, it copies the tuples the snapshot sees from one page
 * (holding the page's shared lock only while copying), then returns them one by one. Blocks
 * added after the scan started are not visited (their rows are invisible to its snapshot anyway).
 * Uses a bulk-read ring when the table is large compared with the pool.
 */
public final class HeapScan implements Iterator<HeapTuple>, AutoCloseable {
    private final Heap heap;
    private final HeapRelation rel;
    private final Snapshot snap;
    private final TransactionView tx;
    private final int endBlock;
    private final BufferAccessStrategy strategy;
    private int nextBlock;
    private List<HeapTuple> page = List.of();
    private int index;

    HeapScan(Heap heap, HeapRelation rel, Snapshot snap, TransactionView tx, int startBlock, int endBlock, BufferAccessStrategy strategy) {
        this.heap = heap;
        this.rel = rel;
        this.snap = snap;
        this.tx = tx;
        this.nextBlock = startBlock;
        this.endBlock = endBlock;
        this.strategy = strategy;
    }

    @Override
    public boolean hasNext() {
        while (index >= page.size()) {
            if (Integer.compareUnsigned(nextBlock, endBlock) >= 0) return false;
            page = heap.visibleTuples(rel, nextBlock++, snap, tx, strategy);
            index = 0;
        }
        return true;
    }

    @Override
    public HeapTuple next() {
        if (!hasNext()) throw new NoSuchElementException();
        return page.get(index++);
    }

    @Override
    public void close() {
        page = List.of();
        nextBlock = endBlock;
    }
}
