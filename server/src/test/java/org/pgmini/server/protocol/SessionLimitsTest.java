package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pgmini.server.auth.RoleCatalog;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;
import org.pgmini.server.testing.TinyEngine;

/** Idle timeouts, superuser_reserved_connections and unix_socket_permissions. */
class SessionLimitsTest {

    @Test
    void idleSessionTimeoutEndsTheSession() throws Exception {
        try (TestServer s = new TestServer().start(); PgWireClient c = s.session()) {
            c.simple("SET idle_session_timeout = '300ms'");
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("FATAL", e.fields().get('S'));
            assertEquals("57P05", e.sqlState());
            assertEquals("terminating connection due to idle-session timeout", e.message());
        }
    }

    @Test
    void idleInTransactionTimeoutEndsTheSession() throws Exception {
        try (TestServer s = new TestServer().start(); PgWireClient c = s.session()) {
            c.simple("SET idle_in_transaction_session_timeout = '300ms'");
            // Outside a block the limit does not apply.
            Thread.sleep(500);
            assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT 1")));
            c.simple("BEGIN");
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("25P03", e.sqlState());
            assertEquals("terminating connection due to idle-in-transaction timeout", e.message());
        }
    }

    @Test
    void lastSlotsAreReservedForSuperusers() throws Exception {
        TestServer s = new TestServer(new TinyEngine(), TestServer.TRUST_LOCALHOST, 3);
        s.mapConfig().set("superuser_reserved_connections", "1");
        Files.createDirectories(s.dataDirectory().resolve("global"));
        Files.writeString(s.dataDirectory().resolve(RoleCatalog.FILE), "boss\tt\t\nplain\tf\t\n");
        List<PgWireClient> open = new ArrayList<>();
        try (TestServer started = s.start()) {
            for (int i = 0; i < 2; i++) {
                PgWireClient c = started.connect();
                open.add(c);
                c.startup(Map.of("user", "plain", "database", "postgres"));
                c.readUntilReady();
            }
            try (PgWireClient c = started.connect()) {
                c.startup(Map.of("user", "plain", "database", "postgres"));
                Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
                assertEquals("53300", e.sqlState());
                assertEquals("remaining connection slots are reserved for non-replication superuser connections",
                        e.message());
            }
            PgWireClient boss = started.connect();
            open.add(boss);
            boss.startup(Map.of("user", "boss", "database", "postgres"));
            List<Msg> r = boss.readUntilReady();
            assertEquals('Z', r.get(r.size() - 1).type());
        } finally {
            for (PgWireClient c : open) {
                c.close();
            }
        }
    }

    @Test
    void socketPermissionsFollowTheSetting() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(),
                "Unix-domain sockets need Netty's native epoll transport (Linux x86_64/aarch64)");
        java.nio.file.Path dir = Files.createTempDirectory("pgmini-sock");
        try (TestServer s = new TestServer()) {
            s.mapConfig().set("unix_socket_directories", dir.toString()).set("unix_socket_permissions", "448"); // 0700
            s.start();
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(".s.PGSQL." + s.port()))));
        } finally {
            Files.delete(dir);
        }
    }
}
