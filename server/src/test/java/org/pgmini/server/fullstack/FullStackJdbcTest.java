package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.pgmini.server.testing.RealPostmaster;

/**
 * pgjdbc against the whole server in this JVM: the real postmaster (initdb'd data directory,
 * postgresql.conf, pg_hba.conf), the GUC system, the protocol server and the Calcite engine.
 */
class FullStackJdbcTest {
    private static RealPostmaster server;

    @BeforeAll
    static void start() throws Exception {
        server = new RealPostmaster();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect(String urlParameters) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(urlParameters));
    }

    private static final String ALL_TYPES = "SELECT ?::int2 AS a, ?::int4 AS b, ?::int8 AS c, ?::float4 AS d, "
            + "?::float8 AS e, ?::numeric AS f, ?::text AS g, ?::varchar AS h, ?::bool AS i";

    /** A text parameter of a date/time type is read in the session, as a literal would be: TimeZone and DateStyle apply. */
    @Test
    void textParametersAreReadInTheSessionsTimeZone() throws Exception {
        try (Connection c = connect("prepareThreshold=0"); java.sql.Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'Asia/Tokyo'");
            st.execute("SET DateStyle = 'ISO, DMY'");
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::timestamptz::text, (?::timestamptz = '2024-03-04 09:00+09')")) {
                ps.setObject(1, "04/03/2024 09:00", java.sql.Types.OTHER);
                ps.setObject(2, "2024-03-04 00:00Z", java.sql.Types.OTHER);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("2024-03-04 09:00:00+09", rs.getString(1), "DMY order and the session's zone");
                    assertTrue(rs.getBoolean(2));
                }
            }
        }
    }

    /**
     * prepareThreshold=0: never a named statement, text results. prepareThreshold=1: named
     * statement from the first execution, binary results from the second. -1: binary from the
     * first execution (pgjdbc describes the statement first).
     */
    @Test
    void parametersOfEveryTypeInTextAndBinary() throws Exception {
        for (String params : List.of("prepareThreshold=0", "prepareThreshold=1", "prepareThreshold=-1",
                "prepareThreshold=1&binaryTransfer=false")) {
            try (Connection c = connect(params); PreparedStatement ps = c.prepareStatement(ALL_TYPES)) {
                for (int round = 0; round < 4; round++) {
                    String what = params + " round " + round;
                    ps.setShort(1, (short) (-32768 + round));
                    ps.setInt(2, 2147483647 - round);
                    ps.setLong(3, -9223372036854775808L + round);
                    ps.setFloat(4, 1.5f + round);
                    ps.setDouble(5, 0.1 + round);
                    ps.setBigDecimal(6, new BigDecimal("123456789012345678901234567890.0123456789").add(BigDecimal.valueOf(round)));
                    ps.setString(7, "héllo wörld ✓ " + round);
                    ps.setString(8, "v" + round);
                    ps.setBoolean(9, round % 2 == 0);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), what);
                        assertEquals(-32768 + round, rs.getShort(1), what);
                        assertEquals(2147483647 - round, rs.getInt(2), what);
                        assertEquals(-9223372036854775808L + round, rs.getLong(3), what);
                        assertEquals(1.5f + round, rs.getFloat(4), what);
                        assertEquals(0.1 + round, rs.getDouble(5), what);
                        assertEquals(new BigDecimal("123456789012345678901234567890.0123456789").add(BigDecimal.valueOf(round)),
                                rs.getBigDecimal(6), what);
                        assertEquals("héllo wörld ✓ " + round, rs.getString(7), what);
                        assertEquals("v" + round, rs.getString(8), what);
                        assertEquals(round % 2 == 0, rs.getBoolean(9), what);
                        ResultSetMetaData md = rs.getMetaData();
                        assertEquals(List.of("int2", "int4", "int8", "float4", "float8", "numeric", "text", "varchar", "bool"),
                                List.of(md.getColumnTypeName(1), md.getColumnTypeName(2), md.getColumnTypeName(3),
                                        md.getColumnTypeName(4), md.getColumnTypeName(5), md.getColumnTypeName(6),
                                        md.getColumnTypeName(7), md.getColumnTypeName(8), md.getColumnTypeName(9)), what);
                        assertEquals("a", md.getColumnLabel(1), what);
                        assertFalse(rs.next(), what);
                    }
                }
                // NULL of every type, both ways.
                int[] sqlTypes = {Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.DOUBLE, Types.NUMERIC,
                    Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN};
                for (int i = 0; i < sqlTypes.length; i++) {
                    ps.setNull(i + 1, sqlTypes[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    for (int i = 1; i <= 9; i++) {
                        assertNull(rs.getObject(i), params + " column " + i);
                        assertTrue(rs.wasNull());
                    }
                }
            }
        }
    }

    @Test
    void parametersInExpressionsAndUntypedParameters() throws Exception {
        try (Connection c = connect("prepareThreshold=1");
             PreparedStatement ps = c.prepareStatement("SELECT ? + 1, ? || '!', coalesce(?, 'dflt'), ? IS NULL")) {
            for (int i = 0; i < 3; i++) {
                ps.setInt(1, 41 + i);
                ps.setString(2, "x" + i);
                ps.setNull(3, Types.VARCHAR);
                ps.setNull(4, Types.INTEGER);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42 + i, rs.getInt(1));
                    assertEquals("x" + i + "!", rs.getString(2));
                    assertEquals("dflt", rs.getString(3));
                    assertTrue(rs.getBoolean(4));
                }
            }
        }
    }

    @Test
    void badParameterValueIs22P02() throws Exception {
        try (Connection c = connect("prepareThreshold=0"); PreparedStatement ps = c.prepareStatement("SELECT ?::int4 + 1")) {
            ps.setString(1, "abc");
            PSQLException e = assertThrows(PSQLException.class, ps::executeQuery);
            assertEquals("22P02", e.getSQLState());
            assertEquals("invalid input syntax for type integer: \"abc\"", e.getServerErrorMessage().getMessage());
        }
    }

    private static String values(int n) {
        StringBuilder sb = new StringBuilder("VALUES (1, 'row 1')");
        for (int i = 2; i <= n; i++) {
            sb.append(", (").append(i).append(", 'row ").append(i).append("')");
        }
        return sb.toString();
    }

    /** setFetchSize outside autocommit: pgjdbc reads through a portal, fetchSize rows per Execute. */
    @Test
    void fetchSizeReadsThroughAPortal() throws Exception {
        String big = values(1000);
        try (Connection c = connect("")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); Statement other = c.createStatement()) {
                s.setFetchSize(37);
                try (ResultSet rs = s.executeQuery(big)) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        assertEquals(n, rs.getInt(1));
                        assertEquals("row " + n, rs.getString(2));
                        if (n == 100) {
                            // Another statement while the portal is suspended.
                            try (ResultSet o = other.executeQuery("SELECT 'between'")) {
                                assertTrue(o.next());
                                assertEquals("between", o.getString(1));
                            }
                        }
                    }
                    assertEquals(1000, n);
                }
            }
            // A prepared statement with a parameter, fetched 10 rows at a time, gives the same
            // rows as reading it in one go.
            String sql = "SELECT name, setting FROM pg_settings WHERE name LIKE ? ORDER BY name";
            List<String> whole = new java.util.ArrayList<>();
            List<String> chunked = new java.util.ArrayList<>();
            for (int fetch : new int[] {0, 10}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(fetch);
                    ps.setString(1, "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            (fetch == 0 ? whole : chunked).add(rs.getString(1) + "=" + rs.getString(2));
                        }
                    }
                }
            }
            assertTrue(whole.size() > 100, "pg_settings has " + whole.size() + " rows");
            assertEquals(whole, chunked);
            c.commit();
        }
    }

    /** Binary results from the first execution (prepareThreshold=-1), read 7 rows per Execute. */
    @Test
    void fetchSizeWithBinaryResults() throws Exception {
        try (Connection c = connect("prepareThreshold=-1")) {
            c.setAutoCommit(false);
            StringBuilder sql = new StringBuilder("VALUES (1::int8, 1.5::float8, 1.25::numeric, true)");
            for (int i = 2; i <= 50; i++) {
                sql.append(", (").append(i).append("::int8, ").append(i).append(".5::float8, ").append(i)
                        .append(".25::numeric, ").append(i % 2 == 1).append(')');
            }
            for (int round = 0; round < 2; round++) {
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    ps.setFetchSize(7);
                    try (ResultSet rs = ps.executeQuery()) {
                        int n = 0;
                        while (rs.next()) {
                            n++;
                            assertEquals(n, rs.getLong(1));
                            assertEquals(n + 0.5, rs.getDouble(2));
                            assertEquals(new BigDecimal(n + ".25"), rs.getBigDecimal(3));
                            assertEquals(n % 2 == 1, rs.getBoolean(4));
                        }
                        assertEquals(50, n);
                    }
                }
            }
            c.commit();
        }
    }

    private static PSQLException error(Statement s, String sql) {
        return assertThrows(PSQLException.class, () -> s.executeQuery(sql), sql);
    }

    @Test
    void errorsCarryPostgresSqlStatesAndTexts() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            PSQLException e = error(s, "SELECT 1/0");
            assertEquals("22012", e.getSQLState());
            assertEquals("division by zero", e.getServerErrorMessage().getMessage());
            assertEquals("ERROR", e.getServerErrorMessage().getSeverity());

            e = error(s, "SELECT 2147483647 + 1");
            assertEquals("22003", e.getSQLState());
            assertEquals("integer out of range", e.getServerErrorMessage().getMessage());

            e = error(s, "SELECT 'abc'::int4");
            assertEquals("22P02", e.getSQLState());
            assertEquals("invalid input syntax for type integer: \"abc\"", e.getServerErrorMessage().getMessage());
            assertEquals(8, e.getServerErrorMessage().getPosition());

            e = error(s, "SELECT 1 FROM WHERE");
            assertEquals("42601", e.getSQLState());
            ServerErrorMessage m = e.getServerErrorMessage();
            assertEquals("syntax error at or near \"WHERE\"", m.getMessage());
            assertEquals(15, m.getPosition());

            e = error(s, "SELECT nosuchfn(1)");
            assertEquals("42883", e.getSQLState());
            assertEquals("function nosuchfn(integer) does not exist", e.getServerErrorMessage().getMessage());
            assertEquals("No function matches the given name and argument types. You might need to add explicit type casts.",
                    e.getServerErrorMessage().getHint());
            assertEquals(8, e.getServerErrorMessage().getPosition());

            e = error(s, "SHOW no_such_setting");
            assertEquals("42704", e.getSQLState());
            assertEquals("unrecognized configuration parameter \"no_such_setting\"", e.getServerErrorMessage().getMessage());

            // The session is still usable after all of that.
            try (ResultSet rs = s.executeQuery("SELECT 'ok'")) {
                assertTrue(rs.next());
                assertEquals("ok", rs.getString(1));
            }
        }
    }

    private static TransactionState state(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    private static String show(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void transactionStatusAndAbortedBlocks() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertEquals(TransactionState.IDLE, state(c));
            s.execute("BEGIN");
            assertEquals(TransactionState.OPEN, state(c));
            s.execute("SET work_mem = '8MB'");
            s.execute("COMMIT");
            assertEquals(TransactionState.IDLE, state(c));
            assertEquals("8MB", show(s, "work_mem"));

            s.execute("BEGIN");
            s.execute("SET work_mem = '16MB'");
            assertEquals("16MB", show(s, "work_mem"));
            s.execute("ROLLBACK");
            assertEquals(TransactionState.IDLE, state(c));
            assertEquals("8MB", show(s, "work_mem"), "ROLLBACK undoes SET");

            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            assertEquals(TransactionState.OPEN, state(c));
            assertEquals("22012", error(s, "SELECT 1/0").getSQLState());
            assertEquals(TransactionState.FAILED, state(c));
            PSQLException aborted = error(s, "SELECT 1");
            assertEquals("25P02", aborted.getSQLState());
            assertEquals("current transaction is aborted, commands ignored until end of transaction block",
                    aborted.getServerErrorMessage().getMessage());
            c.rollback();
            assertEquals(TransactionState.IDLE, state(c));
            try (ResultSet rs = s.executeQuery("SELECT 2")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            c.commit();
            c.setAutoCommit(true);
            assertEquals(TransactionState.IDLE, state(c));
        }
    }

    /** Statement.cancel() from another thread stops a running pg_sleep with 57014, and the session goes on. */
    @Test
    void cancelStopsARunningStatement() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    st.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            canceller.start();
            long started = System.nanoTime();
            PSQLException e = assertThrows(PSQLException.class, () -> st.execute("SELECT pg_sleep(30)"));
            canceller.join();
            assertEquals("57014", e.getSQLState());
            assertEquals("canceling statement due to user request", e.getServerErrorMessage().getMessage());
            assertTrue(System.nanoTime() - started < 20_000_000_000L, "the sleep was cut short");
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void statementTimeoutStopsARunningStatement() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = 200");
            PSQLException e = assertThrows(PSQLException.class, () -> st.execute("SELECT pg_sleep(30)"));
            assertEquals("57014", e.getSQLState());
            assertEquals("canceling statement due to statement timeout", e.getServerErrorMessage().getMessage());
        }
    }

    /** now() is the transaction's start: the same for every statement of a block; statement_timestamp() moves on. */
    @Test
    void nowIsFixedForTheTransaction() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            String now1;
            String stmt1;
            try (ResultSet rs = st.executeQuery("SELECT now()::text, statement_timestamp()::text")) {
                assertTrue(rs.next());
                now1 = rs.getString(1);
                stmt1 = rs.getString(2);
            }
            st.execute("SELECT pg_sleep(0.02)");
            try (ResultSet rs = st.executeQuery("SELECT now()::text, statement_timestamp()::text")) {
                assertTrue(rs.next());
                assertEquals(now1, rs.getString(1));
                assertFalse(stmt1.equals(rs.getString(2)), "statement_timestamp() is the statement's");
            }
            c.commit();
            try (ResultSet rs = st.executeQuery("SELECT now()::text")) {
                assertTrue(rs.next());
                assertFalse(now1.equals(rs.getString(1)), "a new transaction has a new now()");
            }
        }
    }
}
