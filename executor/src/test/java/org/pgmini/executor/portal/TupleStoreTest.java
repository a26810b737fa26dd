package org.pgmini.executor.portal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.executor.exec.Cursor;

/**
 * The tuple store and the scan over it against a model (a list and PostgreSQL's executor rules
 * for backward fetches), in memory and spilled to a temp file at 64kB, with the rows pulled
 * lazily from a source; temp files gone after close.
 */
class TupleStoreTest {
    @TempDir
    Path dir;

    private static Object[] row(int i) {
        return new Object[] {i, (long) i * 31, "row " + i + "x".repeat(i % 50), i % 7 == 0 ? null : new BigDecimal(i + ".5"),
            i % 2 == 0, new byte[] {(byte) i, 1, 2}};
    }

    private long tempFiles() throws Exception {
        Path tmp = dir.resolve("base/pgsql_tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    /** A source of n rows that counts how many were pulled. */
    private static final class Source implements Cursor {
        final int n;
        int pulled;
        boolean closed;

        Source(int n) {
            this.n = n;
        }

        @Override
        public Object[] next() {
            return pulled < n ? row(pulled++) : null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Random next/previous/rewind sequences give the rows the executor's rules give, and rows are pulled lazily. */
    @Test
    void scanMatchesModelInMemoryAndOnDisk() throws Exception {
        for (long workMem : new long[] {64, 64 * 1024}) {
            Random rnd = new Random(workMem);
            int n = 20000;
            Source src = new Source(n);
            StoreScan scan = new StoreScan(new TupleStore(workMem, dir), src);
            // model: pointer after the last returned row, eof after a next() found nothing
            int p = 0;
            int maxP = 0;
            boolean eof = false;
            for (int step = 0; step < 60000; step++) {
                int op = step % 20000 == 19999 ? 99 : rnd.nextInt(99); // a rewind now and then
                if (op < 64) {
                    Object[] r = scan.next();
                    if (eof || p >= n) {
                        assertNull(r);
                        eof = true;
                    } else {
                        assertArrayEquals(row(p), r);
                        p++;
                        maxP = Math.max(maxP, p);
                    }
                } else if (op < 99) {
                    Object[] r = scan.previous();
                    Object[] expected;
                    if (eof) {
                        eof = false;
                        expected = p > 0 ? row(p - 1) : null;
                    } else if (p <= 0) {
                        expected = null;
                    } else {
                        p--;
                        expected = p > 0 ? row(p - 1) : null;
                    }
                    if (expected == null) {
                        assertNull(r);
                    } else {
                        assertArrayEquals(expected, r);
                    }
                } else {
                    scan.rewind();
                    p = 0;
                    eof = false;
                }
                assertEquals(maxP, src.pulled, "rows are pulled only when a fetch passes the last one read");
            }
            if (workMem == 64) {
                assertTrue(scan.store().onDisk(), "spilled past 64kB");
                assertTrue(tempFiles() > 0);
            } else {
                assertFalse(scan.store().onDisk());
            }
            scan.close();
            assertTrue(src.closed);
            assertEquals(0, tempFiles(), "temp file deleted at close");
        }
    }

    /** Draining the source keeps the position; spilling in the middle keeps the pointer on its row. */
    @Test
    void drainKeepsPositionAndSpillKeepsPointer() throws Exception {
        Source src = new Source(5000);
        StoreScan scan = new StoreScan(new TupleStore(64, dir), src);
        for (int i = 0; i < 10; i++) {
            scan.next();
        }
        assertArrayEquals(row(8), scan.previous());
        scan.drainSource();
        assertTrue(src.closed);
        assertEquals(5000, scan.store().count());
        assertTrue(scan.store().onDisk());
        assertArrayEquals(row(9), scan.next());
        assertArrayEquals(row(10), scan.next());
        List<Object[]> rest = new ArrayList<>();
        for (Object[] r; (r = scan.next()) != null; ) {
            rest.add(r);
        }
        assertEquals(5000 - 11, rest.size());
        assertArrayEquals(row(4999), scan.previous());
        assertArrayEquals(row(4998), scan.previous());
        scan.rewind();
        assertArrayEquals(row(0), scan.next());
        assertNull(scan.previous());
        assertArrayEquals(row(0), scan.next());
        scan.close();
        assertEquals(0, tempFiles());
    }

    /** Values outside the codec's contract keep the store in memory rather than failing. */
    @Test
    void unencodableRowsStayInMemory() throws Exception {
        TupleStore store = new TupleStore(64, dir);
        for (int i = 0; i < 5000; i++) {
            store.append(new Object[] {i, new StringBuilder("not encodable " + i)});
        }
        assertFalse(store.onDisk());
        assertEquals(5000, store.count());
        assertEquals(0, ((Integer) store.forward()[0]));
        store.close();
        assertEquals(0, tempFiles());
    }
}
