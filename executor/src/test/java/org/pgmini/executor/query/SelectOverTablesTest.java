package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

class SelectOverTablesTest extends QueryTestSupport {
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int TEXT = 25;
    private static final int NUMERIC = 1700;

    private void people() {
        table("people", "id", INT4, "name", TEXT, "dept", INT4);
        insert("people", row(1, "ann", 10), row(2, "bob", 20), row(3, "cid", 10), row(4, "dan", null));
        table("dept", "id", INT4, "title", TEXT);
        insert("dept", row(10, "eng"), row(20, "ops"), row(30, "hr"));
    }

    @Test
    void scanFilterProject() {
        people();
        assertEquals(List.of("1|ann", "3|cid"), rows("SELECT id, name FROM people WHERE dept = 10 ORDER BY id"));
        assertEquals(List.of("1|ann|10", "2|bob|20", "3|cid|10", "4|dan|"), rows("SELECT * FROM people ORDER BY 1"));
        assertEquals(List.of("ann"), rows("SELECT p.name FROM public.people p WHERE p.id = $1", 1));
        assertEquals(List.of("id:int4", "name:text", "dept:int4"), columnNames("SELECT * FROM people"));
        assertEquals(List.of("x:int4", "y:text"), columnNames("SELECT p.x, y FROM people AS p(x, y)"));
    }

    @Test
    void nameResolutionErrors() {
        people();
        PgException e = error("SELECT * FROM nosuch");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nosuch\" does not exist", e.getMessage());
        assertEquals(15, e.position());
        e = error("SELECT nme FROM people");
        assertEquals("42703", e.sqlState());
        assertEquals("column \"nme\" does not exist", e.getMessage());
        assertEquals("Perhaps you meant to reference the column \"people.name\".", e.hint());
        e = error("SELECT id FROM people, dept");
        assertEquals("42702", e.sqlState());
        assertEquals("column reference \"id\" is ambiguous", e.getMessage());
        e = error("SELECT x.id FROM people");
        assertEquals("missing FROM-clause entry for table \"x\"", e.getMessage());
        e = error("SELECT people.zz FROM people");
        assertEquals("column people.zz does not exist", e.getMessage());
        e = error("SELECT * FROM nosch.people");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nosch.people\" does not exist", e.getMessage());
    }

    @Test
    void searchPathDecidesTheSchema() {
        people();
        db.catalog().createSchema(db.transaction(), "other");
        db.catalog().createTable(db.transaction(), "other", "people",
                List.of(org.pgmini.storage.catalog.ColumnDefinition.of("z", INT4)), List.of());
        db.commit();
        assertEquals(List.of("id:int4", "name:text", "dept:int4"), columnNames("SELECT * FROM people"));
        session.values.put("search_path", "other, public");
        assertEquals(List.of("z:int4"), columnNames("SELECT * FROM people"));
        assertEquals(List.of("id:int4", "name:text", "dept:int4"), columnNames("SELECT * FROM public.people"));
    }

    @Test
    void joins() {
        people();
        assertEquals(List.of("ann|eng", "bob|ops", "cid|eng"),
                rows("SELECT p.name, d.title FROM people p JOIN dept d ON p.dept = d.id ORDER BY p.name"));
        assertEquals(List.of("ann|eng", "bob|ops", "cid|eng", "dan|"),
                rows("SELECT p.name, d.title FROM people p LEFT JOIN dept d ON p.dept = d.id ORDER BY 1"));
        assertEquals(List.of("ann|eng", "cid|eng", "|hr", "bob|ops"),
                rows("SELECT p.name, d.title FROM people p RIGHT JOIN dept d ON p.dept = d.id ORDER BY 2, 1"));
        assertEquals(List.of("ann|eng", "bob|ops", "cid|eng", "dan|", "|hr"),
                rows("SELECT p.name, d.title FROM people p FULL JOIN dept d ON p.dept = d.id ORDER BY 1, 2"));
        assertEquals(List.of("ann|eng", "cid|eng"),
                rows("SELECT name, title FROM people, dept WHERE people.dept = dept.id AND title = 'eng' ORDER BY 1"));
        assertEquals(12, rows("SELECT * FROM people CROSS JOIN dept").size());
        assertEquals(List.of("2|bob|hr"),
                rows("SELECT p.id, p.name, d.title FROM people p JOIN dept d ON p.id * 10 < d.id AND d.title = 'hr' "
                        + "WHERE p.id % 2 = 0 ORDER BY 1"));
    }

    @Test
    void usingAndNatural() {
        table("a", "k", INT4, "x", TEXT);
        table("b", "k", INT4, "y", TEXT);
        insert("a", row(1, "a1"), row(2, "a2"));
        insert("b", row(2, "b2"), row(3, "b3"));
        assertEquals(List.of("k:int4", "x:text", "y:text"), columnNames("SELECT * FROM a JOIN b USING (k)"));
        assertEquals(List.of("2|a2|b2"), rows("SELECT * FROM a JOIN b USING (k)"));
        assertEquals(List.of("2|a2|b2"), rows("SELECT * FROM a NATURAL JOIN b"));
        assertEquals(List.of("1|a1|", "2|a2|b2", "3||b3"), rows("SELECT k, x, y FROM a FULL JOIN b USING (k) ORDER BY k"));
    }

    @Test
    void aggregates() {
        people();
        assertEquals(List.of("4|3|10|1|20|2.5000000000000000"),
                rows("SELECT count(*), count(dept), sum(dept) / 4, min(id), max(dept), avg(id) FROM people"));
        assertEquals(List.of("count:int8", "sum:int8", "avg:numeric", "max:text"),
                columnNames("SELECT count(*), sum(id), avg(id), max(name) FROM people"));
        assertEquals(List.of("10|2|4", "20|1|2", "|1|4"),
                rows("SELECT dept, count(*), sum(id) FROM people GROUP BY dept ORDER BY dept"));
        assertEquals(List.of("10|2"), rows("SELECT dept, count(*) FROM people GROUP BY 1 HAVING count(*) > 1"));
        assertEquals(List.of("2"), rows("SELECT count(DISTINCT dept) FROM people"));
        assertEquals(List.of("many"), rows("SELECT CASE WHEN count(*) > 1 THEN 'many' END FROM people"));
        assertEquals(List.of("0|"), rows("SELECT count(*), sum(id) FROM people WHERE id > 100"));
        PgException e = error("SELECT name, count(*) FROM people");
        assertEquals("42803", e.sqlState());
        assertEquals("column \"people.name\" must appear in the GROUP BY clause or be used in an aggregate function", e.getMessage());
        e = error("SELECT * FROM people WHERE count(*) > 1");
        assertEquals("aggregate functions are not allowed in WHERE", e.getMessage());
    }

    @Test
    void sumTypes() {
        table("n", "a", INT8, "b", NUMERIC);
        insert("n", row(Long.MAX_VALUE, new BigDecimal("1.50")), row(Long.MAX_VALUE, new BigDecimal("2.25")));
        assertEquals(List.of("18446744073709551614|3.75|1.8750000000000000"), rows("SELECT sum(a), sum(b), avg(b) FROM n"));
    }

    @Test
    void orderLimitDistinct() {
        people();
        assertEquals(List.of("4|dan", "3|cid"), rows("SELECT id, name FROM people ORDER BY id DESC LIMIT 2"));
        assertEquals(List.of("2", "3"), rows("SELECT id FROM people ORDER BY id LIMIT 2 OFFSET 1"));
        assertEquals(List.of("", "10", "20"), rows("SELECT DISTINCT dept FROM people ORDER BY dept NULLS FIRST"));
        assertEquals(List.of("dan", "bob", "ann", "cid"), rows("SELECT name FROM people ORDER BY dept DESC, id"));
        assertEquals(List.of("ann", "cid"), rows("SELECT name FROM people ORDER BY id % 2 DESC, id LIMIT 2"));
        assertEquals(List.of(), rows("SELECT * FROM people LIMIT 0"));
        assertEquals(List.of("2", "3"), rows("SELECT id FROM people ORDER BY id LIMIT $1 OFFSET $2", 2L, 1L));
        PgException neg = null;
        try {
            rows("SELECT * FROM people LIMIT $1", -1L);
        } catch (PgException x) {
            neg = x;
            db.rollback();
        }
        assertEquals("LIMIT must not be negative", neg.getMessage());
    }

    @Test
    void generateSeries() {
        assertEquals(List.of("1", "3", "5"), rows("SELECT * FROM generate_series(1, 5, 2)"));
        assertEquals(List.of("g:int4"), columnNames("SELECT * FROM generate_series(1, 5) g"));
        assertEquals(List.of("5050"), rows("SELECT sum(x) FROM generate_series(1, 100) AS t(x)"));
        assertEquals(List.of("1.5", "2.5"), rows("SELECT * FROM generate_series(1.5, 3, 1)"));
        assertEquals("22023", error("SELECT * FROM generate_series(1, 5, 0)").sqlState());
    }

    @Test
    void subqueriesInFrom() {
        people();
        assertEquals(List.of("10|2", "20|1"),
                rows("SELECT s.d, s.n FROM (SELECT dept AS d, count(*) AS n FROM people GROUP BY dept) s WHERE s.d IS NOT NULL ORDER BY 1"));
        assertEquals(List.of("ann|eng"), rows("SELECT x.name, dept.title FROM (SELECT * FROM people WHERE id = 1) AS x "
                + "JOIN dept ON x.dept = dept.id"));
        assertEquals("subquery in FROM must have an alias", error("SELECT * FROM (SELECT 1)").getMessage());
    }

    @Test
    void setReturningFunctionInTheSelectList() {
        people();
        assertEquals(List.of("1", "2", "3"), rows("SELECT generate_series(1, 3)"));
        assertEquals(List.of("1|1", "2|2", "|3"), rows("SELECT generate_series(1, 2), generate_series(1, 3)"));
        assertEquals(List.of("1|1", "1|2", "2|1", "2|2"),
                rows("SELECT id, generate_series(1, 2) FROM people WHERE id <= 2 ORDER BY 1, 2"));
        assertEquals("ProjectSet\n  ->  Result",
                String.join("\n", rows("EXPLAIN (COSTS OFF) SELECT generate_series(1, 3)")));
    }

    @Test
    void catalogTablesAreTables() {
        people();
        assertEquals(List.of("pg_catalog", "public"), rows("SELECT nspname FROM pg_namespace ORDER BY nspname"));
        assertEquals(List.of("dept", "people"),
                rows("SELECT relname FROM pg_catalog.pg_class WHERE relname IN ('people', 'dept') ORDER BY 1"));
        assertEquals(List.of("name:text"), columnNames("SELECT name FROM pg_settings WHERE name = 'work_mem'"));
    }

    @Test
    void valuesInFrom() {
        people();
        assertEquals(List.of("2|b", "1|a"), rows("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(x, y) ORDER BY x DESC"));
        assertEquals(List.of("column1:int4", "column2:text"), columnNames("SELECT * FROM (VALUES (1, 'a')) v"));
        assertEquals(List.of("ann|first", "bob|second"), rows("SELECT p.name, v.label FROM people p "
                + "JOIN (VALUES (1, 'first'), (2, 'second')) AS v(id, label) ON p.id = v.id ORDER BY 1"));
    }

    @Test
    void statUserTables() {
        people();
        assertEquals(List.of("public|dept|3|0|0|", "public|people|4|0|0|"),
                rows("SELECT schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del, last_vacuum FROM pg_stat_user_tables ORDER BY relname"));
        var tx = db.transaction();
        var rel = db.catalog().openRelation(tx, null, "people", org.pgmini.storage.xact.LockMode.ROW_EXCLUSIVE);
        db.heap().vacuum(rel.heapRelation());
        db.commit();
        assertEquals(List.of("people|0|t"),
                rows("SELECT relname, n_dead_tup, last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'people'"));
    }

    @Test
    void timestampSeries() {
        assertEquals(List.of("2024-01-30 00:00:00", "2024-02-29 00:00:00", "2024-03-29 00:00:00"),
                rows("SELECT * FROM generate_series('2024-01-30'::timestamp, '2024-04-01', '1 month')"));
        assertEquals(List.of("g:timestamptz"), columnNames("SELECT * FROM generate_series('2024-01-01'::date, '2024-01-02', '12 hours') g"));
        assertEquals(List.of("2024-01-01 00:00:00+00", "2024-01-01 12:00:00+00", "2024-01-02 00:00:00+00"),
                rows("SELECT generate_series('2024-01-01'::timestamptz, '2024-01-02', interval '12 hours')"));
        assertEquals(List.of("2024-01-03 00:00:00", "2024-01-02 00:00:00"),
                rows("SELECT * FROM generate_series('2024-01-03'::timestamp, '2024-01-01 12:00', '-1 day')"));
        assertEquals("step size cannot equal zero",
                error("SELECT * FROM generate_series('2024-01-03'::timestamp, '2024-01-01', '0 days')").getMessage());
    }

    @Test
    void uncorrelatedSubqueries() {
        people();
        assertEquals(List.of("ann", "cid"), rows("SELECT name FROM people WHERE dept IN (SELECT id FROM dept WHERE title = 'eng') ORDER BY 1"));
        assertEquals(List.of("bob"), rows("SELECT name FROM people WHERE dept NOT IN (SELECT id FROM dept WHERE title = 'eng') ORDER BY 1"));
        assertEquals(List.of(), rows("SELECT name FROM people WHERE dept NOT IN (SELECT NULL::int4)"));
        assertEquals(List.of("4|dan"), rows("SELECT id, name FROM people WHERE id = (SELECT max(id) FROM people)"));
        assertEquals(List.of("30"), rows("SELECT (SELECT max(id) FROM dept)"));
        assertEquals(List.of("ann|30"), rows("SELECT name, (SELECT max(id) FROM dept) FROM people WHERE id = 1"));
        assertEquals(List.of("4"), rows("SELECT count(*) FROM people WHERE EXISTS (SELECT 1 FROM dept WHERE id = 30)"));
        assertEquals(List.of("0"), rows("SELECT count(*) FROM people WHERE EXISTS (SELECT 1 FROM dept WHERE id = 99)"));
        assertEquals(List.of("10|2"), rows("SELECT dept, count(*) FROM people GROUP BY dept HAVING count(*) > (SELECT count(*) FROM dept WHERE id < 20)"));
        assertEquals("21000", error("SELECT (SELECT id FROM dept)").sqlState());
    }

    @Test
    void correlatedSubqueries() {
        people();
        assertEquals(List.of("ann", "bob", "cid"),
                rows("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM dept d WHERE d.id = p.dept) ORDER BY 1"));
        assertEquals(List.of("dan"),
                rows("SELECT name FROM people p WHERE NOT EXISTS (SELECT 1 FROM dept d WHERE d.id = p.dept) ORDER BY 1"));
        assertEquals(List.of("ann|eng", "bob|ops", "cid|eng", "dan|"),
                rows("SELECT name, (SELECT title FROM dept d WHERE d.id = p.dept) FROM people p ORDER BY 1"));
        assertEquals(List.of("eng|2", "hr|0", "ops|1"),
                rows("SELECT title, (SELECT count(*) FROM people p WHERE p.dept = d.id) FROM dept d ORDER BY 1"));
    }
}
