package org.pgmini.storage.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.index.IndexTestSupport.drain;

class BTreeBasicTest {
    @TempDir Path dir;

    @Test
    void insertAndEqualityScan() {
        try (IndexTestSupport s = new IndexTestSupport(dir, 256)) {
            IndexRelation idx = s.index(AttributeType.INT4);
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < 20000; i++) keys.add(i);
            Collections.shuffle(keys, new Random(1));
            for (int k : keys) s.btree.insert(idx, new Object[] {k}, new ItemPointer(k, 1));
            assertTrue(s.rootLevel(idx) >= 1, "the tree split");
            for (int k = -5; k < 20005; k += 7) {
                List<ItemPointer> got = drain(s.btree.scan(idx, List.of(new ScanKey(0, ScanKey.Op.EQ, k)), false));
                if (k < 0 || k >= 20000) assertEquals(List.of(), got);
                else assertEquals(List.of(new ItemPointer(k, 1)), got, "key " + k);
            }
            List<ItemPointer> all = drain(s.btree.scan(idx, List.of(), false));
            assertEquals(20000, all.size());
            for (int i = 0; i < all.size(); i++) assertEquals(i, all.get(i).block());
            List<ItemPointer> back = drain(s.btree.scan(idx, List.of(), true));
            Collections.reverse(back);
            assertEquals(all, back);
        }
    }

    @Test
    void manySplitsAscendingAndDescending() {
        try (IndexTestSupport s = new IndexTestSupport(dir, 1024)) {
            IndexRelation up = s.index(AttributeType.INT8, AttributeType.TEXT);
            IndexRelation down = s.index(AttributeType.INT8, AttributeType.TEXT);
            int n = 150_000;
            for (int i = 0; i < n; i++) {
                s.btree.insert(up, new Object[] {(long) i, "row " + i}, new ItemPointer(i, 1));
                s.btree.insert(down, new Object[] {(long) (n - 1 - i), "row " + (n - 1 - i)}, new ItemPointer(n - 1 - i, 1));
            }
            for (IndexRelation idx : List.of(up, down)) {
                assertTrue(s.rootLevel(idx) >= 2, "several levels");
                List<ItemPointer> all = drain(s.btree.scan(idx, List.of(), false));
                assertEquals(n, all.size());
                for (int i = 0; i < n; i++) assertEquals(i, all.get(i).block());
                List<ItemPointer> range = drain(s.btree.scan(idx, List.of(new ScanKey(0, ScanKey.Op.GT, 1000L),
                        new ScanKey(0, ScanKey.Op.LE, 99_999L), new ScanKey(1, ScanKey.Op.GE, "row 5")), true));
                List<ItemPointer> want = new ArrayList<>();
                for (int i = 99_999; i > 1000; i--) if (("row " + i).compareTo("row 5") >= 0) want.add(new ItemPointer(i, 1));
                assertEquals(want, range);
            }
            // ascending inserts leave leaves ~90% full (rightmost splits keep the fill factor on the left)
            assertTrue(s.btree.nblocks(up) < s.btree.nblocks(down) * 0.7,
                    "ascending " + s.btree.nblocks(up) + " blocks, descending " + s.btree.nblocks(down));
        }
    }

    @Test
    void buildSortSpillsRunsBeyondItsMemoryAndMergesThem() throws Exception {
        IndexRelation idx = new IndexRelation(new org.pgmini.storage.smgr.RelFileLocator(5, 1), "s",
                new AttributeType[] {AttributeType.TEXT}, new int[] {1}, new boolean[] {false}, false);
        List<IndexEntry> entries = new ArrayList<>();
        Random rnd = new Random(4);
        for (int i = 0; i < 20000; i++) entries.add(new IndexEntry(new Object[] {"k" + rnd.nextInt(5000)}, new ItemPointer(i, 1)));
        java.nio.file.Files.createDirectories(dir.resolve("base/pgsql_tmp"));
        try (BTreeSort sorted = BTreeSort.sort(dir, idx, entries.iterator(), 50_000)) {
            assertTrue(sorted.runCount() > 5, "runs: " + sorted.runCount());
            byte[] prev = null;
            int n = 0;
            while (sorted.hasNext()) {
                byte[] k = sorted.next();
                if (prev != null) assertTrue(java.util.Arrays.compareUnsigned(prev, k) < 0, "sorted");
                prev = k;
                n++;
            }
            assertEquals(20000, n);
        }
        try (var files = java.nio.file.Files.list(dir.resolve("base/pgsql_tmp"))) {
            assertEquals(0, files.count(), "run files removed");
        }
    }

    @Test
    void truncateEmptiesAndDropRemoves() {
        try (IndexTestSupport s = new IndexTestSupport(dir, 64)) {
            IndexRelation idx = s.index(AttributeType.TEXT);
            for (int i = 0; i < 5000; i++) s.btree.insert(idx, new Object[] {"k" + i}, new ItemPointer(i, 1));
            assertTrue(s.btree.nblocks(idx) > 10);
            s.btree.truncate(idx);
            assertEquals(2, s.btree.nblocks(idx));
            assertEquals(List.of(), drain(s.btree.scan(idx, List.of(), false)));
            s.btree.insert(idx, new Object[] {"again"}, new ItemPointer(1, 1));
            assertEquals(List.of(new ItemPointer(1, 1)), drain(s.btree.scan(idx, List.of(new ScanKey(0, ScanKey.Op.EQ, "again")), false)));
            s.btree.drop(idx);
            assertFalse(s.smgr.exists(idx.locator(), org.pgmini.storage.smgr.ForkNumber.MAIN));
        }
    }

    @Test
    void oversizedKeysAreRefusedLikePostgresql() {
        try (IndexTestSupport s = new IndexTestSupport(dir, 64)) {
            IndexRelation idx = s.index(AttributeType.TEXT);
            PgException e = assertThrows(PgException.class, () -> s.btree.insert(idx, new Object[] {"x".repeat(3000)}, new ItemPointer(1, 1)));
            assertEquals("54000", e.sqlState());
            assertTrue(e.getMessage().startsWith("index row size 3016 exceeds btree version 4 maximum 2704 for index"), e.getMessage());
            s.btree.insert(idx, new Object[] {"y".repeat(2680)}, new ItemPointer(1, 1)); // just below the limit
            for (int i = 0; i < 50; i++) s.btree.insert(idx, new Object[] {"y".repeat(2680 - i)}, new ItemPointer(2, i + 1));
            assertEquals(51, drain(s.btree.scan(idx, List.of(), false)).size());
        }
    }

}
