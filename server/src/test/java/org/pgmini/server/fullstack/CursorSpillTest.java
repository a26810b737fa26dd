package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.PostgresOracle;
import org.pgmini.server.testing.RealPostmaster;

/**
 * SQL cursors over results much larger than work_mem (64kB), against PostgreSQL 15 itself: a
 * script of FETCH / MOVE in every direction over a NO SCROLL cursor (streams from the plan), a
 * SCROLL cursor over a Sort (random-access sort spilled to tape, read backwards), SCROLL cursors
 * over plans that cannot run backwards (a tuple store spilled to a temp file) and WITH HOLD
 * cursors (materialized at commit) gives the same rows and command tags on both servers. Temp
 * files under base/pgsql_tmp exist while such a cursor is open and are gone after CLOSE, COMMIT,
 * ROLLBACK and an error.
 */
class CursorSpillTest {
    private static RealPostmaster pgmini;
    private static PostgresOracle postgres;

    private static final String[] SETUP = {
        "CREATE TABLE cur_big (id int4, k int8, t text)",
        "INSERT INTO cur_big SELECT g, (g::int8 * 7919) % 30011, md5(g::text) FROM generate_series(1, 30000) g",
        "SET work_mem = '64kB'",
    };

    /** Moves over a cursor named c, ending past both ends, re-fetching, and jumping by absolute positions. */
    private static final String[] SCROLL_SCRIPT = {
        "FETCH 3 FROM c", "FETCH PRIOR FROM c", "FETCH ABSOLUTE 20000 FROM c", "FETCH RELATIVE -7000 FROM c",
        "FETCH BACKWARD 3 FROM c", "FETCH RELATIVE 0 FROM c", "FETCH FORWARD 0 FROM c", "MOVE FORWARD 5000 IN c",
        "FETCH NEXT FROM c", "FETCH LAST FROM c", "FETCH NEXT FROM c", "FETCH PRIOR FROM c", "FETCH ABSOLUTE -2 FROM c",
        "FETCH ABSOLUTE 15000 FROM c", "FETCH ABSOLUTE 14990 FROM c", "FETCH FIRST FROM c", "FETCH PRIOR FROM c",
        "FETCH NEXT FROM c", "MOVE ALL IN c", "FETCH BACKWARD 2 FROM c", "MOVE BACKWARD ALL IN c", "FETCH 2 FROM c",
        "MOVE ABSOLUTE 40000 IN c", "FETCH BACKWARD 1 FROM c", "FETCH ABSOLUTE 0 FROM c", "FETCH RELATIVE 29999 FROM c",
        "FETCH RELATIVE 2 FROM c", "FETCH RELATIVE -1 FROM c", "MOVE 0 IN c",
    };

    private static final String[] FORWARD_SCRIPT = {
        "FETCH 3 FROM c", "MOVE 10000 IN c", "FETCH NEXT FROM c", "FETCH RELATIVE 5 FROM c", "FETCH ABSOLUTE 20000 FROM c",
        "FETCH FORWARD 0 FROM c", "MOVE ALL IN c", "FETCH NEXT FROM c",
    };

    private static final String[] QUERIES = {
        "SELECT id, k, t FROM cur_big ORDER BY t",
        "SELECT id, k FROM cur_big ORDER BY k DESC, id",
        "SELECT id, t FROM cur_big WHERE id % 3 <> 0",
        "SELECT a.id, b.t FROM cur_big a JOIN cur_big b ON b.id = 30001 - a.id ORDER BY a.id",
        "SELECT k % 1000 AS g, count(*), max(t) FROM cur_big GROUP BY k % 1000 ORDER BY 1",
    };

    @BeforeAll
    static void start() throws Exception {
        pgmini = new RealPostmaster(Map.of());
        postgres = PostgresOracle.available() ? new PostgresOracle() : null;
        for (boolean onPostgres : new boolean[] {false, true}) {
            if (onPostgres && postgres == null) {
                continue;
            }
            try (Connection c = onPostgres ? connectPostgres() : connectPgmini(); Statement st = c.createStatement()) {
                for (String s : SETUP) {
                    st.execute(s);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try (AutoCloseable a = pgmini; AutoCloseable b = postgres) {
            // both servers stop, also when one fails to
        }
    }

    private static Connection connectPgmini() throws SQLException {
        return DriverManager.getConnection(pgmini.jdbcUrl(""));
    }

    private static Connection connectPostgres() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?user=postgres");
    }

    /** What a statement shows: its rows, or its update count (MOVE n), or its error's SQLSTATE. */
    private static String run(Statement st, String sql) {
        try {
            if (st.execute(sql)) {
                StringBuilder sb = new StringBuilder();
                try (ResultSet rs = st.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    int rows = 0;
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            sb.append(i == 1 ? "" : "|").append(rs.getString(i));
                        }
                        sb.append('\n');
                        rows++;
                    }
                    sb.append('(').append(rows).append(" rows)");
                }
                return sb.toString();
            }
            return "count " + st.getUpdateCount();
        } catch (SQLException e) {
            return "ERROR " + e.getSQLState();
        }
    }

    private static List<String> script(Connection c, List<String> statements) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("SET work_mem = '64kB'");
            for (String s : statements) {
                out.add(s + " -> " + run(st, s));
            }
        }
        return out;
    }

    private static long tempFiles() throws Exception {
        Path d = pgmini.dataDirectory().resolve("base/pgsql_tmp");
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    private static void assertSameAsPostgres(List<String> statements) throws Exception {
        List<String> mine;
        try (Connection c = connectPgmini()) {
            mine = script(c, statements);
        }
        assertEquals(0, tempFiles(), "temp files left after " + statements);
        assumeTrue(postgres != null, "PostgreSQL 15 is not installed here");
        List<String> theirs;
        try (Connection c = connectPostgres()) {
            theirs = script(c, statements);
        }
        for (int i = 0; i < theirs.size(); i++) {
            assertEquals(theirs.get(i), mine.get(i));
        }
    }

    private static List<String> cursorScript(String declare, String query, String[] moves, String end) {
        List<String> s = new ArrayList<>();
        s.add("BEGIN");
        s.add(declare + " FOR " + query);
        s.addAll(List.of(moves));
        s.add(end);
        return s;
    }

    @Test
    void scrollCursorsMatchPostgres() throws Exception {
        for (String q : QUERIES) {
            assertSameAsPostgres(cursorScript("DECLARE c SCROLL CURSOR", q, SCROLL_SCRIPT, "COMMIT"));
        }
    }

    @Test
    void forwardCursorsStreamAndMatchPostgres() throws Exception {
        for (String q : QUERIES) {
            List<String> s = cursorScript("DECLARE c NO SCROLL CURSOR", q, FORWARD_SCRIPT, "ROLLBACK");
            s.add(s.size() - 1, "FETCH PRIOR FROM c"); // 55000: the transaction fails, ROLLBACK ends it
            assertSameAsPostgres(s);
        }
    }

    @Test
    void holdCursorsAreMaterializedAtCommit() throws Exception {
        for (String q : QUERIES) {
            for (String declare : List.of("DECLARE c SCROLL CURSOR WITH HOLD", "DECLARE c NO SCROLL CURSOR WITH HOLD")) {
                List<String> s = new ArrayList<>(List.of("BEGIN", declare + " FOR " + q, "FETCH 3 FROM c", "MOVE 100 IN c",
                        "COMMIT", "INSERT INTO cur_big VALUES (0, 0, 'new')", "FETCH 2 FROM c", "MOVE 25000 IN c",
                        "FETCH 2 FROM c"));
                if (declare.contains(" SCROLL")) {
                    s.addAll(List.of(SCROLL_SCRIPT));
                }
                s.addAll(List.of("DELETE FROM cur_big WHERE id = 0", "CLOSE c"));
                assertSameAsPostgres(s);
            }
            // declared outside a block: materialized at once; read to the end before commit
            assertSameAsPostgres(List.of("DECLARE c SCROLL CURSOR WITH HOLD FOR " + q, "FETCH ABSOLUTE 9000 FROM c",
                    "FETCH BACKWARD 2 FROM c", "CLOSE c", "BEGIN", "DECLARE c SCROLL CURSOR WITH HOLD FOR " + q,
                    "MOVE ALL IN c", "COMMIT", "FETCH PRIOR FROM c", "FETCH FIRST FROM c", "CLOSE c"));
        }
    }

    @Test
    void errorsInLaterRowsShowAtTheirFetch() throws Exception {
        String q = "SELECT id, 100 / (id - 25000) FROM cur_big";
        assertSameAsPostgres(List.of("BEGIN", "DECLARE c NO SCROLL CURSOR FOR " + q, "FETCH 3 FROM c", "MOVE 20000 IN c",
                "FETCH 4000 FROM c", "FETCH 1000 FROM c", "FETCH 1 FROM c", "ROLLBACK"));
        assertSameAsPostgres(List.of("BEGIN", "DECLARE c SCROLL CURSOR FOR " + q, "FETCH ABSOLUTE 20000 FROM c",
                "FETCH BACKWARD 3 FROM c", "FETCH ABSOLUTE 26000 FROM c", "ROLLBACK"));
        assertSameAsPostgres(List.of("BEGIN", "DECLARE c CURSOR WITH HOLD FOR " + q, "FETCH 2 FROM c", "COMMIT",
                "FETCH 1 FROM c", "SELECT 1"));
    }

    /** Temp files exist while a spilled cursor is open and go with CLOSE, COMMIT, ROLLBACK, an error and the session. */
    @Test
    void tempFilesGoWithTheCursor() throws Exception {
        try (Connection c = connectPgmini(); Statement st = c.createStatement()) {
            st.execute("SET work_mem = '64kB'");
            String[] ends = {"CLOSE c", "COMMIT", "ROLLBACK", "SELECT 1 / 0"};
            for (String q : new String[] {QUERIES[0], QUERIES[2]}) {
                for (String end : ends) {
                    st.execute("BEGIN");
                    st.execute("DECLARE c SCROLL CURSOR FOR " + q);
                    st.execute("MOVE 29000 IN c");
                    assertTrue(tempFiles() > 0, "a spilled cursor has temp files: " + q);
                    if (end.startsWith("SELECT")) {
                        assertThrows(SQLException.class, () -> st.execute(end));
                    } else {
                        st.execute(end);
                    }
                    assertEquals(0, tempFiles(), q + " then " + end);
                    st.execute("ROLLBACK");
                }
            }
            st.execute("DECLARE h SCROLL CURSOR WITH HOLD FOR " + QUERIES[2]);
            assertTrue(tempFiles() > 0, "a held cursor's store is on disk");
            st.execute("BEGIN");
            assertThrows(SQLException.class, () -> st.execute("SELECT 1 / 0"));
            st.execute("ROLLBACK");
            assertTrue(tempFiles() > 0, "a held cursor outlives a failed transaction");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (tempFiles() > 0 && System.nanoTime() < deadline) {
            System.gc(); // the session's cursors are closed when its session object goes away
            Thread.sleep(50);
        }
        assertEquals(0, tempFiles(), "a held cursor's temp file goes with its session");
    }
}
