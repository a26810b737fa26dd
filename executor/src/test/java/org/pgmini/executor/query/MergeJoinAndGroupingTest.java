package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Merge joins and sorted grouping give the rows the other methods give: random tables with
 * duplicate and NULL keys, every join type, in memory and with the inner sort on tape (mark and
 * restore there), GROUP BY and DISTINCT hashed and sorted. The plan shapes are checked too, so
 * that each comparison really runs the method it names.
 */
class MergeJoinAndGroupingTest extends QueryTestSupport {
    private void tables(long seed, int leftRows, int rightRows, int keyRange) {
        table("l", "k", 23, "a", 20);
        table("r", "k", 20, "b", 25);
        Random rnd = new Random(seed);
        List<Object[]> left = new ArrayList<>();
        for (int i = 0; i < leftRows; i++) {
            left.add(row(rnd.nextInt(10) == 0 ? null : rnd.nextInt(keyRange), (long) i));
        }
        List<Object[]> right = new ArrayList<>();
        for (int i = 0; i < rightRows; i++) {
            right.add(row(rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(keyRange), "r" + i));
        }
        insert("l", left.toArray(new Object[0][]));
        insert("r", right.toArray(new Object[0][]));
    }

    private void methods(boolean nest, boolean hash, boolean merge) {
        session.values.put("enable_nestloop", nest ? "on" : "off");
        session.values.put("enable_hashjoin", hash ? "on" : "off");
        session.values.put("enable_mergejoin", merge ? "on" : "off");
    }

    private List<String> sorted(String sql) {
        List<String> r = new ArrayList<>(rows(sql));
        Collections.sort(r);
        return r;
    }

    private String plan(String sql) {
        return String.join("\n", rows("EXPLAIN (COSTS OFF) " + sql));
    }

    @Test
    void everyJoinTypeMergesLikeItHashesAndLoops() throws Exception {
        tables(42, 700, 900, 60);
        for (String type : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")) {
            String q = "SELECT l.k, a, r.k, b FROM l " + type + " r ON l.k = r.k";
            methods(false, true, false);
            List<String> hashed = sorted(q);
            assertTrue(plan(q).contains("Hash"), plan(q));
            methods(false, false, true);
            assertTrue(plan(q).contains("Merge"), plan(q));
            assertEquals(hashed, sorted(q), type);
            // the inner sort on tape: mark/restore through the result tape
            session.values.put("work_mem", "64kB");
            assertEquals(hashed, sorted(q), type + " spilled");
            session.values.put("work_mem", "4MB");
            if (!type.equals("FULL JOIN")) {
                methods(true, false, false);
                assertTrue(plan(q).contains("Nested Loop"), plan(q));
                assertEquals(hashed, sorted(q), type + " nested loop");
            }
        }
        assertEquals(0, tempFiles());
    }

    @Test
    void joinFiltersAndWhereConditions() {
        tables(7, 300, 300, 20);
        String q = "SELECT l.k, a, b FROM l LEFT JOIN r ON l.k = r.k AND a % 3 <> 0 AND b < 'r2' WHERE a < 250";
        methods(true, true, false);
        List<String> expected = sorted(q);
        methods(false, false, true);
        assertTrue(plan(q).contains("Merge Left Join"), plan(q));
        assertEquals(expected, sorted(q));
    }

    @Test
    void sortedGroupingEqualsHashed() {
        tables(11, 2000, 10, 300);
        List<String> queries = List.of(
                "SELECT k, count(*), sum(a), min(a), max(a) FROM l GROUP BY k",
                "SELECT k % 7, count(DISTINCT a % 5), avg(a) FROM l GROUP BY k % 7 HAVING count(*) > 3",
                "SELECT k FROM l GROUP BY k",
                "SELECT DISTINCT k FROM l",
                "SELECT DISTINCT k % 4, a % 2 FROM l");
        for (String q : queries) {
            session.values.put("enable_hashagg", "on");
            List<String> hashed = sorted(q);
            session.values.put("enable_hashagg", "off");
            String p = plan(q);
            assertTrue(p.contains("GroupAggregate") || p.contains("Group") || p.contains("Unique"), p);
            assertEquals(hashed, sorted(q), q);
            session.values.put("work_mem", "64kB");
            assertEquals(hashed, sorted(q), q + " spilled");
            session.values.put("work_mem", "4MB");
        }
        session.values.put("enable_hashagg", "off");
        List<String> ordered = rows("SELECT k, count(*) FROM l GROUP BY k ORDER BY k DESC NULLS LAST LIMIT 3");
        assertTrue(!plan("SELECT k, count(*) FROM l GROUP BY k ORDER BY k DESC").contains("  Sort\n  ->  GroupAggregate"));
        assertEquals(3, ordered.size());
        assertTrue(Long.parseLong(ordered.get(0).split("\\|")[0]) > Long.parseLong(ordered.get(2).split("\\|")[0]));
    }
}
