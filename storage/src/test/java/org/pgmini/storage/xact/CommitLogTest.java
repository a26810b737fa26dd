package org.pgmini.storage.xact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.storage.shared.SpinParkLWLock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class CommitLogTest {
    @TempDir Path dir;

    private CommitLog newClog(int slots) {
        SharedRegion r = ByteBufferRegion.allocate(CommitLog.requiredSize(slots));
        return new CommitLog(r, 0, slots, dir, SpinParkLWLock.INSTANCE, true);
    }

    @Test
    void xidComparisonWrapsAround() {
        assertTrue(TransactionIds.precedes(3, 4));
        assertTrue(TransactionIds.precedes(0xFFFFFFF0, 5), "just before wraparound precedes just after");
        assertFalse(TransactionIds.precedes(5, 0xFFFFFFF0));
        assertTrue(TransactionIds.precedes(100, 100 + 0x7FFFFFFF));
        assertFalse(TransactionIds.precedes(100, 100 + 0x80000001), "more than 2^31 ahead counts as behind");
        assertTrue(TransactionIds.precedes(TransactionIds.FROZEN, 0xFFFFFFF0), "special ids precede every normal id");
        assertTrue(TransactionIds.precedes(TransactionIds.BOOTSTRAP, 3));
        assertEquals(TransactionIds.FIRST_NORMAL, TransactionIds.advance(0xFFFFFFFF));
        assertTrue(TransactionIds.precedesOrEquals(7, 7));
        assertEquals(5, TransactionIds.older(0, 5));
        assertEquals(0xFFFFFFF0, TransactionIds.older(0xFFFFFFF0, 5));
    }

    @Test
    void statusesAcrossSegmentBoundariesSurviveRestart() {
        int perSegment = CommitLog.XACTS_PER_PAGE * SlruCache.PAGES_PER_SEGMENT;
        int[] xids = {3, 4, 5, 32767, 32768, 32769, perSegment - 1, perSegment, perSegment + 1, 3 * perSegment + 77};
        Map<Integer, TransactionStatus> expected = new HashMap<>();
        CommitLog clog = newClog(4);
        for (int i = 0; i < xids.length; i++) {
            TransactionStatus st = i % 3 == 0 ? TransactionStatus.ABORTED : TransactionStatus.COMMITTED;
            clog.setTreeStatus(xids[i], new int[0], st);
            expected.put(xids[i], st);
        }
        for (int x : xids) assertEquals(expected.get(x), clog.status(x), "xid " + x);
        assertEquals(TransactionStatus.IN_PROGRESS, clog.status(6));
        assertEquals(TransactionStatus.IN_PROGRESS, clog.status(2 * perSegment));
        clog.checkpoint();
        assertTrue(Files.exists(dir.resolve("pg_xact/0000")));
        assertTrue(Files.exists(dir.resolve("pg_xact/0001")));
        assertTrue(Files.exists(dir.resolve("pg_xact/0003")));
        assertFalse(Files.exists(dir.resolve("pg_xact/0002")));

        CommitLog restarted = newClog(4);
        for (int x : xids) assertEquals(expected.get(x), restarted.status(x), "after restart, xid " + x);
        assertEquals(TransactionStatus.IN_PROGRESS, restarted.status(7));
    }

    @Test
    void evictionWritesDirtyPagesBack() {
        CommitLog clog = newClog(2);
        Random rnd = new Random(3);
        Map<Integer, TransactionStatus> expected = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            int xid = 3 + rnd.nextInt(CommitLog.XACTS_PER_PAGE * 10);
            TransactionStatus st = rnd.nextBoolean() ? TransactionStatus.COMMITTED : TransactionStatus.ABORTED;
            clog.setTreeStatus(xid, new int[0], st);
            expected.put(xid, st);
        }
        for (Map.Entry<Integer, TransactionStatus> e : expected.entrySet()) assertEquals(e.getValue(), clog.status(e.getKey()));
        assertEquals(2, clog.slru().residentPages());
    }

    @Test
    void subtransactionsCommitWithTheirParent() {
        CommitLog clog = newClog(4);
        clog.setTreeStatus(10, new int[] {11, 40000}, TransactionStatus.COMMITTED);
        assertEquals(TransactionStatus.COMMITTED, clog.status(10));
        assertEquals(TransactionStatus.COMMITTED, clog.status(11));
        assertEquals(TransactionStatus.COMMITTED, clog.status(40000));
        clog.setTreeStatus(12, new int[] {13}, TransactionStatus.ABORTED);
        assertEquals(TransactionStatus.ABORTED, clog.status(13));
        clog.setStatus(50, TransactionStatus.SUB_COMMITTED);
        assertEquals(TransactionStatus.SUB_COMMITTED, clog.status(50));
        clog.setStatus(50, TransactionStatus.COMMITTED);
        assertEquals(TransactionStatus.COMMITTED, clog.status(50));
        assertEquals(TransactionStatus.COMMITTED, clog.status(TransactionIds.FROZEN));
        assertEquals(TransactionStatus.ABORTED, clog.status(TransactionIds.INVALID));
    }

    @Test
    void allocatorPersistsConservativelyAndZeroesNewPages() {
        CommitLog clog = newClog(4);
        TransactionIdAllocator a = new TransactionIdAllocator(dir, clog);
        assertEquals(3, a.allocate());
        assertEquals(4, a.allocate());
        clog.setTreeStatus(4, new int[0], TransactionStatus.COMMITTED);
        // restart without a clean shutdown: ids continue after the persisted limit
        TransactionIdAllocator b = new TransactionIdAllocator(dir, clog);
        int next = b.allocate();
        assertEquals(3 + TransactionIdAllocator.PREFETCH, next);
        assertEquals(TransactionStatus.COMMITTED, clog.status(4));

        // wraparound: after 2^32-1 comes 3, and page 0 is zeroed for the new epoch
        b.forceNext(0xFFFFFFFE);
        assertEquals(0xFFFFFFFE, b.allocate());
        assertEquals(0xFFFFFFFF, b.allocate());
        assertEquals(3, b.allocate());
        assertEquals(TransactionStatus.IN_PROGRESS, clog.status(4), "old epoch's status is gone from page 0");
        // the first xid of a page gets a zeroed page even if stale bits were there
        clog.setTreeStatus(CommitLog.XACTS_PER_PAGE + 1, new int[0], TransactionStatus.ABORTED);
        b.forceNext(CommitLog.XACTS_PER_PAGE);
        assertEquals(CommitLog.XACTS_PER_PAGE, b.allocate());
        assertEquals(TransactionStatus.IN_PROGRESS, clog.status(CommitLog.XACTS_PER_PAGE + 1));
    }
}
