package org.pgmini.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.testing.RealPostmaster;

/**
 * Through the real server with pgjdbc: data written with SQL survives a clean stop and an
 * immediate one, and a table four times larger than shared_buffers reads back exactly, before
 * and after a restart (pages go through eviction and come back from disk).
 */
@Timeout(300)
class SqlDurabilityTest {
    private Path root;
    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("pgmini-sqldur");
        data = root.resolve("data");
        RealPostmaster.initdb(data);
    }

    @AfterEach
    void tearDown() {
        RealPostmaster.deleteTree(root);
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getLong(1);
        }
    }

    @Test
    void committedRowsSurviveCleanAndImmediateStops() throws Exception {
        Map<String, String> settings = Map.of("shared_buffers", "4MB");
        try (RealPostmaster pm = new RealPostmaster(data, settings);
             Connection c = DriverManager.getConnection(pm.jdbcUrl(""));
             Statement s = c.createStatement()) {
            s.execute("create table t (id int4 not null, v text)");
            s.execute("insert into t select g, 'row ' || g from generate_series(1, 1000) g");
            c.setAutoCommit(false);
            s.execute("insert into t values (5000, 'rolled back')");
            c.rollback();
            s.execute("insert into t values (2000, 'committed')");
            c.commit();
            c.setAutoCommit(true);
            s.execute("create table gone (x int4)");
            s.execute("drop table gone");
            pm.stop(ShutdownMode.FAST);
        }
        try (RealPostmaster pm = new RealPostmaster(data, settings);
             Connection c = DriverManager.getConnection(pm.jdbcUrl(""));
             Statement s = c.createStatement()) {
            assertEquals(1001, one(s, "select count(*) from t"));
            assertEquals(500500 + 2000, one(s, "select sum(id) from t"));
            assertEquals(0, one(s, "select count(*) from pg_class where relname = 'gone'"));
            s.execute("update t set v = 'changed' where id <= 10");
            s.execute("delete from t where id = 2000");
            pm.stop(ShutdownMode.IMMEDIATE);
        }
        try (RealPostmaster pm = new RealPostmaster(data, settings);
             Connection c = DriverManager.getConnection(pm.jdbcUrl(""));
             Statement s = c.createStatement()) {
            assertTrue(pm.postmaster().database().current().wal().recoveryResult().crashRecovery());
            assertEquals(1000, one(s, "select count(*) from t"));
            assertEquals(10, one(s, "select count(*) from t where v = 'changed'"));
        }
    }

    @Test
    void aTableFourTimesLargerThanSharedBuffers() throws Exception {
        // shared_buffers = 1MB (128 buffers); the table below is ~6 MB
        Map<String, String> settings = Map.of("shared_buffers", "1MB");
        long rows = 100_000;
        long sum = rows * (rows + 1) / 2;
        try (RealPostmaster pm = new RealPostmaster(data, settings);
             Connection c = DriverManager.getConnection(pm.jdbcUrl(""));
             Statement s = c.createStatement()) {
            s.execute("create table big (id int8, pad text)");
            s.execute("insert into big select g, repeat('x', 40) from generate_series(1, " + rows + ") g");
            long blocks = StorageFixture.blocks(pm.postmaster().database().current(), "big");
            assertTrue(blocks >= 4 * 128, "the table has " + blocks + " blocks, shared_buffers 128");
            assertEquals(rows, one(s, "select count(*) from big"));
            assertEquals(sum, one(s, "select sum(id) from big"));
            s.execute("update big set pad = 'y' where id % 1000 = 0");
            assertEquals(rows / 1000, one(s, "select count(*) from big where pad = 'y'"));
            pm.stop(ShutdownMode.FAST);
        }
        try (RealPostmaster pm = new RealPostmaster(data, settings);
             Connection c = DriverManager.getConnection(pm.jdbcUrl(""));
             Statement s = c.createStatement()) {
            assertEquals(rows, one(s, "select count(*) from big"));
            assertEquals(sum, one(s, "select sum(id) from big"));
            assertEquals(rows / 1000, one(s, "select count(*) from big where pad = 'y'"));
        }
    }
}
