package org.pgmini.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pgmini.server.storage.StorageFixture.createTable;
import static org.pgmini.server.storage.StorageFixture.ids;
import static org.pgmini.server.storage.StorageFixture.range;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.guc.ServerConfig;
import org.pgmini.server.postmaster.PostmasterContext;
import org.pgmini.server.protocol.ProtocolServer;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.RealPostmaster;
import org.pgmini.storage.walint.Database;
import org.pgmini.wal.control.ControlFile;
import org.pgmini.wal.control.DbState;
import org.pgmini.wal.io.RealFileLayer;

/**
 * The whole server in this JVM on one data directory, started and stopped several times:
 * committed tables and rows (made through the storage API until SQL DDL lands) survive a clean
 * stop and an immediate stop (crash recovery), pg_control says how the server stopped, initdb
 * --waldir puts the WAL elsewhere, and connections are refused with 57P03 while the database is
 * not ready.
 */
@Timeout(180)
class DurableServerTest {
    private static final Map<String, String> SMALL = Map.of("shared_buffers", "4MB", "max_connections", "20");
    private Path root;
    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("pgmini-durable");
        data = root.resolve("data");
    }

    @AfterEach
    void tearDown() {
        RealPostmaster.deleteTree(root);
    }

    private static DbState controlState(Path data) throws Exception {
        return new ControlFile(new RealFileLayer(), data).read().state();
    }

    @Test
    void cleanStopAndStartKeepTheCatalogAndRows() throws Exception {
        RealPostmaster.initdb(data);
        assertEquals(DbState.SHUTDOWNED, controlState(data), "initdb leaves a shut-down cluster");
        try (RealPostmaster pm = new RealPostmaster(data, SMALL)) {
            Database db = pm.postmaster().database().current();
            createTable(db, "kept", 0, 1000, true);
            createTable(db, "open", 0, 10, false); // still running at the stop: rolled back
            try (Connection c = DriverManager.getConnection(pm.jdbcUrl(""))) {
                assertTrue(c.isValid(5));
            }
            assertEquals(0, pm.stop(ShutdownMode.FAST));
        }
        assertEquals(DbState.SHUTDOWNED, controlState(data), "the shutdown checkpoint ran");
        try (RealPostmaster pm = new RealPostmaster(data, SMALL)) {
            Database db = pm.postmaster().database().current();
            assertFalse(db.wal().recoveryResult().crashRecovery());
            assertEquals(range(0, 1000), ids(db, "kept"));
            assertNull(ids(db, "open"));
            createTable(db, "second", 5, 7, true);
            assertEquals(0, pm.stop(ShutdownMode.SMART));
        }
        try (RealPostmaster pm = new RealPostmaster(data, SMALL)) {
            Database db = pm.postmaster().database().current();
            assertEquals(range(0, 1000), ids(db, "kept"));
            assertEquals(range(5, 7), ids(db, "second"));
        }
    }

    @Test
    void immediateStopLeavesRecoveryToTheNextStart() throws Exception {
        RealPostmaster.initdb(data);
        try (RealPostmaster pm = new RealPostmaster(data, SMALL)) {
            Database db = pm.postmaster().database().current();
            createTable(db, "t", 0, 300, true);
            db.checkpoint();
            createTable(db, "after_checkpoint", 0, 50, true);
            createTable(db, "uncommitted", 0, 50, false);
            assertEquals(0, pm.stop(ShutdownMode.IMMEDIATE));
        }
        assertEquals(DbState.IN_PRODUCTION, controlState(data), "no shutdown checkpoint after an immediate stop");
        try (RealPostmaster pm = new RealPostmaster(data, SMALL)) {
            Database db = pm.postmaster().database().current();
            assertTrue(db.wal().recoveryResult().crashRecovery(), "crash recovery ran");
            assertTrue(db.wal().recoveryResult().replayedRecords() > 0);
            assertEquals(range(0, 300), ids(db, "t"));
            assertEquals(range(0, 50), ids(db, "after_checkpoint"));
            assertNull(ids(db, "uncommitted"));
        }
    }

    @Test
    void initdbWaldirMakesPgWalASymlinkAndTheServerUsesIt() throws Exception {
        Path waldir = root.resolve("elsewhere/wal");
        RealPostmaster.initdb(data, "--waldir=" + waldir, "--wal-segsize=1");
        Path pgWal = data.resolve("pg_wal");
        assertTrue(Files.isSymbolicLink(pgWal));
        assertEquals(waldir, Files.readSymbolicLink(pgWal));
        assertTrue(Files.exists(waldir.resolve("000000010000000000000001")), "the first segment is in the WAL directory");
        assertEquals(1024 * 1024, Files.size(waldir.resolve("000000010000000000000001")), "--wal-segsize=1 makes 1 MB segments");
        try (RealPostmaster pm = new RealPostmaster(data, SMALL)) {
            Database db = pm.postmaster().database().current();
            assertEquals(1024 * 1024, db.wal().layout().segmentSize());
            try (Connection c = DriverManager.getConnection(pm.jdbcUrl(""));
                 java.sql.ResultSet r = c.createStatement().executeQuery("show wal_segment_size")) {
                r.next();
                assertEquals("1MB", r.getString(1), "wal_segment_size shows pg_control's value");
            }
            createTable(db, "t", 0, 20_000, true); // more than a segment of WAL
            assertEquals(0, pm.stop(ShutdownMode.FAST));
        }
        try (var files = Files.list(waldir)) {
            assertTrue(files.filter(f -> f.getFileName().toString().matches("[0-9A-F]{24}")).count() >= 2);
        }
        try (RealPostmaster pm = new RealPostmaster(data, SMALL)) {
            assertEquals(range(0, 20_000), ids(pm.postmaster().database().current(), "t"));
        }
    }

    @Test
    void theCheckpointerRunsWhenMaxWalSizeIsReached() throws Exception {
        RealPostmaster.initdb(data, "--wal-segsize=1");
        Map<String, String> settings = new java.util.HashMap<>(SMALL);
        settings.put("max_wal_size", "2MB");
        settings.put("min_wal_size", "2MB");
        try (RealPostmaster pm = new RealPostmaster(data, settings)) {
            Database db = pm.postmaster().database().current();
            long before = db.wal().controlData().checkPoint();
            createTable(db, "t", 0, 60_000, true); // several MB of WAL
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (db.wal().controlData().checkPoint() == before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(db.wal().controlData().checkPoint() > before, "a checkpoint was made after max_wal_size of WAL");
            assertTrue(db.wal().bytesSinceCheckpoint() < 2L * 1024 * 1024 + 1024 * 1024,
                    "the checkpoint moved the redo pointer: " + db.wal().bytesSinceCheckpoint());
        }
    }

    @Test
    void badWalSettingsStopTheStartWithAClearMessage() throws Exception {
        RealPostmaster.initdb(data);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new RealPostmaster(data, Map.of("wal_pmem_mode", "nvwal")));
        assertTrue(e.getMessage().contains("exited with 1"), e.getMessage());
        assertFalse(Files.exists(data.resolve("postmaster.pid")));
    }

    @Test
    void connectionsAreRefusedWith57P03UntilTheDatabaseIsReady() throws Exception {
        RealPostmaster.initdb(data);
        int port = RealPostmaster.freePort();
        ServerConfig config = ServerConfig.load(data, List.of(Map.entry("port", Integer.toString(port)),
                Map.entry("listen_addresses", "127.0.0.1"), Map.entry("unix_socket_directories", "")), Map.of());
        ServerDatabase db = new ServerDatabase(data, config); // not started: the startup process is "running"
        PostmasterContext ctx = new PostmasterContext(config, null, () -> true);
        ctx.setDatabase(db);
        ProtocolServer server = new ProtocolServer(ctx);
        server.start();
        try {
            assertRefused(server.port(), "the database system is starting up");
            db.crashed();
            assertRefused(server.port(), "the database system is in recovery mode");
            db.shutdown(ShutdownMode.FAST);
            assertRefused(server.port(), "the database system is shutting down");
        } finally {
            server.shutdown(ShutdownMode.IMMEDIATE);
        }
    }

    private static void assertRefused(int port, String message) throws Exception {
        try (PgWireClient c = PgWireClient.connect(port)) {
            c.startup(Map.of("user", RealPostmaster.USER, "database", "postgres"));
            PgWireClient.Msg m = c.read();
            assertEquals('E', m.type());
            assertEquals("FATAL", m.fields().get('S'));
            assertEquals("57P03", m.sqlState());
            assertEquals(message, m.message());
        }
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + RealPostmaster.USER));
        assertEquals("57P03", e.getSQLState());
    }
}
