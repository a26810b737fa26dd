package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;
import org.pgmini.server.testing.TinyEngine;

/** CancelRequest and max_connections. */
class CancelAndLimitsTest {

    @Test
    void cancelRequestCancelsTheRunningStatement() throws Exception {
        try (TestServer server = new TestServer().start(); PgWireClient c = server.connect()) {
            c.startup(Map.of("user", "u", "database", "postgres"));
            Msg key = PgWireClient.first(c.readUntilReady(), 'K');
            ByteBuffer k = ByteBuffer.wrap(key.body());
            int pid = k.getInt();
            int secret = k.getInt();

            c.query("SELECT pg_sleep(30)").flush();
            Thread.sleep(200);
            // A wrong key is ignored.
            try (PgWireClient canceller = server.connect()) {
                canceller.startupPacket(80877102, PgWireClient.concat(PgWireClient.int32(pid), PgWireClient.int32(secret + 1)))
                        .flush();
                assertTrue(canceller.isClosedByServer());
            }
            Thread.sleep(100);
            long t0 = System.nanoTime();
            try (PgWireClient canceller = server.connect()) {
                canceller.startupPacket(80877102, PgWireClient.concat(PgWireClient.int32(pid), PgWireClient.int32(secret)))
                        .flush();
                assertTrue(canceller.isClosedByServer());
            }
            List<Msg> r = c.readUntilReady();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("TEZ", PgWireClient.types(r));
            assertEquals("57014", r.get(1).sqlState());
            assertEquals("canceling statement due to user request", r.get(1).message());
            assertTrue(ms < 5000, "cancel took " + ms + " ms");
            // A cancel while idle cancels nothing later.
            try (PgWireClient canceller = server.connect()) {
                canceller.startupPacket(80877102, PgWireClient.concat(PgWireClient.int32(pid), PgWireClient.int32(secret)))
                        .flush();
                assertTrue(canceller.isClosedByServer());
            }
            Thread.sleep(100);
            assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT pg_sleep(0.05)")));
        }
    }

    @Test
    void maxConnectionsRefusesTheNextSessionWith53300() throws Exception {
        try (TestServer server = new TestServer(new TinyEngine(), TestServer.TRUST_LOCALHOST, 3).start()) {
            List<PgWireClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(server.session());
                }
                try (PgWireClient extra = server.connect()) {
                    extra.startup(Map.of("user", "u", "database", "postgres"));
                    List<Msg> msgs = extra.readUntilClosed();
                    assertEquals("E", PgWireClient.types(msgs));
                    assertEquals("FATAL", msgs.get(0).fields().get('S'));
                    assertEquals("53300", msgs.get(0).sqlState());
                    assertEquals("sorry, too many clients already", msgs.get(0).message());
                }
                // The existing sessions are unaffected; closing one frees a slot.
                assertEquals("TDCZ", PgWireClient.types(open.get(0).simple("SELECT 1")));
                open.remove(0).terminate().flush();
                long deadline = System.currentTimeMillis() + 5000;
                while (server.server().sessionCount() > 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                try (PgWireClient again = server.session()) {
                    assertEquals("TDCZ", PgWireClient.types(again.simple("SELECT 1")));
                }
            } finally {
                for (PgWireClient c : open) {
                    c.close();
                }
            }
        }
    }
}
