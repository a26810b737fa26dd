package org.pgmini.executor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.executor.TestDatabase;
import org.pgmini.storage.xact.IsolationLevel;

/**
 * Two sessions writing the same rows (PostgreSQL's semantics): the second writer waits for the
 * first; under READ COMMITTED it then works on the newest version, re-checking its WHERE clause
 * (EvalPlanQual); under REPEATABLE READ it fails with 40001.
 */
class ConcurrentWriteTest {
    @TempDir
    Path dir;
    DbSession a;
    DbSession b;
    ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() {
        a = new DbSession(TestDatabase.create(dir));
        b = new DbSession(a.db.otherSession());
        a.run("create table t (id int, v int)");
        a.run("insert into t values (1, 1), (2, 2)");
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        b.close();
        a.close();
    }

    /** Runs {@code sql} in session b on another thread and checks that it is blocked (still running after a while). */
    private Future<DbSession.Result> blockedInB(String sql) throws InterruptedException {
        Future<DbSession.Result> f = pool.submit(() -> b.run(sql));
        Thread.sleep(300);
        assertFalse(f.isDone(), "expected to wait for the other transaction: " + sql);
        return f;
    }

    /**
     * Session a runs {@code held} in a transaction, b's {@code waiting} must then wait for it
     * ({@link #blockedInB}), and a ends its transaction with {@code end} (commit or rollback).
     * Returns b's statement, done or about to be.
     */
    private Future<DbSession.Result> waitsBehindA(String held, String waiting, String end) throws InterruptedException {
        a.run("begin");
        a.run(held);
        Future<DbSession.Result> f = blockedInB(waiting);
        a.run(end);
        return f;
    }

    /** What b's waiting statement came to; waits at most 10 s. */
    private static DbSession.Result outcome(Future<DbSession.Result> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** The error b's waiting statement failed with (it must fail, within 10 s). */
    private static Throwable failureOf(Future<DbSession.Result> f) {
        return org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> outcome(f)).getCause();
    }

    @Test
    void readCommittedUpdateWaitsThenUpdatesTheNewestVersion() throws Exception {
        Future<DbSession.Result> f = waitsBehindA("update t set v = v + 1 where id = 1", "update t set v = v * 10 where id = 1 returning v", "commit");
        DbSession.Result r = outcome(f);
        assertEquals("UPDATE 1", r.tag());
        assertEquals(List.of(List.of("20")), r.rows());
        assertEquals(List.of("1|20", "2|2"), a.table("t"));
    }

    @Test
    void readCommittedRechecksWhereOnTheNewVersion() throws Exception {
        Future<DbSession.Result> f = waitsBehindA("update t set v = 100 where id = 1", "update t set v = v + 1 where v = 1", "commit");
        assertEquals("UPDATE 0", outcome(f).tag());
        assertEquals(List.of("1|100", "2|2"), a.table("t"));
    }

    @Test
    void readCommittedSkipsARowDeletedMeanwhile() throws Exception {
        Future<DbSession.Result> f = waitsBehindA("delete from t where id = 2", "delete from t where id >= 1 returning id", "commit");
        DbSession.Result r = outcome(f);
        assertEquals("DELETE 1", r.tag());
        assertEquals(List.of(List.of("1")), r.rows());
    }

    @Test
    void abortOfTheFirstWriterLetsTheSecondProceedOnTheOldVersion() throws Exception {
        Future<DbSession.Result> f = waitsBehindA("update t set v = 50 where id = 1", "update t set v = v + 1 where id = 1 returning v", "rollback");
        assertEquals(List.of(List.of("2")), outcome(f).rows());
    }

    @Test
    void repeatableReadFailsWithSerializationError() throws Exception {
        b.db.isolation = IsolationLevel.REPEATABLE_READ;
        b.run("begin");
        b.run("update t set v = v where id = 2"); // takes the transaction snapshot
        Future<DbSession.Result> f = waitsBehindA("update t set v = 7 where id = 1", "update t set v = 8 where id = 1", "commit");
        Throwable e = failureOf(f);
        PgException pe = (PgException) e;
        assertEquals("40001", pe.sqlState());
        assertEquals("could not serialize access due to concurrent update", pe.getMessage());
        b.run("rollback");
        // a change committed before the snapshot is no conflict
        b.run("begin");
        assertEquals("DELETE 1", b.run("delete from t where id = 1 and v = 7").tag());
        b.run("commit");
    }

    @Test
    void uniqueInsertWaitsForTheOtherInserterOfTheKey() throws Exception {
        a.run("create table k (id int primary key)");
        Future<DbSession.Result> f = waitsBehindA("insert into k values (1)", "insert into k values (1)", "commit");
        Throwable e = failureOf(f);
        assertEquals("23505", ((PgException) e).sqlState());
        // the other inserter rolls back: no conflict
        Future<DbSession.Result> g = waitsBehindA("insert into k values (2)", "insert into k values (2)", "rollback");
        assertEquals("INSERT 0 1", outcome(g).tag());
        // a concurrent delete of the key: the inserter waits and succeeds once it commits
        Future<DbSession.Result> h = waitsBehindA("delete from k where id = 1", "insert into k values (1)", "commit");
        assertEquals("INSERT 0 1", outcome(h).tag());
        assertEquals(List.of("1", "2"), a.table("k"));
    }

    @Test
    void selectForUpdateLocksRowsAndFollowsUpdates() throws Exception {
        a.run("begin");
        DbSession.Result r = a.run("select id, v from t where id = 1 for update");
        assertEquals("SELECT 1", r.tag());
        assertEquals(List.of(List.of("1", "1")), r.rows());
        // another locker or updater of the row waits; NOWAIT fails; SKIP LOCKED skips it
        PgException e = b.error("select * from t where id = 1 for update nowait");
        assertEquals("55P03", e.sqlState());
        assertEquals("could not obtain lock on row in relation \"t\"", e.getMessage());
        assertEquals(List.of(List.of("2")), b.run("select id from t order by id for update skip locked").rows());
        Future<DbSession.Result> f = blockedInB("select v from t where id = 1 for update");
        a.run("update t set v = 11 where id = 1");
        a.run("commit");
        assertEquals(List.of(List.of("11")), outcome(f).rows());
        // ORDER BY, LIMIT, OFFSET (rows now (1, 11), (2, 2))
        assertEquals(List.of(List.of("2", "2")), a.run("select * from t order by id desc limit 1 for update").rows());
        assertEquals(List.of(List.of("2")), a.run("select id from t order by v desc offset 1 for update of t").rows());
        assertEquals("42P01", a.error("select * from t for update of u").sqlState());
    }

    @Test
    void ddlWaitsForWritersAndWritersForDdl() throws Exception {
        Future<DbSession.Result> f = waitsBehindA("insert into t values (3, 3)", "drop table t", "commit");
        assertEquals("DROP TABLE", outcome(f).tag());
        a.run("create table t (id int, v int)");
        Future<DbSession.Result> g = waitsBehindA("drop table t", "insert into t values (1, 1)", "commit");
        Throwable e = failureOf(g);
        assertEquals("relation \"t\" does not exist", e.getMessage());
        // a rolled-back DROP lets the waiting writer go on with the table
        a.run("create table t (id int, v int)");
        Future<DbSession.Result> h = waitsBehindA("alter table t add column w int", "insert into t values (1, 1) returning *", "rollback");
        assertEquals(List.of(List.of("1", "1")), outcome(h).rows());
        // a committed ALTER: the waiting INSERT is analysed after it and sees the new column
        Future<DbSession.Result> k = waitsBehindA("alter table t add column w int", "insert into t values (2, 2, 2) returning *", "commit");
        assertEquals(List.of(List.of("2", "2", "2")), outcome(k).rows());
    }

    @Test
    void updateFromRechecksTheJoinedRowOnTheNewVersion() throws Exception {
        a.run("create table c (id int, d int)");
        a.run("insert into c values (1, 5), (2, 7)");
        a.run("begin");
        a.run("update t set v = 100 where id = 1");
        a.run("update t set v = 3 where id = 2");
        Future<DbSession.Result> f = blockedInB("update t set v = t.v + c.d from c where c.id = t.id and t.v < 50 returning t.id, t.v");
        a.run("commit");
        // row 1's new version (v = 100) fails the re-check; row 2's new version (3) passes and gets + 7
        DbSession.Result r = outcome(f);
        assertEquals("UPDATE 1", r.tag());
        assertEquals(List.of(List.of("2", "10")), r.rows());
        assertEquals(List.of("1|100", "2|10"), a.table("t"));
    }

    @Test
    void concurrentIncrementsLoseNoUpdate() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> x = two.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    a.run("update t set v = v + 1 where id = 1");
                }
            });
            Future<?> y = two.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    b.run("update t set v = v + 1 where id = 1");
                }
            });
            x.get(60, TimeUnit.SECONDS);
            y.get(60, TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }
        assertEquals(List.of("1|101", "2|2"), a.table("t"));
    }
}
