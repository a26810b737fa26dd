package org.pgmini.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel worker JVMs read a table through the postmaster's shared buffer pool
 * ({@code pgmini_parallel_count}): their summed partial counts equal the serial scan, a
 * concurrent transaction's uncommitted rows are not counted, the leader's own uncommitted rows
 * of earlier commands are.
 */
class ParallelTableScanTest {
    @TempDir
    Path tmp;

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            String v = rs.getString(1);
            assertFalse(rs.next());
            return v;
        }
    }

    private static String serial(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*), sum(b) from t")) {
            assertTrue(rs.next());
            return "count=" + rs.getLong(1) + " sum=" + rs.getLong(2);
        }
    }

    @Test
    @Timeout(240)
    void workersCountWhatTheLeaderSees() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=4", "shared_buffers=2MB");
             Connection c = pm.connect(); Statement st = c.createStatement();
             Connection other = pm.connect(); Statement ost = other.createStatement()) {
            st.execute("create table t (a int4, b int8, pad text)");
            // ~ 30 MB of rows: more than shared_buffers, so workers also read pages from disk
            st.execute("insert into t select g, g % 1000, repeat('x', 200) from generate_series(1, 120000) g");
            st.execute("insert into t select g, null, 'n' from generate_series(1, 100) g");
            String serial = serial(st);
            assertEquals("count=120100 sum=" + (120L * 499_500), serial);
            assertEquals(serial + " workers=2", one(st, "select pgmini_parallel_count('t', 'b', 2)"));
            assertEquals(serial + " workers=1", one(st, "select pgmini_parallel_count('public.t', 'b', 1)"));
            assertEquals(serial + " workers=0", one(st, "select pgmini_parallel_count('t', 'b', 0)"));
            assertEquals("count=120100 sum=" + (120000L * 120001 / 2 + 5050) + " workers=2",
                    one(st, "select pgmini_parallel_count('t', 'a', 2)"));

            // another session's uncommitted rows are invisible to the workers too
            other.setAutoCommit(false);
            ost.execute("insert into t select g, 5, 'o' from generate_series(1, 3000) g");
            assertEquals(serial + " workers=2", one(st, "select pgmini_parallel_count('t', 'b', 2)"));

            // the leader's own uncommitted rows (earlier commands of its transaction) are counted
            c.setAutoCommit(false);
            st.execute("insert into t select g, 7, 'l' from generate_series(1, 2000) g");
            st.execute("delete from t where a <= 10 and pad <> 'l' and pad <> 'n'");
            String mine = serial(st);
            assertEquals("count=" + (120100 + 2000 - 10) + " sum=" + (120L * 499_500 + 14_000 - 55), mine);
            assertEquals(mine + " workers=2", one(st, "select pgmini_parallel_count('t', 'b', 2)"));
            c.rollback();
            other.commit();
            c.setAutoCommit(true);
            assertEquals("count=123100 sum=" + (120L * 499_500 + 15_000) + " workers=2",
                    one(st, "select pgmini_parallel_count('t', 'b', 2)"));

            SQLException e = assertThrows(SQLException.class, () -> one(st, "select pgmini_parallel_count('t', 'pad', 1)"));
            assertEquals("0A000", e.getSQLState());
            e = assertThrows(SQLException.class, () -> one(st, "select pgmini_parallel_count('nosuch', 'b', 1)"));
            assertEquals("42P01", e.getSQLState());
        }
    }
}
