package org.pgmini.server.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.RealPostmaster;

/**
 * The postmaster's request loop in-process with the real protocol server and engine:
 * readiness, external_pid_file, reload, and a smart shutdown (which waits for an open session)
 * escalated to fast (which terminates it).
 */
class PostmasterLifecycleTest {
    @Test
    void smartShutdownWaitsForSessionsAndCanBeEscalatedToFast() throws Exception {
        try (RealPostmaster pm = new RealPostmaster(Map.of("external_pid_file", "ext.pid"))) {
            Path dir = pm.dataDirectory();
            List<String> pid = PidFile.read(dir).orElseThrow();
            assertEquals(Integer.toString(pm.port()), pid.get(3));
            assertEquals("127.0.0.1", pid.get(5));
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve("ext.pid")));

            try (PgWireClient session = pm.session()) {
                assertEquals("1", PgWireClient.first(session.simple("SELECT 1"), 'D').values().get(0));

                Files.writeString(dir.resolve("postgresql.conf"), "work_mem = 12MB\n", java.nio.file.StandardOpenOption.APPEND);
                pm.postmaster().requestReload();
                waitFor(() -> showWorkMem(pm).equals("12MB"));

                pm.postmaster().requestShutdown(ShutdownMode.SMART);
                waitFor(() -> "stopping".equals(PidFile.read(dir).map(l -> l.get(7).strip()).orElse("")));
                // New sessions are refused, the open one goes on.
                try (PgWireClient late = PgWireClient.connect(pm.port())) {
                    late.startup(Map.of("user", RealPostmaster.USER, "database", "postgres"));
                    Msg refused = PgWireClient.first(late.readUntilClosed(), 'E');
                    assertEquals("57P03", refused.sqlState());
                }
                assertEquals("2", PgWireClient.first(session.simple("SELECT 1 + 1"), 'D').values().get(0));
                assertEquals(-1, pm.awaitExit(1), "a smart shutdown waits for the session");

                pm.postmaster().requestShutdown(ShutdownMode.SMART); // the same mode again is ignored
                pm.postmaster().requestShutdown(ShutdownMode.FAST);
                Msg terminated = PgWireClient.first(session.readUntilClosed(), 'E');
                assertEquals("57P01", terminated.sqlState());
                assertEquals("terminating connection due to administrator command", terminated.message());
            }
            assertEquals(0, pm.awaitExit(30));
            assertFalse(Files.exists(dir.resolve(PidFile.NAME)));
            assertFalse(Files.exists(dir.resolve("ext.pid")));
        }
    }

    private static String showWorkMem(RealPostmaster pm) {
        try (PgWireClient c = pm.session()) {
            return PgWireClient.first(c.simple("SHOW work_mem"), 'D').values().get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(20);
        }
    }
}
