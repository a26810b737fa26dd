package org.pgmini.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.server.testing.RealPostmaster;
import org.pgmini.server.worker.PostmasterProcess;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY FROM STDIN writes its rows with multi-row heap inserts (one WAL record per page). kill -9
 * of the postmaster right after a COPY committed: after crash recovery every row is there, with
 * its values; a COPY still open in a transaction at the crash leaves nothing. A COPY that fails
 * half way (a bad row after thousands of good ones, many pages already written) leaves nothing
 * visible, before and after a crash. Small shared_buffers so that some pages reach the disk by
 * eviction and others exist only in the WAL.
 */
class CopyCrashTest {
    private static final int ROWS = 120_000;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = RealPostmaster.tempDirOnShm("pgmini-copycrash");
    }

    @AfterEach
    void tearDown() {
        RealPostmaster.deleteTree(dir);
    }

    /** Rows 1..n: id, a text of varying length, a numeric; every 7th name NULL. */
    private static byte[] data(int n, int badAt) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append(i == badAt ? "oops" : Integer.toString(i)).append('\t');
            b.append(i % 7 == 0 ? "\\N" : "name " + i + "x".repeat(i % 50)).append('\t');
            b.append(i % 1000).append('.').append(i % 100).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long copyIn(Connection c, String table, byte[] data) throws Exception {
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        return cm.copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(data));
    }

    private static String summary(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), count(name), sum(id), "
                + "sum(length(name)), sum(amount), min(id), max(id) FROM " + table)) {
            r.next();
            return r.getLong(1) + " " + r.getLong(2) + " " + r.getLong(3) + " " + r.getLong(4) + " " + r.getBigDecimal(5)
                    + " " + r.getLong(6) + " " + r.getLong(7);
        }
    }

    /** What {@link #data} holds, computed here. */
    private static String expected(int n) {
        long names = 0, ids = 0, lengths = 0;
        java.math.BigDecimal amounts = java.math.BigDecimal.ZERO;
        for (int i = 1; i <= n; i++) {
            ids += i;
            if (i % 7 != 0) {
                names++;
                lengths += ("name " + i).length() + i % 50;
            }
            amounts = amounts.add(new java.math.BigDecimal((i % 1000) + "." + (i % 100)));
        }
        return n + " " + names + " " + ids + " " + lengths + " " + amounts + " 1 " + n;
    }

    @Test
    @Timeout(240)
    void committedCopySurvivesKillNineAndAnOpenOneLeavesNothing() throws Exception {
        Path data = PostmasterProcess.initdb(dir.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=2MB")) {
            try (Connection c = pm.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE done (id int, name text, amount numeric)");
                s.execute("CREATE TABLE pending (id int, name text, amount numeric)");
                assertEquals(ROWS, copyIn(c, "done", data(ROWS, -1)));
                assertEquals(expected(ROWS), summary(c, "done"));
            }
            Connection open = pm.connect();
            open.setAutoCommit(false);
            assertEquals(ROWS, copyIn(open, "pending", data(ROWS, -1)));
            pm.killHard(); // the COPY into "done" committed; the one into "pending" did not
            try {
                open.close();
            } catch (SQLException gone) {
                // the server is gone
            }
        }
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=2MB");
             Connection c = pm.connect()) {
            assertTrue(pm.logText().contains("redo done at"), "crash recovery ran");
            assertEquals(expected(ROWS), summary(c, "done"));
            assertEquals("0 0 0 0 null 0 0", summary(c, "pending"));
            // the tables take new rows after recovery
            assertEquals(10, copyIn(c, "pending", data(10, -1)));
            assertEquals(expected(10), summary(c, "pending"));
        }
    }

    @Test
    @Timeout(240)
    void copyFailingHalfWayLeavesNothingVisibleBeforeAndAfterACrash() throws Exception {
        Path data = PostmasterProcess.initdb(dir.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=2MB");
             Connection c = pm.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int, name text, amount numeric)");
            SQLException e = assertThrows(SQLException.class, () -> copyIn(c, "t", data(ROWS, ROWS / 2)));
            assertEquals("22P02", e.getSQLState());
            assertTrue(e.getMessage().contains("invalid input syntax for type integer: \"oops\""), e.getMessage());
            assertTrue(e.getMessage().contains("COPY t, line " + ROWS / 2 + ", column id: \"oops\""), e.getMessage());
            assertEquals("0 0 0 0 null 0 0", summary(c, "t"));
            s.execute("CHECKPOINT"); // the failed COPY's pages reach the data files
            pm.killHard();
        }
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=2MB");
             Connection c = pm.connect()) {
            assertEquals("0 0 0 0 null 0 0", summary(c, "t"));
            assertEquals(1000, copyIn(c, "t", data(1000, -1)));
            assertEquals(expected(1000), summary(c, "t"));
        }
    }
}
