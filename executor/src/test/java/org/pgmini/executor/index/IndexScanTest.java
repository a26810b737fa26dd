package org.pgmini.executor.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.executor.write.SingleSessionTest;

/** Index scans through the engine: plans and costs as PostgreSQL 15 prints them, results, DML through the index. */
class IndexScanTest extends SingleSessionTest {
    private List<String> explain(String sql) {
        List<String> out = new ArrayList<>();
        for (List<String> r : s.run("explain " + sql).rows()) {
            out.add(r.get(0));
        }
        return out;
    }

    private List<String> column(String sql) {
        List<String> out = new ArrayList<>();
        for (List<String> r : s.run(sql).rows()) {
            out.add(String.join("|", r));
        }
        return out;
    }

    /** The table of PostgreSQL's own run (index made before the rows, so no statistics exist). */
    private void fill() {
        s.run("create table t (a int primary key, b text, c int)");
        s.run("create index on t (c)");
        s.run("insert into t select g, 'v' || g, g % 100 from generate_series(1, 1000) g");
    }

    @Test
    void equalityOnThePrimaryKeyUsesItsIndexWithPostgresCosts() {
        fill();
        // PostgreSQL 15: same table, same statements
        assertEquals(List.of("Index Scan using t_pkey on t  (cost=0.28..8.29 rows=1 width=40)", "  Index Cond: (a = 42)"),
                explain("select * from t where a = 42"));
        assertEquals(List.of("42|v42|42"), column("select * from t where a = 42"));
        assertEquals(List.of("42|v42|42"), column("select * from t where 42 = a"));
        assertEquals(List.of(), column("select * from t where a = 4242"));
        assertEquals(List.of("Index Scan using t_pkey on t  (cost=0.28..8.30 rows=1 width=40)", "  Index Cond: (a = 42)",
                "  Filter: (c > 5)"), explain("select * from t where 42 = a and c > 5"));
        assertEquals(List.of("Index Scan using t_c_idx on t  (cost=0.28..24.38 rows=6 width=40)", "  Index Cond: (c = 5)"),
                explain("select * from t where c = 5"));
        assertEquals(List.of("Index Scan using t_pkey on t  (cost=0.28..24.40 rows=6 width=40)", "  Index Cond: ((a < 3) AND (a > 1))"),
                explain("select * from t where a < 3 and a > 1"));
    }

    @Test
    void rangesAndBetweenReturnTheRightRows() {
        fill();
        assertEquals(List.of("5", "6", "7"), column("select a from t where a between 5 and 7"));
        assertEquals(List.of("998", "999", "1000"), column("select a from t where a > 997"));
        assertEquals(List.of("1", "2"), column("select a from t where a < 3"));
        assertEquals(List.of("1", "2", "3"), column("select a from t where 3 >= a"));
        List<String> c5 = column("select a from t where c = 5");
        assertEquals(10, c5.size());
        assertTrue(explain("select a from t where c = 5").get(0).startsWith("Index Scan using t_c_idx on t"));
        assertEquals(List.of(), column("select a from t where a = null"));
    }

    @Test
    void updateAndDeleteByKeyUseTheIndexAndKeepItRight() {
        fill();
        assertEquals("UPDATE 1", s.run("update t set c = c + 1000 where a = 7").tag());
        assertEquals(List.of("7|v7|1007"), column("select * from t where a = 7"));
        assertEquals(List.of("7"), column("select a from t where c = 1007"));
        assertEquals(List.of(), column("select a from t where c = 7 and a = 7"));
        assertEquals("UPDATE 1", s.run("update t set a = 2000 where a = 7").tag());
        assertEquals(List.of(), column("select a from t where a = 7"));
        assertEquals(List.of("2000"), column("select a from t where a = 2000"));
        assertEquals("DELETE 1", s.run("delete from t where a = 2000").tag());
        assertEquals(List.of(), column("select a from t where a = 2000"));
        assertEquals("VACUUM", s.run("vacuum t").tag());
        assertEquals("INSERT 0 1", s.run("insert into t values (7, 'again', 7)").tag());
        assertEquals(List.of("7|again|7"), column("select * from t where a = 7"));
        assertEquals(List.of("7|again|7"), column("select * from t where a >= 7 and a <= 7"));
        assertEquals(1000, Integer.parseInt(column("select count(*) from t where a > 0").get(0)));
    }

    @Test
    void seqScanWhenCheaperOrWhenIndexScansAreOff() {
        fill();
        assertEquals(List.of("Seq Scan on t  (cost=0.00..25.00 rows=400 width=40)", "  Filter: (a > 5)"),
                explain("select * from t where a > 5"));
        s.base.values.put("enable_indexscan", "off");
        assertTrue(explain("select * from t where a = 5").get(0).startsWith("Seq Scan on t"));
        s.base.values.put("enable_indexscan", "on");
        s.base.values.put("enable_seqscan", "off");
        assertTrue(explain("select * from t where a > 5").get(0).startsWith("Index Scan using t_pkey on t"));
    }

    @Test
    void createIndexOverRowsAndUniqueViolations() {
        s.run("create table u (a int, b text)");
        s.run("insert into u select g % 50, 'x' || g from generate_series(1, 200) g");
        assertEquals("CREATE INDEX", s.run("create index on u (a)").tag());
        assertEquals(4, column("select b from u where a = 3").size());
        PgException e = s.error("create unique index on u (a)");
        assertEquals("23505", e.sqlState());
        assertEquals("could not create unique index \"u_a_idx1\"", e.getMessage());
        assertEquals("Key (a)=(1) is duplicated.", e.detail());
        e = s.error("alter table u add primary key (a)");
        assertEquals("could not create unique index \"u_pkey\"", e.getMessage());
        assertEquals("CREATE INDEX", s.run("create unique index ub on u (b)").tag());
        e = s.error("insert into u values (1, 'x1')");
        assertEquals("duplicate key value violates unique constraint \"ub\"", e.getMessage());
        assertEquals("Key (b)=(x1) already exists.", e.detail());
        e = s.error("drop index u_pkey");
        assertEquals("index \"u_pkey\" does not exist", e.getMessage());
        assertEquals("DROP INDEX", s.run("drop index ub").tag());
        assertEquals("INSERT 0 1", s.run("insert into u values (1, 'x2')").tag());
        assertEquals("ALTER TABLE", s.run("alter table u add constraint u_b_uq unique (a, b)").tag());
        e = s.error("drop index u_b_uq");
        assertEquals("2BP01", e.sqlState());
        assertEquals("cannot drop index u_b_uq because constraint u_b_uq on table u requires it", e.getMessage());
        assertEquals("You can drop constraint u_b_uq on table u instead.", e.hint());
        assertEquals("ALTER TABLE", s.run("alter table u drop constraint u_b_uq").tag());
        assertEquals("TRUNCATE TABLE", s.run("truncate u").tag());
        assertEquals(List.of(), column("select b from u where a = 3"));
        assertEquals("INSERT 0 1", s.run("insert into u values (3, 'new')").tag());
        assertEquals(List.of("new"), column("select b from u where a = 3"));
    }

    @Test
    void unsupportedIndexFormsAre0A000() {
        s.run("create table v (a int, b text)");
        for (String sql : List.of("create index concurrently on v (a)", "create index on v ((a + 1))", "create index on v (lower(b))",
                "create index on v (a) where a > 1", "create index on v using hash (a)", "create index on v (a nulls first)")) {
            assertEquals("0A000", s.error(sql).sqlState(), sql);
        }
        assertEquals("42704", s.error("create index on v using foo (a)").sqlState());
        assertEquals("column \"zz\" does not exist", s.error("create index on v (zz)").getMessage());
        assertEquals("CREATE INDEX", s.run("create index if not exists v_idx on v (a desc)").tag());
        assertEquals("CREATE INDEX", s.run("create index if not exists v_idx on v (a)").tag());
        assertEquals("relation \"v_idx\" already exists", s.error("create index v_idx on v (b)").getMessage());
    }
}
