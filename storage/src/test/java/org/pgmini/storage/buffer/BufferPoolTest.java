package org.pgmini.storage.buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

class BufferPoolTest {
    @TempDir Path dir;
    private final RelFileLocator rel = new RelFileLocator(5, 16384);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) c.close();
    }

    /** A WAL stand-in: increasing LSNs, remembers what was flushed. */
    static final class RecordingWal implements WalHook {
        final AtomicLong next = new AtomicLong(100);
        final AtomicLong flushedUpTo = new AtomicLong();
        final Set<Long> flushed = ConcurrentHashMap.newKeySet();
        @Override public long log(PageChangeRecord r, Page[] pages) {
            assertEquals(r.blocks().length, pages.length, "one page per block of the record");
            return next.addAndGet(10);
        }
        @Override public void flush(long lsn) {
            flushed.add(lsn);
            flushedUpTo.accumulateAndGet(lsn, Math::max);
        }
    }

    private BufferPool pool(SharedRegion region, int nbuffers, WalHook wal, boolean init) {
        Smgr smgr = new Smgr(dir, 8);
        toClose.add(smgr);
        return new BufferPool(region, 0, nbuffers, smgr, wal, init);
    }

    private BufferPool newPool(int nbuffers, WalHook wal) {
        return pool(ByteBufferRegion.allocate(BufferPool.requiredSize(nbuffers)), nbuffers, wal, true);
    }

    /** A pool of {@code nbuffers} (no WAL) over {@code blocks} {@link #fill filled} blocks, all written out: every buffer clean. */
    private BufferPool cleanPoolOver(int nbuffers, int blocks) {
        BufferPool pool = newPool(nbuffers, WalHook.NONE);
        fill(pool, blocks);
        pool.flushAll();
        return pool;
    }

    /** Reads and releases blocks [from, to) through the normal replacement policy (one more use each). */
    private void touch(BufferPool pool, int from, int to) {
        for (int block = from; block < to; block++) {
            pool.release(pool.readBuffer(rel, ForkNumber.MAIN, block, null));
        }
    }

    /** Appends {@code n} blocks whose single item holds the block number and a counter 0. */
    private void fill(BufferPool pool, int n) {
        pool.smgr().create(rel, ForkNumber.MAIN, false);
        for (int i = 0; i < n; i++) {
            int buf = pool.extend(rel, ForkNumber.MAIN);
            pool.lock(buf, true);
            try {
                Page p = pool.page(buf);
                p.init(0);
                ByteBuffer item = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0, pool.blockNumber(buf)).putLong(8, 0);
                assertEquals(1, p.addItem(item.array(), 0, true));
                pool.finishPageChange(new PageChangeRecord(PageChangeRecord.Kind.HEAP_INIT_PAGE, rel, ForkNumber.MAIN,
                        new int[] {pool.blockNumber(buf)}, 0, new byte[0]), buf);
            } finally {
                pool.unlock(buf, true);
                pool.release(buf);
            }
        }
    }

    private static int blockInItem(Page p) { return p.item(1).getInt(0); }

    private static long counterInItem(Page p) { return p.item(1).getLong(8); }

    @Test
    void workingSetFourTimesThePool() {
        RecordingWal wal = new RecordingWal();
        int nbuffers = 16;
        BufferPool pool = newPool(nbuffers, wal);
        fill(pool, 4 * nbuffers);
        assertEquals(4 * nbuffers, pool.nblocks(rel, ForkNumber.MAIN));
        assertTrue(pool.stats().writes() >= 3 * nbuffers, "evicted dirty pages were written: " + pool.stats());
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            int block = rnd.nextInt(4 * nbuffers);
            int buf = pool.readBuffer(rel, ForkNumber.MAIN, block, null);
            pool.lock(buf, false);
            try {
                assertEquals(block, blockInItem(pool.page(buf)));
                assertEquals(block, pool.blockNumber(buf));
            } finally {
                pool.unlock(buf, false);
                pool.release(buf);
            }
        }
        for (int b = 0; b < nbuffers; b++) assertEquals(0, pool.pinCount(b));
        // WAL before data: every page on disk has an LSN that was flushed before it was written
        pool.flushAll();
        for (int block = 0; block < 4 * nbuffers; block++) {
            Page p = Page.allocate();
            pool.smgr().read(rel, ForkNumber.MAIN, block, p.buffer());
            assertTrue(p.verify(block), "checksum of block " + block);
            assertTrue(p.lsn() > 0);
            assertTrue(wal.flushed.contains(p.lsn()), "WAL flushed to the LSN of block " + block + " before writing it");
        }
        // a fresh pool over the same files sees everything (written back, not just cached)
        BufferPool fresh = newPool(nbuffers, WalHook.NONE);
        for (int block = 0; block < 4 * nbuffers; block++) {
            int buf = fresh.readBuffer(rel, ForkNumber.MAIN, block, null);
            assertEquals(block, blockInItem(fresh.page(buf)));
            fresh.release(buf);
        }
    }

    @Test
    void pinsPreventEviction() {
        int nbuffers = 16;
        BufferPool pool = newPool(nbuffers, WalHook.NONE);
        fill(pool, 4 * nbuffers);
        int[] pinned = new int[nbuffers - 1];
        for (int i = 0; i < pinned.length; i++) pinned[i] = pool.readBuffer(rel, ForkNumber.MAIN, i, null);
        for (int round = 0; round < 3; round++) {
            for (int block = nbuffers; block < 4 * nbuffers; block++) {
                int buf = pool.readBuffer(rel, ForkNumber.MAIN, block, null);
                for (int p : pinned) assertNotEquals(p, buf, "a pinned buffer was handed out");
                assertEquals(block, blockInItem(pool.page(buf)));
                pool.release(buf);
            }
        }
        for (int i = 0; i < pinned.length; i++) {
            assertEquals(i, blockInItem(pool.page(pinned[i])), "pinned page kept its content");
            assertTrue(pool.isResident(rel, ForkNumber.MAIN, i));
        }
        int last = pool.readBuffer(rel, ForkNumber.MAIN, 40, null);
        PgException e = assertThrows(PgException.class, () -> pool.readBuffer(rel, ForkNumber.MAIN, 41, null));
        assertEquals("no unpinned buffers available", e.getMessage());
        pool.release(last);
        for (int p : pinned) pool.release(p);
    }

    @Test
    void clockSweepKeepsFrequentlyUsedPages() {
        int nbuffers = 16;
        BufferPool pool = cleanPoolOver(nbuffers, 4 * nbuffers);
        for (int i = 0; i < 10; i++) pool.release(pool.readBuffer(rel, ForkNumber.MAIN, 0, null)); // usage count 5
        touch(pool, 1, 2 * nbuffers + 1);
        assertTrue(pool.isResident(rel, ForkNumber.MAIN, 0), "hot page survives two passes of once-used pages");
        assertFalse(pool.isResident(rel, ForkNumber.MAIN, 1), "a once-used page is evicted");
    }

    @Test
    void bulkReadRingDoesNotFlushThePool() {
        int nbuffers = 64;
        BufferPool pool = cleanPoolOver(nbuffers, 4 * nbuffers);
        touch(pool, 0, 32);
        BufferAccessStrategy ring = BufferAccessStrategy.bulkRead(nbuffers);
        long readsBefore = pool.stats().reads();
        for (int block = 32; block < 4 * nbuffers; block++) {
            int buf = pool.readBuffer(rel, ForkNumber.MAIN, block, ring);
            assertEquals(block, blockInItem(pool.page(buf)));
            pool.release(buf);
        }
        assertTrue(pool.stats().reads() - readsBefore > 4 * nbuffers - 32 - nbuffers, "the scan read its blocks");
        for (int block = 0; block < 32; block++) assertTrue(pool.isResident(rel, ForkNumber.MAIN, block), "block " + block + " kept");
    }

    @Test
    void vacuumRingWritesItsOwnDirtyBuffers() {
        int nbuffers = 64;
        BufferPool pool = cleanPoolOver(nbuffers, 4 * nbuffers);
        touch(pool, 0, 32);
        BufferAccessStrategy ring = BufferAccessStrategy.vacuum(nbuffers);
        long writesBefore = pool.stats().writes();
        for (int block = 32; block < 4 * nbuffers; block++) {
            int buf = pool.readBuffer(rel, ForkNumber.MAIN, block, ring);
            pool.lock(buf, true);
            pool.page(buf).setPruneXid(1);
            pool.finishPageChange(new PageChangeRecord(PageChangeRecord.Kind.HEAP_VACUUM, rel, ForkNumber.MAIN, new int[] {block}, 0, new byte[0]), buf);
            pool.unlock(buf, true);
            pool.release(buf);
        }
        // blocks 32..255 minus those still resident from fill() (hits, dirtied in place) minus the ring itself
        assertTrue(pool.stats().writes() - writesBefore >= 4 * nbuffers - 32 - 32 - 8, "the ring wrote back what it dirtied: " + (pool.stats().writes() - writesBefore));
        for (int block = 0; block < 32; block++) assertTrue(pool.isResident(rel, ForkNumber.MAIN, block), "block " + block + " kept");
    }

    @Test
    void corruptPageRaisesXX001() throws Exception {
        BufferPool pool = cleanPoolOver(16, 3);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("base/5/16384").toFile(), "rw")) {
            f.seek(BLCKSZ + 5000L);
            f.write(0x5A);
        }
        BufferPool fresh = newPool(16, WalHook.NONE);
        fresh.release(fresh.readBuffer(rel, ForkNumber.MAIN, 0, null));
        PgException e = assertThrows(PgException.class, () -> fresh.readBuffer(rel, ForkNumber.MAIN, 1, null));
        assertEquals("XX001", e.sqlState());
        assertEquals("invalid page in block 1 of relation base/5/16384", e.getMessage());
        // the failed buffer is not left pinned or valid; a second attempt fails the same way
        assertThrows(PgException.class, () -> fresh.readBuffer(rel, ForkNumber.MAIN, 1, null));
        for (int b = 0; b < 16; b++) assertEquals(0, fresh.pinCount(b));
        fresh.release(fresh.readBuffer(rel, ForkNumber.MAIN, 2, null));
    }

    @Test
    void concurrentPinsLocksAndUpdates() throws Exception {
        int nbuffers = 16;
        BufferPool pool = newPool(nbuffers, WalHook.NONE);
        int blocks = 2 * nbuffers;
        fill(pool, blocks);
        int threads = 6, iterations = 3000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[][] increments = new long[threads][blocks];
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                Random rnd = new Random(id);
                try {
                    for (int i = 0; i < iterations; i++) {
                        int block = rnd.nextInt(blocks);
                        int buf = pool.readBuffer(rel, ForkNumber.MAIN, block, null);
                        try {
                            boolean write = rnd.nextInt(4) == 0;
                            pool.lock(buf, write);
                            try {
                                Page p = pool.page(buf);
                                if (blockInItem(p) != block) throw new AssertionError("block " + block + " holds " + blockInItem(p));
                                if (write) {
                                    ByteBuffer it = p.buffer();
                                    int pos = p.itemPosition(1) + 8;
                                    it.putLong(pos, it.getLong(pos) + 1);
                                    pool.finishPageChange(new PageChangeRecord(PageChangeRecord.Kind.HEAP_LOCK, rel, ForkNumber.MAIN,
                                            new int[] {block}, 0, new byte[0]), buf);
                                    increments[id][block]++;
                                }
                            } finally {
                                pool.unlock(buf, write);
                            }
                        } finally {
                            pool.release(buf);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join(60_000);
        if (failure.get() != null) throw new AssertionError(failure.get());
        for (int b = 0; b < nbuffers; b++) assertEquals(0, pool.pinCount(b), "buffer " + b + " left pinned");
        for (int block = 0; block < blocks; block++) {
            long expected = 0;
            for (int t = 0; t < threads; t++) expected += increments[t][block];
            int buf = pool.readBuffer(rel, ForkNumber.MAIN, block, null);
            assertEquals(expected, counterInItem(pool.page(buf)), "no lost update in block " + block);
            pool.release(buf);
        }
    }

    @Test
    void secondAttachmentReadsPagesThroughTheSameRegion() {
        SharedRegion region = ByteBufferRegion.allocate(BufferPool.requiredSize(16));
        BufferPool first = pool(region, 16, WalHook.NONE, true);
        fill(first, 4);
        // "another process": its own Smgr and objects, only the region is shared
        BufferPool second = pool(region, 16, WalHook.NONE, false);
        long readsBefore = second.stats().reads();
        int buf = second.readBuffer(rel, ForkNumber.MAIN, 2, null);
        assertEquals(2, blockInItem(second.page(buf)));
        assertEquals(readsBefore, second.stats().reads(), "found in the shared mapping table, not read from disk");
        second.release(buf);
        // and what it changes, the first sees
        buf = second.readBuffer(rel, ForkNumber.MAIN, 3, null);
        second.lock(buf, true);
        second.page(buf).setPruneXid(4242);
        second.finishPageChange(new PageChangeRecord(PageChangeRecord.Kind.HEAP_LOCK, rel, ForkNumber.MAIN, new int[] {3}, 0, new byte[0]), buf);
        second.unlock(buf, true);
        second.release(buf);
        int b1 = first.readBuffer(rel, ForkNumber.MAIN, 3, null);
        assertEquals(4242, first.page(b1).pruneXid());
        first.release(b1);
    }

    @Test
    void dropRelationBuffersAndTruncate() {
        BufferPool pool = newPool(16, WalHook.NONE);
        fill(pool, 6);
        pool.dropRelationBuffers(rel, ForkNumber.MAIN, 3);
        pool.smgr().truncate(rel, ForkNumber.MAIN, 3);
        for (int b = 3; b < 6; b++) assertFalse(pool.isResident(rel, ForkNumber.MAIN, b));
        assertTrue(pool.isResident(rel, ForkNumber.MAIN, 2));
        int buf = pool.extend(rel, ForkNumber.MAIN);
        assertEquals(3, pool.blockNumber(buf));
        assertTrue(pool.page(buf).isNew(), "an extended block starts as a new (zero) page");
        pool.release(buf);
        pool.flushAll();
    }

    @Test
    void backgroundWriterCleansBuffersAheadOfTheClock() throws Exception {
        int nbuffers = 32;
        BufferPool pool = newPool(nbuffers, WalHook.NONE);
        fill(pool, nbuffers / 2);
        // make all resident buffers dirty with usage count 0 by sweeping the clock over them
        for (int block = 0; block < nbuffers / 2; block++) {
            int buf = pool.readBuffer(rel, ForkNumber.MAIN, block, null);
            pool.lock(buf, true);
            pool.page(buf).setPruneXid(7);
            pool.finishPageChange(new PageChangeRecord(PageChangeRecord.Kind.HEAP_LOCK, rel, ForkNumber.MAIN, new int[] {block}, 0, new byte[0]), buf);
            pool.unlock(buf, true);
            pool.release(buf);
        }
        long before = pool.stats().writes();
        try (BackgroundWriter bg = new BackgroundWriter(pool, 10, 100).start()) {
            // the bgwriter writes only usage-0 buffers; new blocks move the clock hand, which ages them
            long deadline = System.currentTimeMillis() + 3000;
            while (bg.totalWritten() == 0 && System.currentTimeMillis() < deadline) {
                // fresh blocks force the clock around, decrementing usage counts as it goes
                int buf = pool.extend(rel, ForkNumber.MAIN);
                pool.release(buf);
                Thread.sleep(5);
            }
            assertTrue(bg.totalWritten() > 0, "background writer wrote something");
        }
        assertTrue(pool.stats().writes() > before);
    }
}
