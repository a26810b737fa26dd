package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.pgmini.server.auth.RoleCatalog;
import org.pgmini.server.auth.ScramSha256;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;
import org.pgmini.server.testing.TinyEngine;

/** scram-sha-256, md5 and password lines against the role catalog written by initdb. */
class PasswordAuthTest {

    private static TestServer server(String method) throws Exception {
        TestServer s = new TestServer(new TinyEngine(), "host all all 127.0.0.1/32 " + method + "\n", 10);
        Files.createDirectories(s.dataDirectory().resolve("global"));
        Files.writeString(s.dataDirectory().resolve(RoleCatalog.FILE),
                "# test roles\nalice\tt\t" + ScramSha256.createVerifier("s3cret", 4096) + "\nnopw\tf\t\n");
        return s.start();
    }

    private static Connection connect(TestServer s, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port() + "/postgres", p);
    }

    private static void assertWorks(TestServer s) throws Exception {
        try (Connection c = connect(s, "alice", "s3cret"); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertTrue(rs.next());
        }
    }

    private static void assertRefused(TestServer s, String user, String password) {
        SQLException e = assertThrows(SQLException.class, () -> connect(s, user, password).close());
        assertEquals("28P01", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed for user \"" + user + "\""), e.getMessage());
    }

    @Test
    void scramSha256() throws Exception {
        try (TestServer s = server("scram-sha-256")) {
            assertWorks(s);
            assertRefused(s, "alice", "wrong");
            assertRefused(s, "nobody", "s3cret");
            assertRefused(s, "nopw", "anything");
        }
    }

    @Test
    void md5LineUsesScramForScramVerifiers() throws Exception {
        try (TestServer s = server("md5")) {
            assertWorks(s);
            assertRefused(s, "alice", "wrong");
        }
    }

    @Test
    void cleartextPassword() throws Exception {
        try (TestServer s = server("password")) {
            assertWorks(s);
            assertRefused(s, "alice", "wrong");
        }
    }

    @Test
    void saslExchangeOnTheWire() throws Exception {
        try (TestServer s = server("scram-sha-256"); PgWireClient c = s.connect()) {
            c.startup(Map.of("user", "alice", "database", "postgres"));
            Msg r = c.read();
            assertEquals('R', r.type());
            assertEquals(10, java.nio.ByteBuffer.wrap(r.body()).getInt());
            assertTrue(r.text().contains("SCRAM-SHA-256"));
            // Anything but a password message is a protocol violation.
            c.query("SELECT 1").flush();
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("08P01", e.sqlState());
            assertEquals("expected password response, got message type 81", e.message());
        }
    }

    @Test
    void trustWithRoleCatalogChecksTheRole() throws Exception {
        try (TestServer s = server("trust"); PgWireClient c = s.connect()) {
            c.startup(Map.of("user", "bob", "database", "postgres"));
            List<Msg> msgs = c.readUntilClosed();
            assertEquals("RE", PgWireClient.types(msgs));
            assertEquals("28000", msgs.get(1).sqlState());
            assertEquals("role \"bob\" does not exist", msgs.get(1).message());
        }
    }
}
