package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.error.PgException;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;
import org.pgmini.server.testing.TinyEngine;

import io.netty.channel.epoll.Epoll;

/** Unix-domain sockets: socket and lock files, local lines, peer authentication. */
@Timeout(60)
class UnixSocketTest {
    @BeforeAll
    static void needsEpoll() {
        Assumptions.assumeTrue(Epoll.isAvailable(), "Unix-domain sockets need Netty's native epoll transport");
    }

    private static TestServer server(String hba, Path dir) {
        TestServer s = new TestServer(new TinyEngine(), hba, 10);
        s.mapConfig().set("unix_socket_directories", dir.toString());
        return s.start();
    }

    private static Path socket(Path dir, TestServer s) {
        return dir.resolve(".s.PGSQL." + s.port());
    }

    @Test
    void localTrustLineAdmitsAndFilesAreRemovedAtShutdown() throws Exception {
        Path dir = Files.createTempDirectory("pgmini-sock");
        Path sock;
        Path lock;
        try (TestServer s = server("local all all trust\n", dir)) {
            sock = socket(dir, s);
            lock = dir.resolve(".s.PGSQL." + s.port() + ".lock");
            assertTrue(Files.exists(sock));
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readAllLines(lock).get(0));
            try (PgWireClient c = PgWireClient.connectUnix(sock)) {
                c.startup(Map.of("user", "anyone", "database", "postgres"));
                c.readUntilReady();
                assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT 1")));
            }
            // TCP does not match a local line.
            try (PgWireClient c = s.connect()) {
                c.startup(Map.of("user", "anyone", "database", "postgres"));
                assertEquals("28000", PgWireClient.first(c.readUntilClosed(), 'E').sqlState());
            }
        }
        assertFalse(Files.exists(sock));
        assertFalse(Files.exists(lock));
        Files.delete(dir);
    }

    @Test
    void peerAuthenticationComparesTheOsUser() throws Exception {
        Path dir = Files.createTempDirectory("pgmini-sock");
        try (TestServer s = server("local all all peer\n", dir)) {
            String me = System.getProperty("user.name");
            try (PgWireClient c = PgWireClient.connectUnix(socket(dir, s))) {
                c.startup(Map.of("user", me, "database", "postgres"));
                List<Msg> r = c.readUntilReady();
                assertEquals('I', r.get(r.size() - 1).status());
            }
            try (PgWireClient c = PgWireClient.connectUnix(socket(dir, s))) {
                c.startup(Map.of("user", me + "_not", "database", "postgres"));
                Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
                assertEquals("28000", e.sqlState());
                assertEquals("Peer authentication failed for user \"" + me + "_not\"", e.message());
            }
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void peerWithIdentMap() throws Exception {
        Path dir = Files.createTempDirectory("pgmini-sock");
        String me = System.getProperty("user.name");
        try (TestServer s = new TestServer(new TinyEngine(), "local all all peer map=m\n", 10)) {
            Files.writeString(s.dataDirectory().resolve("pg_ident.conf"),
                    "# map  system  database\nm " + me + " appuser\nm /^(.*)$ \\1_copy\n");
            s.mapConfig().set("unix_socket_directories", dir.toString());
            s.start();
            for (String user : new String[] {"appuser", me + "_copy"}) {
                try (PgWireClient c = PgWireClient.connectUnix(socket(dir, s))) {
                    c.startup(Map.of("user", user, "database", "postgres"));
                    List<Msg> r = c.readUntilReady();
                    assertEquals('I', r.get(r.size() - 1).status());
                }
            }
            try (PgWireClient c = PgWireClient.connectUnix(socket(dir, s))) {
                c.startup(Map.of("user", me, "database", "postgres")); // not in the map
                assertEquals("Peer authentication failed for user \"" + me + "\"",
                        PgWireClient.first(c.readUntilClosed(), 'E').message());
            }
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void noLocalLineNamesLocalHost() throws Exception {
        Path dir = Files.createTempDirectory("pgmini-sock");
        try (TestServer s = server(TestServer.TRUST_LOCALHOST, dir);
             PgWireClient c = PgWireClient.connectUnix(socket(dir, s))) {
            c.startup(Map.of("user", "u", "database", "postgres"));
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("no pg_hba.conf entry for host \"[local]\", user \"u\", database \"postgres\", no encryption",
                    e.message());
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void lockFileOfALiveProcessStopsTheStart() throws Exception {
        Path dir = Files.createTempDirectory("pgmini-sock");
        try (TestServer first = server("local all all trust\n", dir); TestServer second = new TestServer()) {
            // A second server on the same port number and directory: PostgreSQL refuses it.
            Path lock = dir.resolve(".s.PGSQL." + first.port() + ".lock");
            long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
            Files.writeString(lock, parent + "\n");
            second.mapConfig().set("unix_socket_directories", dir.toString())
                    .set("listen_addresses", "").set("port", Integer.toString(first.port()));
            PgException e = assertThrows(PgException.class, second::start);
            assertEquals("F0001", e.sqlState());
            assertEquals("lock file \"" + lock + "\" already exists", e.getMessage());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void missingDirectoryIsSkippedWhenTcpWorks() throws Exception {
        TestServer s = new TestServer();
        s.mapConfig().set("unix_socket_directories", "/nonexistent/pgmini-dir");
        try (TestServer started = s.start(); PgWireClient c = started.session()) {
            assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT 1")));
        }
    }
}
