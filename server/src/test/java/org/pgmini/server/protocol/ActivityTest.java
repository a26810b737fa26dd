package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pgmini.server.session.BackendActivity;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;

/** The pg_stat_activity snapshot and pg_cancel_backend / pg_terminate_backend entry points. */
class ActivityTest {
    private static int pidOf(List<Msg> startup) {
        return ByteBuffer.wrap(PgWireClient.first(startup, 'K').body()).getInt();
    }

    private static BackendActivity find(TestServer s, int pid) {
        for (BackendActivity a : s.server().activity()) {
            if (a.pid() == pid) {
                return a;
            }
        }
        throw new AssertionError("no backend " + pid);
    }

    @Test
    void activityStatesAndBackendControl() throws Exception {
        try (TestServer s = new TestServer().start(); PgWireClient a = s.connect(); PgWireClient b = s.connect()) {
            a.startup(Map.of("user", "ann", "database", "postgres", "application_name", "app-a"));
            int pidA = pidOf(a.readUntilReady());
            b.startup(Map.of("user", "bob", "database", "template1"));
            int pidB = pidOf(b.readUntilReady());

            BackendActivity act = find(s, pidA);
            assertEquals("ann", act.userName());
            assertEquals("postgres", act.databaseName());
            assertEquals("app-a", act.applicationName());
            assertEquals("idle", act.state());
            assertEquals("127.0.0.1", act.clientAddress().getHostAddress());

            b.simple("BEGIN");
            assertEquals("idle in transaction", find(s, pidB).state());
            b.simple("SELECT 1/0");
            assertEquals("idle in transaction (aborted)", find(s, pidB).state());
            assertEquals("SELECT 1/0", find(s, pidB).query());

            a.query("SELECT pg_sleep(20)").flush();
            Thread.sleep(200);
            act = find(s, pidA);
            assertEquals("active", act.state());
            assertEquals("SELECT pg_sleep(20)", act.query());
            assertTrue(act.queryStart() > 0);

            assertTrue(s.server().cancelBackend(pidA));
            List<Msg> r = a.readUntilReady();
            assertEquals("57014", PgWireClient.first(r, 'E').sqlState());
            assertEquals("idle", find(s, pidA).state());

            assertTrue(s.server().terminateBackend(pidB));
            Msg e = PgWireClient.first(b.readUntilClosed(), 'E');
            assertEquals("57P01", e.sqlState());
            assertEquals("FATAL", e.fields().get('S'));
            assertFalse(s.server().cancelBackend(123));
        }
    }
}
