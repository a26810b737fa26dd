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
import org.pgmini.wal.control.ControlFile;
import org.pgmini.wal.control.DbState;
import org.pgmini.wal.io.RealFileLayer;

/**
 * kill -9 of a real postmaster JVM: the next start runs crash recovery and logs it as
 * PostgreSQL's startup process does; a clean stop logs the shutdown checkpoint and leaves
 * pg_control "shut down", so the start after it does no redo.
 */
class PostmasterCrashTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void recoveryAfterKillNineIsLoggedLikePostgres() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=4MB")) {
            try (Connection c = pm.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select 1")) {
                assertTrue(r.next());
            }
            pm.killHard();
        }
        assertEquals(DbState.IN_PRODUCTION, new ControlFile(new RealFileLayer(), data).read().state());
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=4MB")) {
            String log = pm.logText();
            String[] expected = {
                "LOG:  database system was interrupted; last known up at ",
                "LOG:  database system was not properly shut down; automatic recovery in progress",
                "LOG:  redo starts at 0/",
                "LOG:  redo done at 0/",
                "LOG:  database system is ready to accept connections",
            };
            int from = log.lastIndexOf("starting pgmini");
            for (String line : expected) {
                int at = log.indexOf(line, from);
                assertTrue(at > from, "\"" + line + "\" in order in:\n" + log);
                from = at;
            }
            try (Connection c = pm.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select 2")) {
                assertTrue(r.next());
            }
        }
        // the close above was a fast shutdown: shutdown checkpoint, and no redo at the next start
        String afterStop = Files.readString(data.resolveSibling("data.log"));
        assertTrue(afterStop.contains("LOG:  checkpoint starting: shutdown immediate"), afterStop);
        assertEquals(DbState.SHUTDOWNED, new ControlFile(new RealFileLayer(), data).read().state());
        try (PostmasterProcess pm = PostmasterProcess.start(data, "shared_buffers=4MB")) {
            String log = pm.logText();
            String tail = log.substring(log.lastIndexOf("starting pgmini"));
            assertTrue(tail.contains("LOG:  database system was shut down at "), tail);
            assertTrue(!tail.contains("redo starts at"), tail);
        }
    }
}
