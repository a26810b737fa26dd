package org.pgmini.executor;

import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;

/**
 * Microbenchmark (a main, not a test): per-query engine cost of "SELECT 1" on the simple-protocol
 * path (parse + prepare + execute + drain, all cache hits) and on the prepared path (execute only).
 * Run: java -cp <test classpath> org.pgmini.executor.SelectOneBenchmark
 */
public final class SelectOneBenchmark {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        CalciteSqlEngine engine = new CalciteSqlEngine();
        System.out.printf("engine construction (warm-up included): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        TestSession session = new TestSession();
        int n = 2_000_000;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < n; i++) {
                for (ParsedStatement p : engine.parse("SELECT 1")) {
                    PreparedQuery q = engine.prepare(p, new int[0], session);
                    try (ResultCursor c = q.execute(new Object[0], session)) {
                        while (c.next() != null) {
                            sink++;
                        }
                        sink += c.commandTag().length();
                    }
                }
            }
            double simple = (System.nanoTime() - start) / (double) n;
            PreparedQuery q = engine.prepare(engine.parse("SELECT 1").get(0), new int[0], session);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (ResultCursor c = q.execute(new Object[0], session)) {
                    while (c.next() != null) {
                        sink++;
                    }
                }
            }
            double prepared = (System.nanoTime() - start) / (double) n;
            System.out.printf("round %d: simple path %.0f ns/query, prepared execute %.0f ns/query (%d)%n",
                    round, simple, prepared, sink);
        }
        long cold = System.nanoTime();
        engine.prepare(engine.parse("SELECT 1 + 2 AS x, 'a' || 'b'").get(0), new int[0], session);
        System.out.printf("uncached parse+plan of a new query: %.0f us%n", (System.nanoTime() - cold) / 1e3);
    }
}
