package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ORDER BY through Tuplesort: spilling past work_mem, top-N under LIMIT, the EXPLAIN ANALYZE lines, temp files removed. */
class SortAndLimitTest extends QueryTestSupport {
    private void numbers(int n) {
        table("nums", "k", 20, "s", 25);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long k = (i * 7919L) % n;
            rows.add(row(k, "v" + k));
        }
        insert("nums", rows.toArray(new Object[0][]));
    }

    @Test
    void spillsToTapesPastWorkMem() throws Exception {
        numbers(20000);
        session.values.put("work_mem", "64kB");
        List<String> sorted = rows("SELECT k FROM nums ORDER BY k DESC");
        assertEquals(20000, sorted.size());
        assertEquals("19999", sorted.get(0));
        assertEquals("0", sorted.get(19999));
        List<String> plan = rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM nums ORDER BY s");
        assertTrue(plan.get(2).matches("  Sort Method: external merge  Disk: [0-9]+kB"), plan.get(2));
        assertEquals(0, tempFiles());
    }

    @Test
    void topNUnderLimit() {
        numbers(5000);
        assertEquals(List.of("10", "11", "12"), rows("SELECT k FROM nums ORDER BY k LIMIT 3 OFFSET 10"));
        List<String> plan = rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM nums ORDER BY k LIMIT 3");
        assertEquals("Limit (actual rows=3 loops=1)", plan.get(0));
        assertEquals("  ->  Sort (actual rows=3 loops=1)", plan.get(1));
        assertTrue(plan.get(3).matches(" +Sort Method: top-N heapsort  Memory: [0-9]+kB"), plan.get(3));
    }

    @Test
    void inMemoryQuicksort() {
        numbers(100);
        List<String> plan = rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM nums ORDER BY k");
        assertTrue(plan.get(2).matches("  Sort Method: quicksort  Memory: [0-9]+kB"), plan.get(2));
    }

    @Test
    void datumSortsOfOneColumnSpillAndReport() throws Exception {
        numbers(20000);
        session.values.put("work_mem", "64kB");
        List<String> ints = rows("SELECT k FROM nums ORDER BY k OFFSET 19997");
        assertEquals(List.of("19997", "19998", "19999"), ints);
        List<String> texts = rows("SELECT s FROM nums ORDER BY s DESC OFFSET 19998");
        assertEquals(List.of("v1", "v0"), texts);
        for (String q : List.of("SELECT k FROM nums ORDER BY k", "SELECT s FROM nums ORDER BY s")) {
            List<String> plan = rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + q);
            assertEquals("Sort (actual rows=20000 loops=1)", plan.get(0));
            assertTrue(plan.get(2).matches("  Sort Method: external merge  Disk: [0-9]+kB"), plan.get(2));
        }
        session.values.put("work_mem", "4MB");
        List<String> plan = rows("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT k FROM nums ORDER BY k");
        assertTrue(plan.get(2).matches("  Sort Method: quicksort  Memory: [0-9]+kB"), plan.get(2));
        assertEquals(0, tempFiles());
    }

    @Test
    void tempFilesGoneAfterErrorAndCancel() throws Exception {
        numbers(20000);
        session.values.put("work_mem", "64kB");
        // division by zero at k = 15000, after runs were written (one-column and wider rows)
        for (String q : List.of("SELECT 100 / (k - 15000) FROM nums ORDER BY 1",
                "SELECT s, 100 / (k - 15000) FROM nums ORDER BY s, 2",
                "SELECT s || '' FROM nums WHERE 100 / (k - 15000) > -1000 ORDER BY 1")) {
            assertEquals("22012", error(q).sqlState(), q);
            assertEquals(0, tempFiles(), q);
        }
        for (String q : List.of("SELECT k FROM nums ORDER BY k", "SELECT s FROM nums ORDER BY s", "SELECT k, s FROM nums ORDER BY s, k")) {
            session.cancelAfterChecks = 3; // the 4th check: after 12288 rows, two runs on tape
            assertEquals("57014", error(q).sqlState(), q);
            session.cancelAfterChecks = -1;
            assertEquals(0, tempFiles(), q);
        }
    }
}
