package org.pgmini.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREATE TABLE AS / INSERT ... SELECT with ORDER BY on a parallel plan (Gather Merge over the
 * participants' Sorts) run in tape-import mode, with real worker JVMs: each participant sorts its
 * share into one run on its own file of a shared fileset, the leader imports the workers' tapes and
 * merges from disk. The tables equal the serial plan's (the same sequence of sort keys, the same
 * rows) for int8, text, several keys, DESC and NULL placement at work_mem 64kB (every participant
 * spills and merges its own runs) and 4MB; no temp file is left after success, an error in the
 * sorted rows, or a cancel.
 */
class ParallelTapeSortTest {
    @TempDir
    static Path tmp;
    static PostmasterProcess pm;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = PostmasterProcess.initdb(tmp.resolve("data"));
        pm = PostmasterProcess.start(data, "max_worker_processes=2");
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE src (id int8, t text, k int4, n int8, f float8)");
            // ids shuffled by a multiplicative permutation; k has many duplicates; n is NULL for every 7th row
            st.execute("INSERT INTO src SELECT (g * 7919) % 60001, md5(g::text), g % 37,"
                    + " CASE WHEN g % 7 = 0 THEN NULL ELSE (g * 31) % 1000 END, (g % 101) / 7.0"
                    + " FROM generate_series(1, 60000) g");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pm != null) {
            pm.close();
        }
    }

    private static void parallel(Statement st, String workMem) throws SQLException {
        st.execute("SET work_mem = '" + workMem + "'");
        st.execute("SET parallel_setup_cost = 0");
        st.execute("SET parallel_tuple_cost = 0");
        st.execute("SET min_parallel_table_scan_size = 0");
        st.execute("SET max_parallel_workers_per_gather = 2");
    }

    private static void serial(Statement st, String workMem) throws SQLException {
        st.execute("SET work_mem = '" + workMem + "'");
        st.execute("SET max_parallel_workers_per_gather = 0");
    }

    /** The table's rows in heap order (read serially: the order the insert wrote them in). */
    private static List<String> heapRows(Statement st, String table) throws SQLException {
        st.execute("SET max_parallel_workers_per_gather = 0");
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static List<String> column(List<String> rows, int... cols) {
        List<String> out = new ArrayList<>(rows.size());
        for (String r : rows) {
            String[] f = r.split("\\|", -1);
            StringBuilder sb = new StringBuilder();
            for (int c : cols) {
                sb.append(f[c]).append('|');
            }
            out.add(sb.toString());
        }
        return out;
    }

    static long tempFiles(Path data) throws Exception {
        Path d = data.resolve("base/pgsql_tmp");
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    static void assertNoTempFiles(Path data, String when) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tempFiles(data) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, tempFiles(data), "temp files left " + when);
    }

    private static List<String> plan(Statement st, String query) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("EXPLAIN (COSTS OFF) " + query)) {
            while (rs.next()) {
                plan.add(rs.getString(1).trim());
            }
        }
        return plan;
    }

    private static int counter;

    /**
     * Runs {@code CREATE TABLE AS query} serially and in parallel (tape import) and compares the
     * tables: the sequence of the sort-key columns {@code keyCols} exactly, the rows as a multiset
     * (rows with equal keys may be written in another order, as in PostgreSQL).
     */
    private static void sameAsSerial(String query, String workMem, int... keyCols) throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            String s = "ser" + counter, p = "par" + counter;
            counter++;
            serial(st, workMem);
            st.execute("CREATE TABLE " + s + " AS " + query);
            parallel(st, workMem);
            List<String> plan = plan(st, query);
            assertEquals("Gather Merge", plan.get(0), plan.toString());
            assertEquals(1, st.executeUpdate("CREATE TABLE " + p + " AS " + query) >= 0 ? 1 : 0);
            assertNoTempFiles(data, "after CREATE TABLE AS " + query);
            List<String> expected = heapRows(st, s);
            List<String> actual = heapRows(st, p);
            assertEquals(60000, expected.size());
            assertEquals(column(expected, keyCols), column(actual, keyCols), query + " at " + workMem);
            List<String> e2 = new ArrayList<>(expected);
            List<String> a2 = new ArrayList<>(actual);
            e2.sort(null);
            a2.sort(null);
            assertEquals(e2, a2, "same rows: " + query);
            st.execute("DROP TABLE " + s);
            st.execute("DROP TABLE " + p);
        }
    }

    @Test
    @Timeout(300)
    void resultsEqualTheSerialPlan() throws Exception {
        for (String wm : List.of("64kB", "4MB")) {
            sameAsSerial("SELECT id, k FROM src ORDER BY id", wm, 0);
            sameAsSerial("SELECT t, id FROM src ORDER BY t", wm, 0);
            sameAsSerial("SELECT k, t, id FROM src ORDER BY k, t DESC", wm, 0, 1);
            sameAsSerial("SELECT id, t FROM src ORDER BY id DESC", wm, 0);
            sameAsSerial("SELECT n, id, f FROM src ORDER BY n NULLS FIRST, f DESC", wm, 0, 2);
            sameAsSerial("SELECT n, k FROM src ORDER BY n DESC NULLS LAST", wm, 0);
        }
    }

    @Test
    @Timeout(120)
    void leaderMergesTheImportedTapes() throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            parallel(st, "64kB");
            st.execute("SET trace_sort = on");
            String before = pm.logText();
            st.execute("CREATE TABLE traced AS SELECT t FROM src ORDER BY t");
            String log = pm.logText().substring(before.length());
            // two workers' runs and the leader's own
            assertTrue(log.contains("leader imported 3 worker runs"), log);
            st.execute("SET pgmini.parallel_sort_tapes = off");
            before = pm.logText();
            st.execute("CREATE TABLE streamed AS SELECT t FROM src ORDER BY t");
            log = pm.logText().substring(before.length());
            assertFalse(log.contains("imported"), "the streaming Gather Merge: " + log);
            st.execute("RESET pgmini.parallel_sort_tapes");
            st.execute("SET trace_sort = off");
            assertEquals(heapRows(st, "streamed"), heapRows(st, "traced"));
            st.execute("DROP TABLE traced");
            st.execute("DROP TABLE streamed");
        }
        assertNoTempFiles(data, "after the traced sorts");
    }

    @Test
    @Timeout(120)
    void insertSelectOrderByUsesTheSameMode() throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            serial(st, "64kB");
            st.execute("CREATE TABLE ins_ser (id int8, t text)");
            st.execute("INSERT INTO ins_ser SELECT id, t FROM src ORDER BY t DESC");
            st.execute("CREATE TABLE ins_par (id int8, t text)");
            parallel(st, "64kB");
            st.execute("SET trace_sort = on");
            String before = pm.logText();
            assertEquals(60000, st.executeUpdate("INSERT INTO ins_par SELECT id, t FROM src ORDER BY t DESC"));
            st.execute("SET trace_sort = off");
            assertTrue(pm.logText().substring(before.length()).contains("leader imported 3 worker runs"));
            assertEquals(heapRows(st, "ins_ser"), heapRows(st, "ins_par"));
            st.execute("DROP TABLE ins_ser");
            st.execute("DROP TABLE ins_par");
        }
        assertNoTempFiles(data, "after INSERT ... SELECT ... ORDER BY");
    }

    @Test
    @Timeout(120)
    void errorInASortedRowLeavesNoTempFiles() throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            parallel(st, "64kB");
            for (int bad : new int[] {1, 30000, 59999}) {
                SQLException e = null;
                try {
                    st.execute("CREATE TABLE bad AS SELECT id, 100 / (id - " + bad + ") AS x FROM src ORDER BY id");
                } catch (SQLException ex) {
                    e = ex;
                }
                assertTrue(e != null, "division by zero raised");
                assertEquals("22012", e.getSQLState(), e.getMessage());
                assertNoTempFiles(data, "after a division by zero");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class WHERE relname = 'bad'")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1), "the failed CREATE TABLE AS left no table");
            }
            // the session and the workers go on working
            st.execute("CREATE TABLE good AS SELECT id FROM src ORDER BY id");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM good")) {
                assertTrue(rs.next());
                assertEquals(60000, rs.getInt(1));
            }
            st.execute("DROP TABLE good");
        }
    }

    @Test
    @Timeout(180)
    void cancelDuringTheSortLeavesNoTempFiles() throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            serial(st, "4MB");
            st.execute("CREATE TABLE big AS SELECT md5(g::text) || md5((g * 7)::text) AS t FROM generate_series(1, 400000) g");
            parallel(st, "64kB");
            String ctas = "CREATE TABLE slow AS SELECT t FROM big ORDER BY t";
            assertEquals("Gather Merge", plan(st, "SELECT t FROM big ORDER BY t").get(0));
            CompletableFuture<Object> q = CompletableFuture.supplyAsync(() -> {
                try {
                    st.execute(ctas);
                    return "finished";
                } catch (SQLException e) {
                    return e;
                }
            });
            // wait until the participants are writing their runs into the shared fileset
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !q.isDone() && sharedRunFiles(data) < 2) {
                Thread.sleep(5);
            }
            assertFalse(q.isDone(), "the sort was still running when runs were being written: " + q.getNow(null));
            st.cancel();
            Object outcome = q.get(120, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, "cancelled: " + outcome);
            assertEquals("57014", ((SQLException) outcome).getSQLState());
            assertNoTempFiles(data, "after a cancel");
            st.execute("DROP TABLE big");
        }
    }

    /** Files in the shared filesets under base/pgsql_tmp (the participants' run files). */
    static long sharedRunFiles(Path data) throws Exception {
        Path d = data.resolve("base/pgsql_tmp");
        if (!Files.isDirectory(d)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.filter(x -> x.getFileName().toString().endsWith(".sharedfileset")).toList()) {
                try (Stream<Path> f = Files.list(p)) {
                    n += f.count();
                } catch (java.io.IOException gone) {
                    // removed meanwhile
                }
            }
        }
        return n;
    }
}
