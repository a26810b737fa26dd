package org.pgmini.storage.heap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.mvcc.HeapVisibility;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** {@link Heap#insertBatch}: pages filled under one lock, one WAL record per page, same visibility as single inserts. */
class HeapMultiInsertTest {
    @TempDir Path dir;

    private Smgr smgr;
    private CommitLog clog;
    private ProcArray procs;
    private BufferPool pool;
    private Heap heap;
    private final List<PageChangeRecord> log = new ArrayList<>();
    private final HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16500), "t",
            TupleDesc.of(new Attribute("id", AttributeType.INT4), new Attribute("v", AttributeType.TEXT)));

    @BeforeEach
    void setUp() {
        smgr = new Smgr(dir, 16);
        clog = new CommitLog(ByteBufferRegion.allocate(CommitLog.requiredSize(8)), 0, 8, dir, SpinParkLWLock.INSTANCE, true);
        procs = new ProcArray(32, new TransactionIdAllocator(dir, clog), clog);
        WalHook wal = new WalHook() {
            long lsn = 0;
            @Override public long log(PageChangeRecord r, Page[] pages) { log.add(r); return lsn += 8; }
            @Override public void flush(long upTo) { }
        };
        pool = new BufferPool(ByteBufferRegion.allocate(BufferPool.requiredSize(64)), 0, 64, smgr, wal, true);
        heap = new Heap(pool, new HeapVisibility(clog, procs::isInProgress), procs);
        heap.create(rel);
    }

    @AfterEach
    void tearDown() { smgr.close(); }

    private SimpleTransaction begin() { return new SimpleTransaction(procs, procs.attach()); }

    private Map<Integer, String> committedRows() {
        SimpleTransaction r = begin();
        Map<Integer, String> out = new HashMap<>();
        try (HeapScan scan = heap.beginScan(rel, r.snapshot(), r)) {
            while (scan.hasNext()) {
                Object[] v = scan.next().values(rel.desc());
                assertNull(out.put((Integer) v[0], (String) v[1]), "row " + v[0] + " seen twice");
            }
        } finally {
            r.commit();
            procs.detach(r.proc());
        }
        return out;
    }

    private static List<Object[]> rows(int from, int n, int width) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) rows.add(new Object[] {i, "v" + i + "x".repeat(width)});
        return rows;
    }

    @Test
    void fillsPagesAndLogsOneRecordPerPage() {
        SimpleTransaction w = begin();
        ItemPointer[] tids = heap.insertBatch(rel, rows(0, 1000, 40), w, w.commandId());
        w.commit();
        assertEquals(1000, tids.length);
        Set<ItemPointer> distinct = new HashSet<>(List.of(tids));
        assertEquals(1000, distinct.size(), "every row has its own TID");
        for (int i = 1; i < tids.length; i++) {
            boolean ascending = tids[i].block() > tids[i - 1].block()
                    || (tids[i].block() == tids[i - 1].block() && tids[i].offset() > tids[i - 1].offset());
            assertTrue(ascending, "TIDs follow the list's order at " + i);
        }
        int pages = heap.nblocks(rel);
        assertTrue(pages > 5, "1000 rows of ~70 bytes need several pages, got " + pages);
        long multi = log.stream().filter(r -> r.kind() == PageChangeRecord.Kind.HEAP_MULTI_INSERT).count();
        assertEquals(pages, multi, "one multi-insert record per page");
        assertEquals(0, log.stream().filter(r -> r.kind() == PageChangeRecord.Kind.HEAP_INSERT).count());
        Map<Integer, String> r = committedRows();
        assertEquals(1000, r.size());
        assertEquals("v777" + "x".repeat(40), r.get(777));
        // each fetched TID is the row at that position of the batch
        SimpleTransaction check = begin();
        for (int i = 0; i < tids.length; i += 97) {
            assertEquals(i, heap.fetch(rel, tids[i], check.snapshot(), check).values(rel.desc())[0]);
        }
        check.commit();
        procs.detach(check.proc());
    }

    @Test
    void continuesOnThePageSingleInsertsLeftAndIsInvisibleUntilCommit() {
        SimpleTransaction w = begin();
        ItemPointer first = heap.insert(rel, new Object[] {-1, "single"}, w, w.commandId());
        ItemPointer[] tids = heap.insertBatch(rel, rows(0, 50, 10), w, w.commandId());
        assertEquals(first.block(), tids[0].block(), "the batch starts on the page with room");
        assertTrue(committedRows().isEmpty(), "others do not see uncommitted rows");
        w.commit();
        assertEquals(51, committedRows().size());
    }

    @Test
    void abortedBatchIsInvisible() {
        SimpleTransaction w = begin();
        heap.insertBatch(rel, rows(0, 500, 100), w, w.commandId());
        w.abort();
        assertTrue(committedRows().isEmpty());
    }

    @Test
    void aSingleRowIsAPlainInsertAndATooBigRowFailsTheWholeBatch() {
        SimpleTransaction w = begin();
        heap.insertBatch(rel, rows(0, 1, 0), w, w.commandId());
        assertEquals(PageChangeRecord.Kind.HEAP_INSERT, log.get(log.size() - 1).kind());
        List<Object[]> batch = rows(1, 10, 0);
        batch.add(new Object[] {99, "y".repeat(9000)});
        int before = heap.nblocks(rel);
        int records = log.size();
        PgException e = assertThrows(PgException.class, () -> heap.insertBatch(rel, batch, w, w.commandId()));
        assertEquals("54000", e.sqlState());
        assertEquals(records, log.size(), "nothing was written");
        assertEquals(before, heap.nblocks(rel));
        w.commit();
        assertEquals(1, committedRows().size());
    }
}
