package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Set operations, WITH [RECURSIVE], window functions and correlated subqueries over tables
 * (expected values as PostgreSQL 15 gives them; the regression files cover the output format).
 */
class QueryFormsTest extends QueryTestSupport {
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int TEXT = 25;

    private void tables() {
        table("a", "x", INT4, "y", TEXT);
        insert("a", row(1, "p"), row(2, "q"), row(2, "q"), row(null, "n"));
        table("b", "x", INT8, "y", TEXT);
        insert("b", row(2L, "q"), row(3L, "r"), row(null, "n"));
    }

    @Test
    void setOperations() {
        tables();
        assertEquals(List.of("", "", "1", "2", "2", "2", "3"), rows("SELECT x FROM a UNION ALL SELECT x FROM b ORDER BY 1 NULLS FIRST"));
        assertEquals(List.of("1", "2", "3", ""), rows("SELECT x FROM a UNION SELECT x FROM b ORDER BY 1"));
        assertEquals(List.of("2|q", "|n"), rows("SELECT x, y FROM a INTERSECT SELECT x, y FROM b ORDER BY 1"));
        assertEquals(List.of("1", "2"), rows("SELECT x FROM a EXCEPT ALL SELECT x FROM b ORDER BY 1"));
        assertEquals(List.of("1"), rows("SELECT x FROM a EXCEPT SELECT x FROM b ORDER BY 1"));
        assertEquals(List.of("x:int8"), columnNames("SELECT x FROM a UNION SELECT x FROM b"));
        assertEquals(List.of("?column?:int4"), columnNames("SELECT 1 UNION SELECT '2'"));
        assertEquals("22P02", error("SELECT 1 UNION SELECT 'a'").sqlState());
        assertEquals("42804", error("SELECT x FROM a UNION SELECT y FROM b").sqlState());
        assertEquals("42601", error("SELECT 1 UNION SELECT 1, 2").sqlState());
        assertEquals("0A000", error("SELECT x FROM a UNION SELECT x FROM b ORDER BY x + 1").sqlState());
    }

    @Test
    void withQueries() {
        tables();
        assertEquals(List.of("1", "2", "3", "4", "5"),
                rows("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t"));
        assertEquals(List.of("1", "2", "3"), rows("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT * FROM t LIMIT 3"));
        assertEquals(List.of("0", "1", "2"), rows("WITH RECURSIVE t(n) AS (SELECT 0 UNION SELECT (n + 1) % 3 FROM t) SELECT * FROM t ORDER BY 1"));
        assertEquals(List.of("5"), rows("WITH q AS (SELECT x FROM a) SELECT count(*) FROM q q1, q q2 WHERE q1.x = q2.x"));
        assertEquals(List.of("3"), rows("WITH q AS MATERIALIZED (SELECT x FROM a WHERE x IS NOT NULL) SELECT count(*) FROM q"));
        assertEquals(List.of("1|2"), rows("WITH a1 AS (SELECT 1 AS v), a2 AS (SELECT v + 1 AS w FROM a1) SELECT * FROM a1, a2"));
        assertEquals("42P19", error("WITH RECURSIVE t(n) AS (SELECT n FROM t UNION ALL SELECT 1) SELECT * FROM t").sqlState());
        assertEquals("42P19", error("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n FROM t, t t2) SELECT * FROM t").sqlState());
        assertEquals("42804", error("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n::int8 FROM t) SELECT * FROM t").sqlState());
        assertEquals("42712", error("WITH q AS (SELECT 1), q AS (SELECT 2) SELECT * FROM q").sqlState());
    }

    @Test
    void windowFunctions() {
        table("w", "g", INT4, "v", INT4);
        insert("w", row(1, 10), row(1, 20), row(1, 20), row(2, 5), row(2, 7), row(3, null));
        assertEquals(List.of("1|10|1|1|10", "1|20|2|2|50", "1|20|3|2|50", "2|5|1|1|5", "2|7|2|2|12", "3||1|1|"),
                rows("SELECT g, v, row_number() OVER w, rank() OVER w, sum(v) OVER w FROM w "
                        + "WINDOW w AS (PARTITION BY g ORDER BY v) ORDER BY g, v"));
        assertEquals(List.of("5||7", "7|5|10", "10|7|20", "20|10|20", "20|20|", "|20|"),
                rows("SELECT v, lag(v) OVER (ORDER BY v), lead(v) OVER (ORDER BY v) FROM w ORDER BY v"));
        assertEquals(List.of("1|1", "2|1", "3|2"), rows("SELECT g, ntile(2) OVER (ORDER BY g) FROM w GROUP BY g ORDER BY g"));
        assertEquals(List.of("12", "22", "37", "50", "40", "20"),
                rows("SELECT sum(v) OVER (ORDER BY v ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w ORDER BY v"));
        assertEquals(List.of("row_number:int8", "percent_rank:float8", "ntile:int4"),
                columnNames("SELECT row_number() OVER (), percent_rank() OVER (), ntile(1) OVER () FROM w"));
        assertEquals("42P20", error("SELECT * FROM w WHERE row_number() OVER () > 1").sqlState());
        assertEquals("0A000", error("SELECT count(DISTINCT v) OVER () FROM w").sqlState());
        assertEquals("2201X", error("SELECT ntile(0) OVER () FROM w").sqlState());
    }

    @Test
    void correlatedSubqueriesInDml() {
        tables();
        assertEquals(List.of("1|p|0", "2|q|1", "2|q|1", "|n|0"),
                rows("SELECT x, y, (SELECT count(*) FROM b WHERE b.x = a.x) FROM a ORDER BY x, y"));
        rows("DELETE FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x)");
        assertEquals(List.of("1|p", "|n"), rows("SELECT * FROM a ORDER BY x"));
        // PostgreSQL computes an aggregate of only outer columns in the outer query; we refuse instead of answering wrongly
        assertEquals("0A000", error("SELECT (SELECT sum(a.x) FROM b) FROM a").sqlState());
        String plan = String.join("\n", rows("EXPLAIN (COSTS OFF) SELECT * FROM a WHERE x > (SELECT min(x) FROM b WHERE b.y = a.y)"));
        assertTrue(plan.startsWith("Result\n  Filter:"), plan);
    }
}
