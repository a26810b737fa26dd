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
    void arraysAreRefused() {
        try (IndexTestSupport s = new IndexTestSupport(dir, 64)) {
            PgException e = assertThrows(PgException.class, () -> s.index(AttributeType.INT4_ARRAY));
            assertEquals("0A000", e.sqlState());
        }
    }
}
