package org.pgmini.storage.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.index.IndexTestSupport.drain;

/**
 * Random inserts (duplicates, NULLs, a DESC column, long strings) against a model that sorts with
 * PostgreSQL's rules directly on the Java values; random scans with 0-4 keys in both directions;
 * the same entries bulk-built give the same answers; bulkDelete removes exactly the dead TIDs.
 */
class BTreeModelTest {
    @TempDir Path dir;

    private static final AttributeType[] TYPES = {AttributeType.INT4, AttributeType.TEXT, AttributeType.INT8};
    private static final boolean[] DESC = {false, true, false};

    record Entry(Object[] v, ItemPointer tid) {}

    private static int compareValue(Object a, Object b) {
        if (a instanceof String x) return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
        return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }

    /** NULLS LAST ascending, NULLS FIRST descending (PostgreSQL's defaults). */
    private static int compareColumn(Object a, Object b, boolean desc) {
        int r;
        if (a == null && b == null) r = 0;
        else if (a == null) r = 1;
        else if (b == null) r = -1;
        else r = compareValue(a, b);
        return desc ? -r : r;
    }

    private static final Comparator<Entry> ORDER = (x, y) -> {
        for (int c = 0; c < TYPES.length; c++) {
            int r = compareColumn(x.v[c], y.v[c], DESC[c]);
            if (r != 0) return r;
        }
        int r = Integer.compareUnsigned(x.tid.block(), y.tid.block());
        return r != 0 ? r : Integer.compare(x.tid.offset(), y.tid.offset());
    };

    private static boolean holds(Object v, ScanKey k) {
        if (v == null || k.value() == null) return false;
        int r = compareValue(v, k.value());
        return switch (k.op()) {
            case LT -> r < 0;
            case LE -> r <= 0;
            case EQ -> r == 0;
            case GE -> r >= 0;
            case GT -> r > 0;
        };
    }

    private static Object randomValue(Random rnd, int c) {
        if (rnd.nextInt(10) == 0) return null;
        return switch (c) {
            case 0 -> rnd.nextInt(200) - 100;
            case 1 -> randomString(rnd);
            default -> (long) rnd.nextInt(5) * (rnd.nextBoolean() ? 1L << 40 : 1);
        };
    }

    private static String randomString(Random rnd) {
        String alphabet = "ab zé€";
        int len = rnd.nextInt(20) == 0 ? 100 + rnd.nextInt(200) : rnd.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static List<ItemPointer> expected(List<Entry> model, List<ScanKey> keys, boolean backward) {
        List<ItemPointer> out = new ArrayList<>();
        for (Entry e : model) {
            boolean ok = true;
            for (ScanKey k : keys) ok &= holds(e.v[k.column()], k);
            if (ok) out.add(e.tid);
        }
        if (backward) Collections.reverse(out);
        return out;
    }

    @Test
    void randomInsertsAndScansMatchTheModel() {
        Random rnd = new Random(7);
        try (IndexTestSupport s = new IndexTestSupport(dir, 512)) {
            IndexRelation idx = s.index(TYPES, DESC);
            List<Entry> model = new ArrayList<>();
            for (int i = 0; i < 30000; i++) {
                Object[] v = {randomValue(rnd, 0), randomValue(rnd, 1), randomValue(rnd, 2)};
                Entry e = new Entry(v, new ItemPointer(rnd.nextInt(1 << 20), 1 + rnd.nextInt(200)));
                model.add(e);
                s.btree.insert(idx, v, e.tid);
            }
            model.sort(ORDER);
            assertTrue(s.rootLevel(idx) >= 1);
            checkScans(s, idx, model, rnd, 400);

            // the same entries bulk-built (with a budget small enough to spill several runs)
            IndexRelation built = s.index(TYPES, DESC);
            List<Entry> shuffled = new ArrayList<>(model);
            Collections.shuffle(shuffled, rnd);
            Iterator<IndexEntry> it = shuffled.stream().map(e -> new IndexEntry(e.v, e.tid)).iterator();
            s.btree.build(built, it, 200_000);
            assertEquals(expected(model, List.of(), false), drain(s.btree.scan(built, List.of(), false)));
            checkScans(s, built, model, new Random(8), 200);
            // and the built index takes further inserts
            for (int i = 0; i < 5000; i++) {
                Object[] v = {randomValue(rnd, 0), randomValue(rnd, 1), randomValue(rnd, 2)};
                Entry e = new Entry(v, new ItemPointer((1 << 20) + i, 1));
                model.add(e);
                s.btree.insert(built, v, e.tid);
            }
            model.sort(ORDER);
            checkScans(s, built, model, new Random(9), 200);

            // VACUUM: every TID with an even block dies
            Set<ItemPointer> dead = new HashSet<>();
            for (Entry e : model) if (e.tid.block() % 2 == 0) dead.add(e.tid);
            long removed = s.btree.bulkDelete(built, dead::contains);
            long deadEntries = model.stream().filter(e -> dead.contains(e.tid)).count();
            assertEquals(deadEntries, removed);
            model.removeIf(e -> dead.contains(e.tid));
            checkScans(s, built, model, new Random(10), 200);
            assertEquals(0, s.btree.bulkDelete(built, dead::contains));
            for (int i = 0; i < 3000; i++) {
                Object[] v = {randomValue(rnd, 0), randomValue(rnd, 1), randomValue(rnd, 2)};
                Entry e = new Entry(v, new ItemPointer((2 << 20) + i, 1));
                model.add(e);
                s.btree.insert(built, v, e.tid);
            }
            model.sort(ORDER);
            checkScans(s, built, model, new Random(11), 100);
        }
    }

    private void checkScans(IndexTestSupport s, IndexRelation idx, List<Entry> model, Random rnd, int n) {
        for (boolean backward : new boolean[] {false, true}) {
            assertEquals(expected(model, List.of(), backward), drain(s.btree.scan(idx, List.of(), backward)), "full scan");
        }
        ScanKey.Op[] ops = ScanKey.Op.values();
        for (int i = 0; i < n; i++) {
            List<ScanKey> keys = new ArrayList<>();
            int nkeys = rnd.nextInt(5);
            for (int j = 0; j < nkeys; j++) {
                int c = rnd.nextInt(3);
                Object v = randomValue(rnd, c);
                if (v == null && rnd.nextInt(5) != 0) v = randomValue(rnd, c);
                if (v == null && rnd.nextInt(3) != 0) continue;
                // sometimes pick an existing value so equality finds something
                if (rnd.nextBoolean() && v != null) v = model.get(rnd.nextInt(model.size())).v[c];
                if (v == null) continue;
                keys.add(new ScanKey(c, ops[rnd.nextInt(ops.length)], v));
            }
            boolean backward = rnd.nextBoolean();
            assertEquals(expected(model, keys, backward), drain(s.btree.scan(idx, keys, backward)), "keys " + keys + (backward ? " backward" : ""));
        }
    }
}
