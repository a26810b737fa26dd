package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.SharedTestServer;

/**
 * What the connection-thread design (a session reads and writes its own socket,
 * {@link ClientConnection}) must keep: messages that arrive together are all answered, in
 * order; a message that arrives in pieces is assembled; a session busy in a statement blocks
 * nobody else; an idle session that is terminated wakes up and says why.
 */
class ConnectionThreadTest {
    @RegisterExtension
    static final SharedTestServer server = new SharedTestServer();

    @Test
    @Timeout(60)
    void pipelinedQueriesInOneWriteAreAnsweredInOrder() throws Exception {
        try (PgWireClient c = server.session()) {
            int n = 2000;
            for (int i = 0; i < n; i++) {
                c.query("SELECT " + i);
            }
            c.flush(); // ~30 KB in one write: many messages per read, some cut at a read's end
            for (int i = 0; i < n; i++) {
                List<Msg> r = c.readUntilReady();
                assertEquals("TDCZ", PgWireClient.types(r), "reply " + i);
                assertEquals(List.of(String.valueOf(i)), r.get(1).values());
            }
        }
    }

    @Test
    @Timeout(60)
    void aMessageArrivingByteByByteIsAssembled() throws Exception {
        try (PgWireClient c = server.session()) {
            ByteBuffer q = ByteBuffer.allocate(64);
            byte[] sql = PgWireClient.cstr("SELECT 'pieces'");
            q.put((byte) 'Q').putInt(4 + sql.length).put(sql);
            for (int i = 0; i < q.position(); i++) {
                c.raw(new byte[] {q.get(i)}).flush();
                if (i % 4 == 0) {
                    Thread.sleep(2); // let the session see a partial message and wait again
                }
            }
            List<Msg> r = c.readUntilReady();
            assertEquals("TDCZ", PgWireClient.types(r));
            assertEquals(List.of("pieces"), r.get(1).values());
        }
    }

    @Test
    @Timeout(60)
    void aBusySessionBlocksNoOtherSession() throws Exception {
        try (PgWireClient busy = server.session(); PgWireClient other = server.session()) {
            busy.query("SELECT pg_sleep(30)").flush();
            Thread.sleep(100);
            for (int i = 0; i < 20; i++) {
                assertEquals("TDCZ", PgWireClient.types(other.simple("SELECT " + i)));
            }
            assertEquals(0, busy.available(), "the sleeping statement has not answered yet");
            server.server().cancelBackend(sleepingPid());
            List<Msg> r = busy.readUntilReady();
            assertEquals("57014", PgWireClient.first(r, 'E').sqlState());
        }
    }

    @Test
    @Timeout(60)
    void terminatingAnIdleSessionWakesItWithFatal() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startup(Map.of("user", "tester", "database", "postgres"));
            int pid = ByteBuffer.wrap(PgWireClient.first(c.readUntilReady(), 'K').body()).getInt();
            assertTrue(server.server().terminateBackend(pid));
            List<Msg> r = c.readUntilClosed();
            assertEquals("E", PgWireClient.types(r));
            assertEquals("57P01", r.get(0).sqlState());
            assertEquals("terminating connection due to administrator command", r.get(0).message());
        }
    }

    /** The pid of the session running the sleep, from the server's activity list (pg_stat_activity). */
    private static int sleepingPid() {
        return server.server().activity().stream()
                .filter(a -> "SELECT pg_sleep(30)".equals(a.query()))
                .findFirst().orElseThrow().pid();
    }
}
