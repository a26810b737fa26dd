package org.pgmini.executor.sort.bench;

import org.pgmini.executor.sort.RowCodec;
import org.pgmini.executor.sort.RowOrdering;
import org.pgmini.executor.sort.SortColumn;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.sort.SortOptions;
import org.pgmini.executor.sort.Tuplesort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (not a test): sorts N single-column rows of int8 keys and of text keys (C collation)
 * with work_mem 4MB and 64MB, and prints the time to put, sort and read everything back, with
 * the method and space EXPLAIN ANALYZE would report.
 * Each case runs {@code repeats} times; the best and the median time are printed (the machine is
 * shared, so single timings are noisy).
 * Usage: {@code SortBench [rows] [dataDir] [repeats]} (default 2,000,000 rows, a temp directory, 3).
 */
public final class SortBench {
    private SortBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path dataDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sortbench");
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Object[][] ints = new Object[n][];
        Object[][] texts = new Object[n][];
        Random rnd = new Random(1);
        char[] letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
        for (int i = 0; i < n; i++) {
            ints[i] = new Object[] {rnd.nextLong()};
            char[] c = new char[5 + rnd.nextInt(16)];
            for (int j = 0; j < c.length; j++) c[j] = letters[rnd.nextInt(letters.length)];
            texts[i] = new Object[] {new String(c)};
        }
        RowCodec intCodec = new RowCodec(List.of(RowCodec.Kind.INT8));
        RowCodec textCodec = new RowCodec(List.of(RowCodec.Kind.TEXT));
        RowOrdering byInt = new RowOrdering(List.of(SortColumn.asc(0, SortKeyType.INT8).withNotNull()));
        RowOrdering byText = new RowOrdering(List.of(SortColumn.asc(0, SortKeyType.TEXT_C).withNotNull()));

        // warm-up so that the JIT has compiled the sort before anything is timed
        for (int w = 0; w < 3; w++) {
            run(ints, Math.min(n, 200_000), byInt, intCodec, dataDir, 4096, false);
            run(texts, Math.min(n, 200_000), byText, textCodec, dataDir, 4096, false);
        }
        System.out.printf("%-6s %-9s %10s %9s %9s  %s%n", "keys", "work_mem", "rows", "best s", "median s", "EXPLAIN");
        for (long wm : new long[] {4096, 65536}) {
            repeat(ints, n, byInt, intCodec, dataDir, wm, repeats, "int8");
            repeat(texts, n, byText, textCodec, dataDir, wm, repeats, "text");
        }
    }

    private static void repeat(Object[][] rows, int n, RowOrdering ordering, RowCodec codec, Path dataDir, long workMemKB,
                               int repeats, String label) {
        double[] t = new double[repeats];
        String explain = null;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            explain = run(rows, n, ordering, codec, dataDir, workMemKB, false);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(t);
        System.out.printf("%-6s %-9s %10d %9.3f %9.3f  %s%n", label, workMemKB / 1024 + "MB", n, t[0], t[repeats / 2], explain);
    }

    private static String run(Object[][] rows, int n, RowOrdering ordering, RowCodec codec, Path dataDir, long workMemKB, boolean print) {
        long check = 0;
        String explain;
        try (Tuplesort<Object[]> s = Tuplesort.begin(ordering, codec, new SortOptions(dataDir).workMemKB(workMemKB))) {
            for (int i = 0; i < n; i++) s.put(rows[i]);
            s.performSort();
            Object[] prev = null;
            for (Object[] r; (r = s.next()) != null; ) {
                if (prev != null && ordering.compare(prev, r) > 0) throw new AssertionError("not sorted");
                prev = r;
                check++;
            }
            explain = s.stats().explainLine();
        }
        if (check != n) throw new AssertionError("lost rows: " + check + " of " + n);
        return explain;
    }
}
