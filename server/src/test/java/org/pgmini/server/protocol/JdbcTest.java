package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pgmini.server.testing.SharedTestServer;

/** pgjdbc against the protocol layer (with the test engine). */
class JdbcTest {
    @RegisterExtension
    static final SharedTestServer server = new SharedTestServer();

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    @Test
    void simpleSelectAndServerVersion() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1, 'a'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("a", rs.getString(2));
            assertFalse(rs.next());
            assertEquals("15.0", c.getMetaData().getDatabaseProductVersion());
        }
    }

    @Test
    void preparedStatementWithParametersOfSeveralTypes() throws Exception {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?, ?")) {
            // More executions than prepareThreshold, so pgjdbc also switches to a named statement.
            for (int i = 0; i < 7; i++) {
                ps.setInt(1, 42 + i);
                ps.setLong(2, 1L << 40);
                ps.setString(3, "héllo wörld");
                ps.setBoolean(4, true);
                ps.setDouble(5, 2.5);
                ps.setNull(6, Types.INTEGER);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42 + i, rs.getInt(1));
                    assertEquals(1L << 40, rs.getLong(2));
                    assertEquals("héllo wörld", rs.getString(3));
                    assertTrue(rs.getBoolean(4));
                    assertEquals(2.5, rs.getDouble(5));
                    assertNull(rs.getObject(6));
                }
            }
        }
    }

    @Test
    void binaryTransferOfResults() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl() + "&prepareThreshold=-1&binaryTransfer=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?, 7")) {
            ps.setInt(1, 99);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(99, rs.getInt(1));
                assertEquals(7, rs.getInt(2));
            }
        }
    }

    @Test
    void fetchSizeUsesPortalsInsideTransaction() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10);
                try (ResultSet rs = s.executeQuery("SELECT generate_series(1, 95)")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        assertEquals(n, rs.getInt(1));
                    }
                    assertEquals(95, n);
                }
            }
            c.commit();
        }
    }

    @Test
    void errorsCarrySqlState() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1/0"));
            assertEquals("22012", e.getSQLState());
            e = assertThrows(SQLException.class, () -> s.executeQuery("SELEKT"));
            assertEquals("42601", e.getSQLState());
            // The session continues normally.
            try (ResultSet rs = s.executeQuery("SELECT 3")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
        }
    }

    @Test
    void transactionsAndAbortedState() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1/0"));
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
            assertEquals("25P02", e.getSQLState());
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            c.commit();
        }
    }

    @Test
    void warningsReachTheClient() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("COMMIT");
            SQLWarning w = s.getWarnings();
            assertEquals("there is no transaction in progress", w.getMessage());
            assertEquals("25P01", w.getSQLState());
        }
    }

    @Test
    void cancelInterruptsARunningStatement() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    s.cancel();
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT pg_sleep(30)"));
            assertEquals("57014", e.getSQLState());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000);
            canceller.get(5, TimeUnit.SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void queryTimeoutUsesCancel() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT pg_sleep(30)"));
            assertEquals("57014", e.getSQLState());
        }
    }
}
