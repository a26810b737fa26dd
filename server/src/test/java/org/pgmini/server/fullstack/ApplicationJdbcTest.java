package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.RealPostmaster;

/**
 * What a typical JDBC application does, against the whole server: schema with serial keys,
 * batch inserts with generated keys, ResultSetMetaData, explicit transactions (commit,
 * rollback, savepoint), arrays in and out, views and SQL-level prepared statements; each with
 * text and binary transfer (pgjdbc's prepareThreshold 0 and -1).
 */
class ApplicationJdbcTest {
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

    private static Connection connect(String params) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(params));
    }

    @Test
    void ordersApplication() throws Exception {
        for (String params : List.of("prepareThreshold=0", "prepareThreshold=-1")) {
            try (Connection c = connect(params); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS orders");
                st.execute("CREATE TABLE orders (id serial PRIMARY KEY, customer varchar(40) NOT NULL, amount numeric(10,2), "
                        + "tags text[], placed date)");
                // batch insert with generated keys
                List<Integer> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO orders (customer, amount, tags, placed) VALUES (?, ?, ?, ?)", new String[] {"id"})) {
                    for (int i = 1; i <= 25; i++) {
                        ps.setString(1, "customer " + (i % 5));
                        ps.setBigDecimal(2, new BigDecimal(i + ".25"));
                        ps.setArray(3, c.createArrayOf("text", new String[] {"t" + i, i % 2 == 0 ? "even" : "odd"}));
                        ps.setDate(4, java.sql.Date.valueOf("2024-01-" + String.format("%02d", i)));
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    assertEquals(25, counts.length);
                    for (int n : counts) {
                        assertEquals(1, n);
                    }
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        while (keys.next()) {
                            ids.add(keys.getInt(1));
                        }
                    }
                }
                assertEquals(25, ids.size(), params);
                for (int i = 0; i < ids.size(); i++) {
                    assertEquals(i + 1, ids.get(i));
                }
                // single insert returning the key through getGeneratedKeys (RETURNING *)
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (customer, amount) VALUES (?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, "walk-in");
                    ps.setNull(2, Types.NUMERIC);
                    assertEquals(1, ps.executeUpdate());
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        assertTrue(keys.next());
                        assertEquals(26, keys.getInt("id"));
                        assertEquals("walk-in", keys.getString("customer"));
                    }
                }
                // metadata of a query
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, customer, amount, tags, placed, amount * 2 AS twice FROM orders WHERE id = ?")) {
                    ps.setInt(1, 4);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        assertEquals(6, md.getColumnCount());
                        assertEquals("id", md.getColumnName(1));
                        // pgjdbc reads pg_attrdef: an int4 column defaulting to nextval() is reported
                        // as "serial", as it is against PostgreSQL
                        assertEquals("serial", md.getColumnTypeName(1));
                        assertTrue(md.isAutoIncrement(1));
                        assertEquals(Types.INTEGER, md.getColumnType(1));
                        assertEquals("varchar", md.getColumnTypeName(2));
                        assertEquals(Types.VARCHAR, md.getColumnType(2));
                        assertEquals(Types.NUMERIC, md.getColumnType(3));
                        assertEquals("_text", md.getColumnTypeName(4));
                        assertEquals(Types.ARRAY, md.getColumnType(4));
                        assertEquals(Types.DATE, md.getColumnType(5));
                        assertEquals("twice", md.getColumnLabel(6));
                        assertTrue(rs.next());
                        assertEquals("customer 4", rs.getString(2));
                        assertEquals(new BigDecimal("4.25"), rs.getBigDecimal(3));
                        Array tags = rs.getArray(4);
                        assertArrayEquals(new String[] {"t4", "even"}, (String[]) tags.getArray());
                        assertEquals(java.sql.Date.valueOf("2024-01-04"), rs.getDate(5));
                        assertEquals(new BigDecimal("8.50"), rs.getBigDecimal(6));
                        assertFalse(rs.next());
                    }
                }
                // arrays as parameters: = ANY(?)
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*), sum(amount) FROM orders WHERE id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("int4", new Integer[] {1, 2, 3, 99}));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(3, rs.getInt(1));
                        assertEquals(new BigDecimal("6.75"), rs.getBigDecimal(2));
                    }
                }
                // transactions: rollback, savepoint, commit
                c.setAutoCommit(false);
                st.executeUpdate("UPDATE orders SET amount = 0 WHERE customer = 'customer 1'");
                c.rollback();
                st.executeUpdate("DELETE FROM orders WHERE id = 26");
                java.sql.Savepoint sp = c.setSavepoint("before_bad");
                SQLException dup = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO orders (id, customer) VALUES (1, 'dup')"));
                assertEquals("23505", dup.getSQLState());
                c.rollback(sp);
                st.executeUpdate("UPDATE orders SET amount = amount + 1 WHERE id = 1");
                c.commit();
                c.setAutoCommit(true);
                try (ResultSet rs = st.executeQuery("SELECT count(*), sum(amount) FROM orders")) {
                    assertTrue(rs.next());
                    assertEquals(25, rs.getInt(1));
                    // 1.25 + ... + 25.25 = 331.25, plus 1 on order 1
                    assertEquals(new BigDecimal("332.25"), rs.getBigDecimal(2));
                }
                // a view and SQL-level prepared statements through JDBC
                st.execute("CREATE OR REPLACE VIEW big_orders AS SELECT id, customer, amount FROM orders WHERE amount > 20");
                st.execute("PREPARE by_customer (text) AS SELECT count(*) FROM big_orders WHERE customer = $1");
                try (ResultSet rs = st.executeQuery("EXECUTE by_customer('customer 1')")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1)); // order 21
                }
                st.execute("DEALLOCATE by_customer");
                st.execute("DROP VIEW big_orders");
                st.execute("DROP TABLE orders");
            }
        }
    }
}
