package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;
import org.pgmini.server.testing.WireDamage;

/**
 * Random, truncated and oversized messages on many connections: each broken connection gets
 * its error (or is just closed), and afterwards the server still serves a normal client.
 */
class FuzzTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(new org.pgmini.server.testing.TinyEngine(), TestServer.TRUST_LOCALHOST, 40).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oversizedMessageIsFatal08P01() throws Exception {
        try (PgWireClient c = server.session()) {
            c.raw(new byte[] {'Q'}).raw(PgWireClient.int32(0x40000000)).flush();
            List<Msg> r = c.readUntilClosed();
            assertEquals("E", PgWireClient.types(r));
            assertEquals("FATAL", r.get(0).fields().get('S'));
            assertEquals("08P01", r.get(0).sqlState());
            assertEquals("invalid message length", r.get(0).message());
        }
        try (PgWireClient c = server.session()) {
            // Sync is a small message type: 10000 bytes is PostgreSQL's limit there.
            c.raw(new byte[] {'S'}).raw(PgWireClient.int32(20000)).flush();
            assertEquals("invalid message length", c.readUntilClosed().get(0).message());
        }
    }

    @Test
    void lengthBelowFourIsFatal08P01() throws Exception {
        try (PgWireClient c = server.session()) {
            c.raw(new byte[] {'Q'}).raw(PgWireClient.int32(3)).flush();
            Msg e = c.readUntilClosed().get(0);
            assertEquals("08P01", e.sqlState());
            assertEquals("invalid message length", e.message());
        }
    }

    @Test
    void unknownMessageTypeIsFatal08P01() throws Exception {
        try (PgWireClient c = server.session()) {
            c.message('Y', new byte[0]).flush();
            Msg e = c.readUntilClosed().get(0);
            assertEquals("FATAL", e.fields().get('S'));
            assertEquals("invalid frontend message type 89", e.message());
        }
    }

    @Test
    void messagesBeforeTheBrokenOneAreAnsweredFirst() throws Exception {
        try (PgWireClient c = server.session()) {
            c.query("SELECT 1").raw(new byte[] {'Q'}).raw(PgWireClient.int32(-5)).flush();
            List<Msg> r = c.readUntilClosed();
            assertEquals("TDCZE", PgWireClient.types(r));
        }
    }

    @Test
    void randomGarbageOnManyConnectionsLeavesTheServerServing() throws Exception {
        WireDamage.onManyConnections(120, 1000, 60, FuzzTest::fuzzOne);
        // Every fuzz connection has gone away and a normal client is served.
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.server().sessionCount() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.server().sessionCount());
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SELECT 1; SELECT 'still alive'");
            assertEquals("TDCTDCZ", PgWireClient.types(r));
            c.parse("", "SELECT $1", 23).bind("", "", "5").execute("", 0).sync().flush();
            assertEquals("12DCZ", PgWireClient.types(c.readUntilReady()));
        }
    }

    /** One connection doing one kind of damage, chosen at random. */
    private static void fuzzOne(Random rnd) throws Exception {
        try (PgWireClient c = server.connect()) {
            c.setReadTimeout(10_000);
            int kind = rnd.nextInt(6);
            boolean started = kind >= 2;
            if (started) {
                c.startup(java.util.Map.of("user", "fuzz", "database", "postgres"));
                c.readUntilReady();
            }
            WireDamage.framing(c, rnd, kind);
            // Whatever comes back, the connection is then dropped by us; the server must carry on.
            WireDamage.drain(c, m -> { });
        }
    }
}
