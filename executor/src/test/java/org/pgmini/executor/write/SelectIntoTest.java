package org.pgmini.executor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.executor.TestDatabase;

/**
 * SELECT ... INTO (PostgreSQL's other spelling of CREATE TABLE AS) and EXPLAIN of both, as
 * PostgreSQL 15 answers them: the "SELECT n" tag, INTO found only outside strings, quoted
 * identifiers and parentheses, WITH ... INSERT INTO left alone, TEMP/UNLOGGED refused (0A000),
 * EXPLAIN printing the query's plan after the existence check (42P07, or a NOTICE and no plan).
 */
class SelectIntoTest {
    @TempDir
    Path dir;
    DbSession s;

    @BeforeEach
    void open() {
        s = new DbSession(TestDatabase.create(dir));
        s.run("create table src (a int, b text)");
        s.run("insert into src values (3, 'c'), (1, 'a'), (2, 'into')");
    }

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void selectIntoCreatesTheTable() {
        assertEquals("SELECT 3", s.run("select a, b into dst from src order by a").tag());
        assertEquals(List.of("1|a", "2|into", "3|c"), s.table("dst"));
        assertEquals("SELECT 1", s.run("SELECT b AS \"into\", 'into' AS x INTO TABLE \"Dst 2\" FROM src WHERE b = 'into'").tag());
        assertEquals(List.of(List.of("into", "into")), s.run("select * from \"Dst 2\"").rows());
        assertEquals("SELECT 2", s.run("select * into public.dst3 from (select a from src where a > 1) s").tag());
        assertEquals(List.of("2", "3"), s.table("dst3").stream().sorted().toList());
        assertEquals("SELECT 1", s.run("with w as (select max(a) m from src) select m into dst4 from w").tag());
        assertEquals(List.of("3"), s.table("dst4"));
        // not SELECT INTO: an INSERT under WITH, and INTO inside a string or a subquery's parentheses
        assertEquals("INSERT 0 1", s.run("with w as (select 9 a, 'z' b) insert into src select * from w").tag());
        assertEquals(List.of(List.of("into")), s.run("select b from src where b = 'into'").rows());
        PgException e = s.error("select a into dst from src");
        assertEquals("42P07", e.sqlState());
        assertEquals("relation \"dst\" already exists", e.getMessage());
        e = s.error("select 1 into temp t1");
        assertEquals("0A000", e.sqlState());
        assertEquals("SELECT INTO TEMP is not supported", e.getMessage());
        assertEquals("0A000", s.error("select 1 into unlogged table t1").sqlState());
    }

    @Test
    void explainPrintsTheQueryPlan() {
        List<List<String>> plan = s.run("explain (costs off) create table e1 as select a from src order by a").rows();
        assertEquals(List.of(List.of("Sort"), List.of("  Sort Key: a"), List.of("  ->  Seq Scan on src")), plan);
        assertEquals(plan, s.run("explain (costs off) select a into e1 from src order by a").rows());
        assertEquals("42P01", s.error("select count(*) from e1").sqlState(), "EXPLAIN created nothing");
        s.run("select a into e1 from src");
        PgException e = s.error("explain create table e1 as select 1");
        assertEquals("42P07", e.sqlState());
        assertEquals("relation \"e1\" already exists", e.getMessage());
        assertEquals(List.of(), s.run("explain create table if not exists e1 as select 1").rows());
        assertTrue(s.notices().get(s.notices().size() - 1).message().contains("already exists, skipping"));
        e = s.error("explain analyze create table e2 as select 1");
        assertEquals("0A000", e.sqlState());
    }
}
