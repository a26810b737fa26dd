package org.pgmini.executor.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.TestSession;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.xact.LockMode;

/**
 * Benchmark main (not a test): N rows of (x int4) through Heap.insert, then
 * {@code SELECT count(*), sum(x) FROM t WHERE x % 3 = 0} several times; prints the best and median.
 * Usage: ScanBenchmark [rows] [repeats].
 */
public final class ScanBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = Files.createTempDirectory("scanbench");
        CalciteSqlEngine engine = new CalciteSqlEngine();
        try (TestDatabase db = TestDatabase.create(dir)) {
            TestSession s = new TestSession();
            s.database = db;
            db.catalog().createTable(db.transaction(), "public", "t", List.of(ColumnDefinition.of("x", 23)), List.of());
            db.commit();
            var tx = db.transaction();
            var rel = db.catalog().openRelation(tx, null, "t", LockMode.ROW_EXCLUSIVE).heapRelation();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                db.heap().insert(rel, new Object[] {i}, tx, tx.commandId());
            }
            db.commit();
            System.out.printf("load %d rows: %.2f s%n", n, (System.nanoTime() - t0) / 1e9);
            String sql = args.length > 2 ? args[2] : "SELECT count(*), sum(x) FROM t WHERE x % 3 = 0";
            long[] times = new long[repeats];
            for (int r = 0; r < repeats; r++) {
                long a = System.nanoTime();
                PreparedQuery q = engine.prepare(engine.parse(sql).get(0), new int[0], s);
                try (ResultCursor c = q.execute(new Object[0], s)) {
                    Object[] row = c.next();
                    if (r == 0) {
                        System.out.println(java.util.Arrays.toString(row));
                    }
                }
                db.commit();
                times[r] = System.nanoTime() - a;
            }
            java.util.Arrays.sort(times);
            System.out.printf("%s: best %.1f ms, median %.1f ms%n", sql, times[0] / 1e6, times[repeats / 2] / 1e6);
        }
    }
}
