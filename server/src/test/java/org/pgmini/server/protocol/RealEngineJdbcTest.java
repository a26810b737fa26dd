package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.server.testing.TestServer;

/**
 * pgjdbc through the protocol layer and the real executor (Calcite), with the test stand-in for
 * the GUC system ({@code fullstack.FullStackJdbcTest} runs the same kind of client against the
 * whole postmaster).
 */
class RealEngineJdbcTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(new CalciteSqlEngine(), TestServer.TRUST_LOCALHOST, 10).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    @Test
    void preparedStatementWithParametersOfSeveralTypes() throws Exception {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT ? + 1, ? * 2, ? || '!', ?, ? / 2, ?")) {
            for (int i = 0; i < 7; i++) { // beyond prepareThreshold: named statements and binary results
                ps.setInt(1, 41 + i);
                ps.setLong(2, 1L << 40);
                ps.setString(3, "héllo");
                ps.setBoolean(4, i % 2 == 0);
                ps.setDouble(5, 5.0);
                ps.setBigDecimal(6, new BigDecimal("12.345"));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42 + i, rs.getInt(1));
                    assertEquals(1L << 41, rs.getLong(2));
                    assertEquals("héllo!", rs.getString(3));
                    assertEquals(i % 2 == 0, rs.getBoolean(4));
                    assertEquals(2.5, rs.getDouble(5));
                    assertEquals(new BigDecimal("12.345"), rs.getBigDecimal(6));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void fetchSizeUsesAPortalInsideATransaction() throws Exception {
        StringBuilder values = new StringBuilder("VALUES (1)");
        for (int i = 2; i <= 25; i++) {
            values.append(", (").append(i).append(')');
        }
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10);
                try (ResultSet rs = s.executeQuery(values.toString())) {
                    int n = 0;
                    while (rs.next()) {
                        assertEquals(++n, rs.getInt(1));
                    }
                    assertEquals(25, n);
                }
            }
            c.commit();
        }
    }

    @Test
    void errorsCarrySqlStateAndTheSessionGoesOn() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals("22012", assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1/0")).getSQLState());
            assertEquals("42601", assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1")).getSQLState());
            assertEquals("42883", assertThrows(SQLException.class, () -> s.executeQuery("SELECT nosuchfn(1)")).getSQLState());
            c.setAutoCommit(false);
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1/0"));
            assertEquals("25P02", assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1")).getSQLState());
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT 'ok'")) {
                assertTrue(rs.next());
                assertEquals("ok", rs.getString(1));
            }
        }
    }
}
