package org.pgmini.storage.index;

import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Point lookups on a 1M-entry int4 index (pgbench's "WHERE aid = $1"), printed, never asserted.
 * Run: java -cp storage/target/classes:storage/target/test-classes:shmem/target/classes
 * org.pgmini.storage.index.BTreeLookupBenchmark [entries [lookups|inserts]]
 */
public final class BTreeLookupBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("btree-bench");
        try (IndexTestSupport s = new IndexTestSupport(dir, 16384)) {
            IndexRelation built = s.index(AttributeType.INT4);
            long t0 = System.nanoTime();
            Iterator<IndexEntry> it = new Iterator<>() {
                int i = 0;
                public boolean hasNext() { return i < n; }
                public IndexEntry next() { int k = i++; return new IndexEntry(new Object[] {k}, new ItemPointer(k / 60, k % 60 + 1)); }
            };
            s.btree.build(built, it, 256L << 20);
            long t1 = System.nanoTime();
            System.out.printf("build %d entries: %.0f ms, %d blocks, root level %d%n", n, (t1 - t0) / 1e6, s.btree.nblocks(built), s.rootLevel(built));

            boolean lookupsOnly = args.length > 1 && args[1].equals("lookups");
            IndexRelation inserted = s.index(AttributeType.INT4);
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < (lookupsOnly ? 0 : n); i++) keys.add(i);
            java.util.Collections.shuffle(keys, new Random(1));
            t0 = System.nanoTime();
            for (int k : keys) s.btree.insert(inserted, new Object[] {k}, new ItemPointer(k / 60, k % 60 + 1));
            t1 = System.nanoTime();
            System.out.printf("insert %d entries in random order: %.0f ms (%.2f us/insert), %d blocks, root level %d%n",
                    n, (t1 - t0) / 1e6, (t1 - t0) / 1e3 / n, s.btree.nblocks(inserted), s.rootLevel(inserted));

            if (args.length > 1 && args[1].equals("inserts")) return;
            for (IndexRelation idx : lookupsOnly ? List.of(built) : List.of(built, inserted)) {
                Random rnd = new Random(2);
                long found = 0;
                for (int round = 0; round < 5; round++) {
                    int lookups = 1_000_000;
                    t0 = System.nanoTime();
                    for (int i = 0; i < lookups; i++) {
                        try (IndexCursor c = s.btree.scan(idx, List.of(new ScanKey(0, ScanKey.Op.EQ, rnd.nextInt(n))), false)) {
                            if (c.next() != null) found++;
                        }
                    }
                    t1 = System.nanoTime();
                    System.out.printf("%s: %d point lookups: %.2f us each%n", idx == built ? "built" : "inserted", lookups, (t1 - t0) / 1e3 / lookups);
                }
                System.out.println("found " + found);
            }
        } finally {
            try (var st = Files.walk(dir)) { st.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        }
    }
}
