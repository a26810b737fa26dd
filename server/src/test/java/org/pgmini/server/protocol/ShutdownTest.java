package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;

/** start() failures and the three shutdown modes. */
class ShutdownTest {

    @Test
    void portInUseFailsStartWithPostgresMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
             TestServer server = new TestServer()) {
            server.mapConfig().set("port", Integer.toString(taken.getLocalPort()));
            PgException e = assertThrows(PgException.class, server::start);
            assertEquals("could not bind IPv4 address \"127.0.0.1\": Address already in use", e.getMessage());
            assertTrue(e.hint().startsWith("Is another postmaster already running on port "));
        }
    }

    @Test
    void missingHbaFileFailsStart() throws Exception {
        try (TestServer server = new TestServer()) {
            java.nio.file.Files.delete(server.dataDirectory().resolve("pg_hba.conf"));
            PgException e = assertThrows(PgException.class, server::start);
            assertEquals("could not load pg_hba.conf", e.getMessage());
            assertTrue(e.detail().contains("No such file or directory"), e.detail());
        }
    }

    @Test
    void listensOnEveryAddressOfTheList() throws Exception {
        try (TestServer server = new TestServer()) {
            server.mapConfig().set("listen_addresses", "127.0.0.1, localhost");
            server.start();
            assertTrue(server.server().boundAddresses().size() >= 1);
            try (PgWireClient c = server.session()) {
                assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT 1")));
            }
        }
    }

    @Test
    void smartShutdownRefusesNewSessionsAndWaitsForOldOnes() throws Exception {
        try (TestServer server = new TestServer().start()) {
            PgWireClient old = server.session();
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.server().shutdown(ShutdownMode.SMART));
            Thread.sleep(200);
            assertFalse(shutdown.isDone());
            try (PgWireClient late = server.connect()) {
                late.startup(Map.of("user", "u", "database", "postgres"));
                Msg e = PgWireClient.first(late.readUntilClosed(), 'E');
                assertEquals("57P03", e.sqlState());
                assertEquals("the database system is shutting down", e.message());
            }
            assertEquals("TDCZ", PgWireClient.types(old.simple("SELECT 1")));
            old.terminate().flush();
            old.close();
            shutdown.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fastShutdownTerminatesSessionsWith57P01() throws Exception {
        try (TestServer server = new TestServer().start()) {
            PgWireClient idle = server.session();
            PgWireClient busy = server.session();
            busy.query("SELECT pg_sleep(30)").flush();
            Thread.sleep(200);
            long t0 = System.nanoTime();
            server.server().shutdown(ShutdownMode.FAST);
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000);
            for (PgWireClient c : List.of(idle, busy)) {
                List<Msg> msgs = c.readUntilClosed();
                Msg e = PgWireClient.first(msgs, 'E');
                assertEquals("FATAL", e.fields().get('S'));
                assertEquals("57P01", e.sqlState());
                assertEquals("terminating connection due to administrator command", e.message());
                c.close();
            }
        }
    }

    @Test
    void fastShutdownEndsASessionBlockedOnAClientThatDoesNotRead() throws Exception {
        try (TestServer server = new TestServer().start(); PgWireClient c = server.session()) {
            c.query("SELECT generate_series(1, 400000), 'padding padding padding padding padding'").flush();
            Thread.sleep(1000); // the backend fills the socket and the outbound buffer, then waits
            long t0 = System.nanoTime();
            server.server().shutdown(ShutdownMode.FAST);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5000, "fast shutdown took " + ms + " ms");
            assertEquals(0, server.server().sessionCount());
        }
    }

    @Test
    void immediateShutdownWarnsAndCloses() throws Exception {
        try (TestServer server = new TestServer().start()) {
            PgWireClient c = server.session();
            server.server().shutdown(ShutdownMode.IMMEDIATE);
            List<Msg> msgs = c.readUntilClosed();
            Msg w = PgWireClient.first(msgs, 'N');
            assertEquals("WARNING", w.fields().get('S'));
            assertEquals("57P01", w.sqlState());
            assertEquals("terminating connection due to immediate shutdown command", w.message());
            c.close();
        }
    }
}
