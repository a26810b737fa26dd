package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.PostgresOracle;
import org.pgmini.server.testing.RealPostmaster;

/**
 * pgjdbc's DatabaseMetaData over the catalog: the same schema is created on pgmini and on
 * PostgreSQL 15 (the oracle), and getTables / getColumns / getSchemas must return the same
 * rows, every column compared as text. getPrimaryKeys and getIndexInfo read index keys through
 * information_schema._pg_expandarray and field selection ((...).n); getImportedKeys,
 * getExportedKeys and getCrossReference read pg_constraint's foreign-key columns (no foreign
 * keys here: both servers must return no rows, without error).
 */
class DatabaseMetaDataTest {
    private static RealPostmaster pgmini;
    private static PostgresOracle postgres;

    private static final String[] SCHEMA = {
        "CREATE SCHEMA jdbc_meta",
        "CREATE TABLE jdbc_meta.customers (id serial, name varchar(40) NOT NULL DEFAULT 'nobody', "
                + "balance numeric(12,2), since date, active boolean DEFAULT true, score float8, note text, "
                + "created timestamptz DEFAULT now(), code char(3), big bigint CHECK (big > 0))",
        "CREATE TABLE jdbc_meta.orders (n int4, amount numeric, placed timestamp, flag \"char\", b bytea, small int2)",
        "CREATE SEQUENCE jdbc_meta.counter",
        // indexes of PRIMARY KEY / UNIQUE constraints, a view, and keywords as column names
        "CREATE TABLE jdbc_meta.keyed (id int PRIMARY KEY, code varchar(10) UNIQUE, at int, position int, year int)",
        "CREATE VIEW jdbc_meta.keyed_view AS SELECT id, code, at FROM jdbc_meta.keyed WHERE id > 1",
        // a composite primary key in another column order, and plain indexes with DESC keys
        "CREATE TABLE jdbc_meta.lines (line int, order_no int, sku text, qty int, PRIMARY KEY (order_no, line))",
        "CREATE INDEX lines_sku_qty ON jdbc_meta.lines (sku DESC, qty)",
        "CREATE UNIQUE INDEX lines_sku_line ON jdbc_meta.lines (sku, line DESC)",
    };

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PostgresOracle.available(), "PostgreSQL 15 binaries are needed as the oracle");
        pgmini = new RealPostmaster();
        postgres = new PostgresOracle();
        for (Connection c : List.of(pgminiConnection(), postgresConnection())) {
            try (c; Statement st = c.createStatement()) {
                for (String sql : SCHEMA) {
                    st.execute(sql);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pgmini != null) {
            pgmini.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Connection pgminiConnection() throws SQLException {
        return DriverManager.getConnection(pgmini.jdbcUrl(""));
    }

    private static Connection postgresConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?user=postgres");
    }

    /** Every row as "LABEL=value" strings, in order. */
    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(md.getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private interface Call {
        ResultSet on(DatabaseMetaData m) throws SQLException;
    }

    private static void sameOnBoth(Call call) throws SQLException {
        List<String> expected = sameOnBothMaybeEmpty(call);
        assertFalse(expected.isEmpty(), "the oracle returned no rows: the test checks nothing");
    }

    /** Both servers' rows, compared; returns the oracle's (which may be empty). */
    private static List<String> sameOnBothMaybeEmpty(Call call) throws SQLException {
        List<String> expected;
        try (Connection c = postgresConnection()) {
            expected = rows(call.on(c.getMetaData()));
        }
        List<String> actual;
        try (Connection c = pgminiConnection()) {
            actual = rows(call.on(c.getMetaData()));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        return expected;
    }

    @Test
    void getTables() throws SQLException {
        sameOnBoth(m -> m.getTables(null, "jdbc_meta", "%", new String[] {"TABLE"}));
        sameOnBoth(m -> m.getTables(null, "jdbc_meta", "cust%", null));
        sameOnBoth(m -> m.getTables(null, "jdbc_meta", "%", new String[] {"SEQUENCE"}));
    }

    @Test
    void getColumns() throws SQLException {
        sameOnBoth(m -> m.getColumns(null, "jdbc_meta", "%", "%"));
        sameOnBoth(m -> m.getColumns(null, "jdbc_meta", "orders", "a%"));
    }

    @Test
    void getTablesOfIndexesAndViews() throws SQLException {
        sameOnBoth(m -> m.getTables(null, "jdbc_meta", "%", new String[] {"INDEX"}));
        sameOnBoth(m -> m.getTables(null, "jdbc_meta", "%", new String[] {"VIEW"}));
        sameOnBoth(m -> m.getTables(null, "jdbc_meta", "keyed%", null));
        sameOnBoth(DatabaseMetaData::getTableTypes);
    }

    @Test
    void getColumnsOfViewsAndKeywordNamedColumns() throws SQLException {
        sameOnBoth(m -> m.getColumns(null, "jdbc_meta", "keyed_view", "%"));
        sameOnBoth(m -> m.getColumns(null, "jdbc_meta", "keyed", "%"));
    }

    @Test
    void getPrimaryKeys() throws SQLException {
        sameOnBoth(m -> m.getPrimaryKeys(null, "jdbc_meta", "keyed"));
        sameOnBoth(m -> m.getPrimaryKeys(null, "jdbc_meta", "lines"));
        sameOnBoth(m -> m.getPrimaryKeys(null, "jdbc_meta", null));
        // a table without a primary key
        assertEquals(List.of(), sameOnBothMaybeEmpty(m -> m.getPrimaryKeys(null, "jdbc_meta", "orders")));
    }

    @Test
    void getIndexInfo() throws SQLException {
        sameOnBoth(m -> m.getIndexInfo(null, "jdbc_meta", "lines", false, false));
        sameOnBoth(m -> m.getIndexInfo(null, "jdbc_meta", "lines", true, false));
        sameOnBoth(m -> m.getIndexInfo(null, "jdbc_meta", "keyed", false, true));
    }

    @Test
    void foreignKeysAreNoneOnBoth() throws SQLException {
        assertEquals(List.of(), sameOnBothMaybeEmpty(m -> m.getImportedKeys(null, "jdbc_meta", "lines")));
        assertEquals(List.of(), sameOnBothMaybeEmpty(m -> m.getExportedKeys(null, "jdbc_meta", "keyed")));
        assertEquals(List.of(), sameOnBothMaybeEmpty(m -> m.getCrossReference(null, "jdbc_meta", "keyed", null, "jdbc_meta", "lines")));
    }

    /**
     * What an ORM or migration tool does at start-up: list the schema's tables, then read each
     * one's columns, primary key, indexes and foreign keys. Everything must equal the oracle's.
     */
    @Test
    void schemaIntrospectionLikeAnApplication() throws SQLException {
        List<String> expected = introspect(postgresConnection());
        List<String> actual = introspect(pgminiConnection());
        assertFalse(expected.isEmpty());
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    private static List<String> introspect(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (c) {
            DatabaseMetaData m = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = m.getTables(null, "jdbc_meta", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : tables) {
                out.add("table " + t);
                out.addAll(rows(m.getColumns(null, "jdbc_meta", t, "%")));
                out.addAll(rows(m.getPrimaryKeys(null, "jdbc_meta", t)));
                out.addAll(rows(m.getIndexInfo(null, "jdbc_meta", t, false, true)));
                out.addAll(rows(m.getImportedKeys(null, "jdbc_meta", t)));
                out.addAll(rows(m.getExportedKeys(null, "jdbc_meta", t)));
            }
        }
        return out;
    }

    @Test
    void getSchemas() throws SQLException {
        sameOnBoth(m -> m.getSchemas(null, "jdbc%"));
    }
}
