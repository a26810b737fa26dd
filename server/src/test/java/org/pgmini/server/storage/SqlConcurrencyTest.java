package org.pgmini.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.server.testing.RealPostmaster;

/**
 * Concurrent sessions through the real server with pgjdbc, with PostgreSQL 15's answers:
 * no lost update under READ COMMITTED (the second updater waits, then re-checks the newest
 * version), 40001 under REPEATABLE READ, 40P01 for a deadlock, DROP TABLE waits for a reader,
 * lock_timeout 55P03, a cancelled lock wait 57014, and ROLLBACK TO keeps the work before it.
 */
@Timeout(120)
class SqlConcurrencyTest {
    private static RealPostmaster pm;

    @BeforeAll
    static void start() throws Exception {
        pm = new RealPostmaster(Map.of("shared_buffers", "4MB", "deadlock_timeout", "200ms"));
    }

    @AfterAll
    static void stop() {
        if (pm != null) {
            pm.close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(pm.jdbcUrl(""));
    }

    @BeforeEach
    void table() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop table if exists c");
            s.execute("create table c (id int4, n int4)");
            s.execute("insert into c values (1, 0), (2, 0)");
        }
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getLong(1);
        }
    }

    /** Runs sql on another thread's connection; the future completes when it returns. */
    private static CompletableFuture<Object> async(Statement s, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                s.execute(sql);
                return "ok";
            } catch (SQLException e) {
                return e;
            }
        });
    }

    private static void assertBlocked(CompletableFuture<Object> f) throws Exception {
        assertThrows(TimeoutException.class, () -> f.get(400, TimeUnit.MILLISECONDS), "the statement waits");
    }

    @Test
    void noLostUpdateUnderReadCommitted() throws Exception {
        int threads = 4;
        int each = 50;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(CompletableFuture.runAsync(() -> {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    for (int i = 0; i < each; i++) {
                        s.execute("update c set n = n + 1 where id = 1");
                    }
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (CompletableFuture<Void> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals(threads * each, one(s, "select n from c where id = 1"));
        }
    }

    @Test
    void secondUpdaterWaitsAndRechecksTheCommittedVersion() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            sa.execute("update c set n = n + 10 where id = 1");
            // matches the version b's snapshot sees (n = 0), so it waits for a; the committed
            // version (n = 10) no longer matches: the row is skipped (PostgreSQL's EvalPlanQual)
            CompletableFuture<Object> f = async(sb, "update c set n = n * 2 where id = 1 and n = 0");
            assertBlocked(f);
            a.commit();
            assertEquals("ok", f.get(10, TimeUnit.SECONDS));
            assertEquals(0, sb.getUpdateCount());
            sa.execute("update c set n = n + 10 where id = 1");
            f = async(sb, "update c set n = n * 2 where id = 1");
            assertBlocked(f);
            a.commit();
            assertEquals("ok", f.get(10, TimeUnit.SECONDS));
            assertEquals(1, sb.getUpdateCount());
            assertEquals(40, one(sb, "select n from c where id = 1"), "(0 + 10 + 10) * 2: computed from the newest version");
        }
    }

    @Test
    void repeatableReadFailsWith40001() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            sa.execute("set transaction isolation level repeatable read");
            assertEquals(0, one(sa, "select n from c where id = 1"));
            sb.execute("update c set n = n + 10 where id = 1");
            assertEquals(0, one(sa, "select n from c where id = 1"), "the snapshot of a REPEATABLE READ transaction is stable");
            assertEquals(10, one(sb, "select n from c where id = 1"), "READ COMMITTED sees the committed update");
            SQLException e = assertThrows(SQLException.class, () -> sa.execute("update c set n = n + 1 where id = 1"));
            assertEquals("40001", e.getSQLState());
            assertEquals("ERROR: could not serialize access due to concurrent update", e.getMessage());
            a.rollback();
            assertEquals(10, one(sb, "select n from c where id = 1"));
        }
    }

    @Test
    void deadlockIsDetected() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.execute("update c set n = 1 where id = 1");
            sb.execute("update c set n = 2 where id = 2");
            CompletableFuture<Object> fa = async(sa, "update c set n = 1 where id = 2");
            assertBlocked(fa);
            Object rb = async(sb, "update c set n = 2 where id = 1").get(10, TimeUnit.SECONDS);
            Object ra = fa.get(10, TimeUnit.SECONDS);
            // exactly one of them is chosen as the victim
            SQLException victim = rb instanceof SQLException e ? e : (SQLException) ra;
            assertTrue(rb instanceof SQLException ^ ra instanceof SQLException, "one victim: " + ra + " / " + rb);
            assertEquals("40P01", victim.getSQLState());
            assertTrue(victim.getMessage().startsWith("ERROR: deadlock detected"), victim.getMessage());
            a.rollback();
            b.rollback();
        }
    }

    @Test
    void dropTableWaitsForAReader() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            assertEquals(2, one(sa, "select count(*) from c"));
            CompletableFuture<Object> drop = async(sb, "drop table c");
            assertBlocked(drop);
            assertEquals(2, one(sa, "select count(*) from c"), "the reader still sees the table");
            a.commit();
            assertEquals("ok", drop.get(10, TimeUnit.SECONDS));
            SQLException e = assertThrows(SQLException.class, () -> one(sa, "select count(*) from c"));
            assertEquals("42P01", e.getSQLState());
        }
    }

    @Test
    void lockTimeoutAndCancelEndAWait() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            sa.execute("update c set n = 5 where id = 1");
            sb.execute("set lock_timeout = '300ms'");
            SQLException e = assertThrows(SQLException.class, () -> sb.execute("update c set n = 6 where id = 1"));
            assertEquals("55P03", e.getSQLState());
            sb.execute("set lock_timeout = 0");
            CompletableFuture<Object> waiting = async(sb, "update c set n = 7 where id = 1");
            assertBlocked(waiting);
            sb.cancel();
            Object r = waiting.get(10, TimeUnit.SECONDS);
            assertTrue(r instanceof SQLException, "cancelled: " + r);
            assertEquals("57014", ((SQLException) r).getSQLState());
            a.commit();
            assertEquals(5, one(sb, "select n from c where id = 1"));
        }
    }

    @Test
    void aSessionThatEndsRollsBackAndReleasesItsLocks() throws Exception {
        try (Connection b = connect(); Statement sb = b.createStatement()) {
            CompletableFuture<Object> waiting;
            try (Connection a = connect(); Statement sa = a.createStatement()) {
                a.setAutoCommit(false);
                sa.execute("update c set n = 99 where id = 1");
                waiting = async(sb, "update c set n = n + 1 where id = 1");
                assertBlocked(waiting);
            } // disconnect with the transaction open
            assertEquals("ok", waiting.get(10, TimeUnit.SECONDS));
            assertEquals(1, one(sb, "select n from c where id = 1"), "the open transaction was rolled back");
        }
    }

    @Test
    void rollbackToSavepointKeepsEarlierWork() throws Exception {
        try (Connection a = connect(); Statement s = a.createStatement()) {
            a.setAutoCommit(false);
            s.execute("insert into c values (3, 3)");
            s.execute("savepoint sp");
            s.execute("insert into c values (4, 4)");
            assertThrows(SQLException.class, () -> s.execute("select 1/0"));
            s.execute("rollback to savepoint sp");
            s.execute("insert into c values (5, 5)");
            a.commit();
            assertEquals(3 + 5, one(s, "select sum(id) from c where id > 2"));
            assertFalse(a.getAutoCommit());
        }
    }
}
