package org.pgmini.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.server.worker.PostmasterProcess;

/**
 * B-tree indexes survive kill -9 of the postmaster: rows inserted, updated and deleted through
 * a table with a primary key and a second index (page splits included) are all found through
 * index scans after crash recovery, and the unique check still sees the committed keys.
 */
class IndexCrashTest {
    @TempDir
    Path tmp;

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getLong(1);
        }
    }

    @Test
    @Timeout(180)
    void indexScansFindEveryCommittedRowAfterKillNine() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=4MB")) {
            try (Connection c = pm.connect(); Statement s = c.createStatement()) {
                s.execute("create table cr (a int primary key, b text)");
                s.execute("create index cr_b on cr (b)");
                s.execute("insert into cr select g, 'x' || g from generate_series(1, 20000) g");
                s.execute("update cr set b = 'y' || a where a % 7 = 0");
                s.execute("delete from cr where a % 11 = 0");
            }
            pm.killHard();
        }
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=4MB");
             Connection c = pm.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            long expected = 20000 - 20000 / 11;
            assertEquals(expected, one(s, "select count(*) from cr where a > 0"));
            assertEquals(expected, one(s, "select count(*) from cr where b >= ''"));
            assertEquals(1, one(s, "select count(*) from cr where b = 'y14'"));
            assertEquals(0, one(s, "select count(*) from cr where b = 'x14'"));
            assertEquals(0, one(s, "select count(*) from cr where a = 22"));
            try (ResultSet r = s.executeQuery("explain (costs off) select * from cr where a = 14")) {
                assertTrue(r.next());
                assertEquals("Index Scan using cr_pkey on cr", r.getString(1));
            }
            try {
                s.execute("insert into cr values (14, 'again')");
                throw new AssertionError("the primary key's index lost key 14");
            } catch (java.sql.SQLException e) {
                assertEquals("23505", e.getSQLState());
            }
        }
    }
}
