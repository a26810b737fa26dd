package org.pgmini.storage.heap;

import org.pgmini.storage.buffer.BufferAccessStrategy;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.mvcc.HintBitSetter;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.ForkNumber;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * The one loop over the tuples of heap pages that every read-only scan shares (the serial
 * scan's in-place and copying paths, the index build's scan, a parallel worker's scan): pin a
 * block, let the {@link PinnedPageHook} look at it (opportunistic pruning), take the page's
 * shared content lock, and hand each LP_NORMAL line pointer whose tuple passes the
 * {@link TupleTest} to the {@link TupleVisitor}, in place. The scans differ only in the test,
 * the hook and where hint bits go, which is what this class is built from.
 *
 * <p>Locking: the visitor and the test run under the shared content lock and the pin of one
 * page; both are dropped (also on an exception) before the next block is pinned. A new
 * (all-zero) page has no tuples.
 */
public final class HeapPageWalker {
    /** Whether the tuple at {@code base} goes to the visitor; may set hint bits through {@code hints}. */
    @FunctionalInterface
    public interface TupleTest {
        boolean passes(ByteBuffer page, int base, HintBitSetter hints);
    }

    /** Runs on a pinned, not yet locked buffer before its tuples are read. */
    @FunctionalInterface
    public interface PinnedPageHook {
        void pinned(HeapRelation rel, int buf);
    }

    /** Every tuple with storage, whatever its visibility. */
    public static final TupleTest EVERY_TUPLE = (page, base, hints) -> true;

    /** No work on the pinned page. */
    public static final PinnedPageHook NO_HOOK = (rel, buf) -> { };

    private final BufferPool pool;
    private final IntFunction<HintBitSetter> hintsForBuffer;
    private final PinnedPageHook beforeLock;

    /**
     * @param hintsForBuffer the hint-bit setter the test gets for a buffer (one call per page)
     * @param beforeLock     what to do with a pinned page before its share lock is taken
     */
    public HeapPageWalker(BufferPool pool, IntFunction<HintBitSetter> hintsForBuffer, PinnedPageHook beforeLock) {
        this.pool = pool;
        this.hintsForBuffer = hintsForBuffer;
        this.beforeLock = beforeLock;
    }

    /**
     * Visits the passing tuples of blocks [startBlock, endBlock) (unsigned block numbers), read
     * through a bulk-read ring when the range is large compared with the pool. Returns how many
     * tuples were visited.
     */
    public long walk(HeapRelation rel, int startBlock, int endBlock, TupleTest test, TupleVisitor visitor) {
        BufferAccessStrategy strategy = BufferAccessStrategy.worthUsing(endBlock - startBlock, pool.nbuffers())
                ? BufferAccessStrategy.bulkRead(pool.nbuffers()) : null;
        long n = 0;
        for (int block = startBlock; Integer.compareUnsigned(block, endBlock) < 0; block++) {
            n += walkBlock(rel, block, strategy, test, visitor);
        }
        return n;
    }

    /** Visits the passing tuples of one block, read through {@code strategy} (null: normal replacement). */
    public int walkBlock(HeapRelation rel, int block, BufferAccessStrategy strategy, TupleTest test, TupleVisitor visitor) {
        int buf = pool.readBuffer(rel.locator(), ForkNumber.MAIN, block, strategy);
        try {
            beforeLock.pinned(rel, buf);
            pool.lock(buf, false);
            try {
                Page page = pool.page(buf);
                if (page.isNew()) return 0;
                ByteBuffer b = page.buffer();
                int max = page.maxOffsetNumber();
                HintBitSetter hints = hintsForBuffer.apply(buf);
                int n = 0;
                for (int off = 1; off <= max; off++) {
                    if (!page.itemIsNormal(off)) continue;
                    int base = page.itemPosition(off);
                    if (test.passes(b, base, hints)) {
                        visitor.visit(b, base, page.itemLength(off), block, off);
                        n++;
                    }
                }
                return n;
            } finally {
                pool.unlock(buf, false);
            }
        } finally {
            pool.release(buf);
        }
    }
}
