package org.pgmini.executor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/** DDL, DML and constraints through the engine on real storage; texts checked against PostgreSQL 15. */
class WritePathTest extends SingleSessionTest {
    private static void assertError(PgException e, String state, String message) {
        assertEquals(message, e.getMessage());
        assertEquals(state, e.sqlState());
    }

    @Test
    void createInsertReturningWithDefaultsAndSerial() {
        assertEquals("CREATE TABLE", s.run("create table t (id serial, v varchar(3), n int not null default 5, c int check (c > 0))").tag());
        DbSession.Result r = s.run("insert into t(v, n) values ('ab', 1), ('cd', 2) returning *");
        assertEquals("INSERT 0 2", r.tag());
        assertEquals(List.of(java.util.Arrays.asList("1", "ab", "1", null), java.util.Arrays.asList("2", "cd", "2", null)), r.rows());
        r = s.run("insert into t default values returning id, n");
        assertEquals("INSERT 0 1", r.tag());
        assertEquals(List.of(List.of("3", "5")), r.rows());
        assertEquals("INSERT 0 1", s.run("insert into t values (10, 'x', default, 7)").tag());
        assertEquals(List.of("10|x|5|7", "1|ab|1|", "2|cd|2|", "3||5|"), s.table("t"));
        // the explicit id consumed no sequence value
        assertEquals(List.of(List.of("4")), s.run("insert into t(n) values (9) returning id").rows());
    }

    @Test
    void constraintViolationsHavePostgresTexts() {
        s.run("create table t (id serial, v varchar(3), n int not null default 5, c int check (c > 0), d numeric(5,2))");
        PgException e = s.error("insert into t(v) values ('abcdef')");
        assertError(e, "22001", "value too long for type character varying(3)");
        e = s.error("insert into t(n) values ('abc')");
        assertError(e, "22P02", "invalid input syntax for type integer: \"abc\"");
        assertEquals(26, e.position());
        e = s.error("insert into t(n) values (null)");
        assertError(e, "23502", "null value in column \"n\" of relation \"t\" violates not-null constraint");
        assertEquals("Failing row contains (1, null, null, null, null).", e.detail());
        e = s.error("insert into t(c, n) values (-1, 1)");
        assertError(e, "23514", "new row for relation \"t\" violates check constraint \"t_c_check\"");
        assertEquals("Failing row contains (2, null, 1, -1, null).", e.detail());
        e = s.error("insert into t(n) values (true)");
        assertError(e, "42804", "column \"n\" is of type integer but expression is of type boolean");
        assertEquals("You will need to rewrite or cast the expression.", e.hint());
        assertEquals(26, e.position());
        e = s.error("insert into t(n) values ('1'::text)");
        assertError(e, "42804", "column \"n\" is of type integer but expression is of type text");
        assertEquals(List.of(), s.table("t"));

        s.run("create table u (a int, b int, check (a > b), check (a > 0), constraint named check (b < 10))");
        assertError(s.error("insert into u values (1, 2)"), "23514", "new row for relation \"u\" violates check constraint \"u_check\"");
        assertError(s.error("insert into u values (-1, -2)"), "23514", "new row for relation \"u\" violates check constraint \"u_a_check\"");
        assertError(s.error("insert into u values (11, 10)"), "23514", "new row for relation \"u\" violates check constraint \"named\"");
        assertEquals("INSERT 0 1", s.run("insert into u values (5, 1)").tag());
        assertError(s.error("update u set b = 6"), "23514", "new row for relation \"u\" violates check constraint \"u_check\"");
    }

    @Test
    void updateAndDeleteWithWhereAndReturning() {
        s.run("create table t (a int, b text)");
        s.run("insert into t values (1, 'one'), (2, 'two'), (3, 'three')");
        DbSession.Result r = s.run("update t set b = b || '!', a = a * 10 where a >= 2 returning a, b");
        assertEquals("UPDATE 2", r.tag());
        assertEquals(List.of(List.of("20", "two!"), List.of("30", "three!")), r.rows());
        assertEquals("UPDATE 0", s.run("update t set a = 0 where false").tag());
        r = s.run("delete from t where a = 20 returning *");
        assertEquals("DELETE 1", r.tag());
        assertEquals(List.of(List.of("20", "two!")), r.rows());
        assertEquals(List.of("1|one", "30|three!"), s.table("t"));
        assertEquals("DELETE 2", s.run("delete from t").tag());
        assertEquals(List.of(), s.table("t"));
        PgException e = s.error("update t set nosuch = 1");
        assertError(e, "42703", "column \"nosuch\" of relation \"t\" does not exist");
        e = s.error("insert into nosuch values (1)");
        assertError(e, "42P01", "relation \"nosuch\" does not exist");
        assertEquals(13, e.position());
    }

    @Test
    void preparedStatementsTakeParameterTypesFromColumnsAndRebindAfterDdl() {
        s.run("create table t (a int, b varchar(5), c numeric(6,2))");
        var parsed = DbSession.ENGINE.parse("insert into t as x values ($1, $2, $3) returning x.a + 1 as next, b");
        var q = DbSession.ENGINE.prepare(parsed.get(0), new int[0], s);
        assertEquals(List.of(23, 1043, 1700), java.util.Arrays.stream(q.parameterTypeOids()).boxed().toList());
        assertEquals("next", q.columns().get(0).name());
        s.db.commit();
        assertEquals(List.of(List.of("8", "hi")), s.run("insert into t as x values ($1, $2, $3) returning x.a + 1 as next, b",
                7, "hi", new java.math.BigDecimal("1.234")).rows());
        assertEquals(List.of("7|hi|1.23"), s.table("t"));
        // the cached plan binds again after the table changed under it
        s.run("alter table t add column d text");
        s.run("insert into t as x values ($1, $2, $3) returning x.a + 1 as next, b", 1, "x", null);
        assertEquals(List.of("1|x||", "7|hi|1.23|"), s.table("t"));
        assertEquals("DELETE 2", s.run("delete from t returning a + 1").tag());
    }

    @Test
    void primaryKeyAndUniqueAreEnforced() {
        s.run("create table k (id int primary key, a int, b text, unique (a, b))");
        assertEquals("INSERT 0 2", s.run("insert into k values (1, 1, 'x'), (2, 1, 'y')").tag());
        PgException e = s.error("insert into k values (1, 5, 'z')");
        assertError(e, "23505", "duplicate key value violates unique constraint \"k_pkey\"");
        assertEquals("Key (id)=(1) already exists.", e.detail());
        e = s.error("insert into k values (3, 1, 'x')");
        assertError(e, "23505", "duplicate key value violates unique constraint \"k_a_b_key\"");
        assertEquals("Key (a, b)=(1, x) already exists.", e.detail());
        assertEquals("INSERT 0 2", s.run("insert into k values (4, null, 'x'), (5, null, 'x')").tag());
        assertEquals("Key (id)=(6) already exists.", s.error("insert into k values (6, 6, 'a'), (6, 7, 'b')").detail());
        assertEquals("UPDATE 1", s.run("update k set id = 10 where id = 1").tag());
        assertEquals("DELETE 1", s.run("delete from k where id = 2").tag());
        assertEquals("INSERT 0 1", s.run("insert into k values (2, 9, 'q')").tag());
        assertEquals("UPDATE 1", s.run("update k set b = 'y' where id = 2").tag());
        assertError(s.error("update k set id = 4 where id = 2"), "23505", "duplicate key value violates unique constraint \"k_pkey\"");
        assertError(s.error("insert into k values (null, 1, 'w')"), "23502",
                "null value in column \"id\" of relation \"k\" violates not-null constraint");
        assertEquals(List.of("10|1|x", "2|9|y", "4||x", "5||x"), s.table("k"));
        e = s.error("create table k2 (a int primary key, b int primary key)");
        assertError(e, "42P16", "multiple primary keys for table \"k2\" are not allowed");
        assertEquals(43, e.position());
        e = s.error("create table k3 (a int, primary key (nosuch))");
        assertError(e, "42703", "column \"nosuch\" named in key does not exist");
        assertEquals(25, e.position());
        // in one transaction: delete then re-insert the same key
        s.run("begin; delete from k where id = 10; insert into k values (10, 0, 'n'); commit");
        assertEquals(List.of("10|0|n", "2|9|y", "4||x", "5||x"), s.table("k"));
    }

    @Test
    void insertFromAQueryAndCreateTableAs() {
        s.run("create table ii (n int, v varchar(2), d int default 4)");
        assertEquals("INSERT 0 1", s.run("insert into ii select '1', 'ab'").tag());
        assertEquals(List.of(List.of("7", "cd", "4")), s.run("insert into ii select 3 + 4, 'c' || 'd' returning *").rows());
        PgException e = s.error("insert into ii(n) select '1'::text");
        assertError(e, "42804", "column \"n\" is of type integer but expression is of type text");
        assertEquals(26, e.position());
        assertError(s.error("insert into ii select 1, 'abc'"), "22001", "value too long for type character varying(2)");
        e = s.error("insert into ii select 1, 'a', 2, 3");
        assertError(e, "42601", "INSERT has more expressions than target columns");
        assertEquals(34, e.position());
        assertEquals(List.of("1|ab|4", "7|cd|4"), s.table("ii"));

        assertEquals("SELECT 1", s.run("create table ctas as select 1 as a, 'x' as b, 'ab'::varchar(5) as c").tag());
        assertEquals(List.of("1|x|ab"), s.table("ctas"));
        assertEquals("CREATE TABLE AS", s.run("create table if not exists ctas as select 1").tag());
        assertEquals("relation \"ctas\" already exists, skipping", s.notices().get(s.notices().size() - 1).message());
        assertEquals("CREATE TABLE AS", s.run("create table ctas2 (x, y) as select 1, 2 with no data").tag());
        assertEquals(List.of(), s.table("ctas2"));
        assertEquals(List.of(List.of("5", "6")), s.run("insert into ctas2 values (5, 6) returning x, y").rows());
        assertError(s.error("create table ctas4 (x, y, z) as select 1, 2"), "42601", "too many column names were specified");
        assertError(s.error("insert into ctas values (1, 'y', 'abcdef')"), "22001", "value too long for type character varying(5)");
    }

    @Test
    void ddlRoundTripsAndNotices() {
        s.run("create table t (a int)");
        assertError(s.error("create table t (a int)"), "42P07", "relation \"t\" already exists");
        assertEquals("CREATE TABLE", s.run("create table if not exists t (a int)").tag());
        assertEquals("relation \"t\" already exists, skipping", s.notices().get(0).message());
        assertError(s.error("drop table nosuch"), "42P01", "table \"nosuch\" does not exist");
        assertEquals("DROP TABLE", s.run("drop table if exists nosuch, t2").tag());
        assertEquals("table \"t2\" does not exist, skipping", s.notices().get(2).message());
        s.run("insert into t values (1)");
        assertEquals("ALTER TABLE", s.run("alter table t add column c text").tag());
        s.run("insert into t values (2, 'x')");
        s.run("alter table t rename column c to d");
        assertEquals(List.of(List.of("x")), s.run("update t set a = a where d = 'x' returning d").rows());
        s.run("alter table t rename to u");
        assertError(s.error("insert into t values (1)"), "42P01", "relation \"t\" does not exist");
        s.run("alter table u drop column d");
        assertEquals(List.of("1", "2"), s.table("u"));
        assertEquals("TRUNCATE TABLE", s.run("truncate u").tag());
        assertEquals(List.of(), s.table("u"));
        assertEquals("CREATE SCHEMA", s.run("create schema s").tag());
        s.run("create schema if not exists s");
        s.run("create table s.t (x int)");
        s.run("insert into s.t values (42)");
        assertEquals(List.of(List.of("42")), s.run("delete from s.t returning x").rows());
        assertEquals("DROP TABLE", s.run("drop table u, s.t").tag());
    }

    @Test
    void ddlIsTransactional() {
        s.run("create table keep (a int)");
        s.run("insert into keep values (1)");
        s.run("begin");
        s.run("create table gone (a int)");
        s.run("insert into gone values (1)");
        s.run("drop table keep");
        s.run("rollback");
        assertEquals(List.of("1"), s.table("keep"));
        assertError(s.error("insert into gone values (1)"), "42P01", "relation \"gone\" does not exist");
        s.run("begin; truncate keep; insert into keep values (2); rollback");
        assertEquals(List.of("1"), s.table("keep"));
    }

    @Test
    void sequences() {
        assertEquals("CREATE SEQUENCE", s.run("create sequence sq").tag());
        assertError(s.error("select currval('sq')"), "55000", "currval of sequence \"sq\" is not yet defined in this session");
        assertEquals(List.of(List.of("1", "2", "2")), s.run("select nextval('sq'), nextval('sq'), currval('sq')").rows());
        assertEquals(List.of(List.of("10", "11")), s.run("select setval('sq', 10), nextval('sq')").rows());
        s.run("create sequence down increment by -2 start 7 maxvalue 7 minvalue 1");
        assertEquals(List.of(List.of("7", "5", "3", "1")), s.run("select nextval('down'), nextval('down'), nextval('down'), nextval('down')").rows());
        assertError(s.error("select nextval('down')"), "2200H", "nextval: reached minimum value of sequence \"down\" (1)");
        assertEquals("DROP SEQUENCE", s.run("drop sequence sq").tag());
        assertError(s.error("select nextval('sq')"), "42P01", "relation \"sq\" does not exist");
        // a serial column's sequence goes with its table, and cannot be dropped while the table uses it
        s.run("create table t (id bigserial, x int)");
        PgException dep = s.error("drop sequence t_id_seq");
        assertError(dep, "2BP01", "cannot drop sequence t_id_seq because other objects depend on it");
        assertEquals("default value for column id of table t depends on sequence t_id_seq", dep.detail());
        s.run("insert into t(x) values (1)");
        s.run("drop table t cascade");
        assertError(s.error("select nextval('t_id_seq')"), "42P01", "relation \"t_id_seq\" does not exist");
    }

    @Test
    void savepoints() {
        s.run("create table t (a int)");
        assertError(s.error("savepoint a"), "25P01", "SAVEPOINT can only be used in transaction blocks");
        s.run("begin");
        s.run("insert into t values (1)");
        assertEquals("SAVEPOINT", s.run("savepoint a").tag());
        s.run("insert into t values (2)");
        s.error("insert into t values ('x')");
        assertEquals("ROLLBACK", s.run("rollback to savepoint a").tag());
        s.run("insert into t values (3)");
        s.run("savepoint b");
        s.run("insert into t values (4)");
        assertEquals("RELEASE", s.run("release b").tag());
        assertEquals("COMMIT", s.run("commit").tag());
        assertEquals(List.of("1", "3", "4"), s.table("t"));
    }

    @Test
    void vacuumCheckpointLock() {
        s.run("create table t (a int)");
        s.run("insert into t values (1), (2), (3)");
        s.run("delete from t where a < 3");
        assertEquals("VACUUM", s.run("vacuum t").tag());
        assertEquals("VACUUM", s.run("vacuum").tag());
        assertError(s.error("lock table t"), "25P01", "LOCK TABLE can only be used in transaction blocks");
        s.run("begin");
        assertEquals("LOCK TABLE", s.run("lock table t in share row exclusive mode nowait").tag());
        assertError(s.error("vacuum t"), "25001", "VACUUM cannot run inside a transaction block");
        s.run("rollback");
        assertNull(null);
        assertTrue(s.table("t").contains("3"));
    }
}
