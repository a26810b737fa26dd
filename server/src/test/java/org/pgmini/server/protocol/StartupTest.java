package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.SharedTestServer;
import org.pgmini.server.testing.TestServer;

/** The startup phase, message by message. */
class StartupTest {
    @RegisterExtension
    static final SharedTestServer server = new SharedTestServer();

    @Test
    void startupSendsAuthOkParameterStatusKeyDataAndReady() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startup(Map.of("user", "alice", "database", "postgres", "application_name", "startup-test"));
            List<Msg> msgs = c.readUntilReady();
            assertEquals('R', msgs.get(0).type());
            assertEquals(0, msgs.get(0).body()[3]); // AuthenticationOk
            Map<String, String> params = new HashMap<>();
            for (Msg m : PgWireClient.all(msgs, 'S')) {
                params.put(m.parameter()[0], m.parameter()[1]);
            }
            for (String name : List.of("server_version", "client_encoding", "DateStyle", "integer_datetimes",
                    "standard_conforming_strings", "TimeZone", "application_name", "is_superuser",
                    "session_authorization")) {
                assertTrue(params.containsKey(name), name + " reported: " + params);
            }
            assertEquals("startup-test", params.get("application_name"));
            assertEquals("alice", params.get("session_authorization"));
            Msg key = PgWireClient.first(msgs, 'K');
            assertEquals(8, key.body().length);
            Msg ready = msgs.get(msgs.size() - 1);
            assertEquals('I', ready.status());
            assertEquals('K', msgs.get(msgs.size() - 2).type());
        }
    }

    @Test
    void backendKeyDataIsUniquePerSession() throws Exception {
        try (PgWireClient a = server.connect(); PgWireClient b = server.connect()) {
            a.startup(Map.of("user", "u", "database", "postgres"));
            b.startup(Map.of("user", "u", "database", "postgres"));
            Msg ka = PgWireClient.first(a.readUntilReady(), 'K');
            Msg kb = PgWireClient.first(b.readUntilReady(), 'K');
            assertNotEquals(java.nio.ByteBuffer.wrap(ka.body()).getInt(), java.nio.ByteBuffer.wrap(kb.body()).getInt());
        }
    }

    @Test
    void sslAndGssEncRequestsAreAnsweredNThenStartupProceeds() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startupPacket(80877103, new byte[0]).flush();
            assertEquals('N', c.readByte());
            c.startupPacket(80877104, new byte[0]).flush();
            assertEquals('N', c.readByte());
            c.startup(Map.of("user", "u", "database", "template1"));
            List<Msg> msgs = c.readUntilReady();
            assertEquals('I', msgs.get(msgs.size() - 1).status());
        }
    }

    @Test
    void missingUserIsFatal28000() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startup(Map.of("database", "postgres"));
            List<Msg> msgs = c.readUntilClosed();
            Msg e = PgWireClient.first(msgs, 'E');
            assertEquals("FATAL", e.fields().get('S'));
            assertEquals("28000", e.sqlState());
            assertEquals("no PostgreSQL user name specified in startup packet", e.message());
        }
    }

    @Test
    void unknownDatabaseIsFatal3D000AfterAuthenticationOk() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startup(Map.of("user", "u", "database", "nosuchdb"));
            List<Msg> msgs = c.readUntilClosed();
            assertEquals("RE", PgWireClient.types(msgs));
            assertEquals("3D000", msgs.get(1).sqlState());
            assertEquals("database \"nosuchdb\" does not exist", msgs.get(1).message());
        }
    }

    @Test
    void databaseDefaultsToUserName() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startup(Map.of("user", "someone"));
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("database \"someone\" does not exist", e.message());
        }
    }

    @Test
    void template0DoesNotAcceptConnections() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startup(Map.of("user", "u", "database", "template0"));
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("55000", e.sqlState());
            assertEquals("database \"template0\" is not currently accepting connections", e.message());
        }
    }

    @Test
    void futureMajorProtocolVersionIsFatal0A000() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startupPacket(4 << 16, PgWireClient.concat(PgWireClient.cstr("user"), PgWireClient.cstr("u"), new byte[1]))
                    .flush();
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("0A000", e.sqlState());
            assertEquals("unsupported frontend protocol 4.0: server supports 3.0 to 3.0", e.message());
        }
    }

    @Test
    void newerMinorVersionAndProtocolOptionsGetNegotiateProtocolVersion() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startupPacket((3 << 16) | 2, PgWireClient.concat(PgWireClient.cstr("user"), PgWireClient.cstr("u"),
                    PgWireClient.cstr("database"), PgWireClient.cstr("postgres"),
                    PgWireClient.cstr("_pq_.fancy"), PgWireClient.cstr("1"), new byte[1])).flush();
            List<Msg> msgs = c.readUntilReady();
            Msg v = PgWireClient.first(msgs, 'v');
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(v.body());
            assertEquals(0, b.getInt());
            assertEquals(1, b.getInt());
            assertTrue(v.text().contains("_pq_.fancy"));
        }
    }

    @Test
    void unknownStartupParameterIsFatal() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startup(Map.of("user", "u", "database", "postgres", "no_such_guc", "1"));
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("FATAL", e.fields().get('S'));
            assertEquals("42704", e.sqlState());
        }
    }

    @Test
    void optionsParameterSetsGucs() throws Exception {
        try (PgWireClient c = server.connect()) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("user", "u");
            p.put("database", "postgres");
            p.put("options", "-c application_name=fromoptions --client_min_messages=warning");
            c.startup(p);
            c.readUntilReady();
            List<Msg> r = c.simple("SHOW application_name; SHOW client_min_messages");
            List<Msg> rows = PgWireClient.all(r, 'D');
            assertEquals("fromoptions", rows.get(0).values().get(0));
            assertEquals("warning", rows.get(1).values().get(0));
        }
    }

    @Test
    void badStartupPacketLengthIsRejected() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.raw(PgWireClient.int32(100_000)).raw(PgWireClient.int32(196608)).flush();
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("08P01", e.sqlState());
            assertEquals("invalid length of startup packet", e.message());
        }
    }

    @Test
    void startupPacketWithoutTerminatorIsRejected() throws Exception {
        try (PgWireClient c = server.connect()) {
            c.startupPacket(196608, PgWireClient.concat(PgWireClient.cstr("user"), PgWireClient.cstr("u"))).flush();
            Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
            assertEquals("08P01", e.sqlState());
            assertEquals("invalid startup packet layout: expected terminator as last byte", e.message());
        }
    }

    @Test
    void connectionWithoutStartupPacketIsDroppedAfterAuthenticationTimeout() throws Exception {
        try (TestServer s = new TestServer()) {
            s.mapConfig().set("authentication_timeout", "1");
            s.start();
            try (PgWireClient c = s.connect()) {
                long t0 = System.nanoTime();
                assertTrue(c.isClosedByServer());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms >= 900 && ms < 4000, "closed after " + ms + " ms");
            }
        }
    }

    @Test
    void hbaFileIsReReadWhenChanged() throws Exception {
        java.nio.file.Path hba = server.dataDirectory().resolve("pg_hba.conf");
        String original = Files.readString(hba);
        try {
            Files.writeString(hba, "host all blocked 127.0.0.1/32 reject\n" + original);
            Files.setLastModifiedTime(hba, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            try (PgWireClient c = server.connect()) {
                c.startup(Map.of("user", "blocked", "database", "postgres"));
                Msg e = PgWireClient.first(c.readUntilClosed(), 'E');
                assertEquals("28000", e.sqlState());
                assertEquals("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"blocked\", database "
                        + "\"postgres\", no encryption", e.message());
            }
            try (PgWireClient c = server.session()) {
                assertEquals('Z', c.simple("SELECT 1").get(3).type());
            }
        } finally {
            Files.writeString(hba, original);
            Files.setLastModifiedTime(hba, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10000));
        }
    }
}
