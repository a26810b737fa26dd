package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.TestServer;
import org.pgmini.server.testing.TinyEngine;

/** pg_hba.conf decisions as the client sees them. */
class HbaRulesTest {
    private static Msg fatalFor(String hba, String user, String database) throws Exception {
        try (TestServer s = new TestServer(new TinyEngine(), hba, 5).start(); PgWireClient c = s.connect()) {
            c.startup(Map.of("user", user, "database", database));
            List<Msg> msgs = c.readUntilClosed();
            return PgWireClient.first(msgs, 'E');
        }
    }

    @Test
    void noMatchingLine() throws Exception {
        Msg e = fatalFor("host postgres admin 127.0.0.1/32 trust\n", "bob", "postgres");
        assertEquals("28000", e.sqlState());
        assertEquals("no pg_hba.conf entry for host \"127.0.0.1\", user \"bob\", database \"postgres\", no encryption",
                e.message());
    }

    @Test
    void rejectLineWinsWhenFirst() throws Exception {
        Msg e = fatalFor("host all bob 127.0.0.0/8 reject\nhost all all 0.0.0.0/0 trust\n", "bob", "postgres");
        assertEquals("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"bob\", database \"postgres\","
                + " no encryption", e.message());
    }

    @Test
    void hostsslAndLocalLinesNeverMatchPlainTcp() throws Exception {
        Msg e = fatalFor("local all all trust\nhostssl all all 127.0.0.1/32 trust\n", "bob", "postgres");
        assertEquals("28000", e.sqlState());
    }

    @Test
    void externalMethodsRefuseHonestly() throws Exception {
        Msg e = fatalFor("host all all 127.0.0.1/32 ldap ldapserver=ldap.example.net\n", "bob", "postgres");
        assertEquals("28000", e.sqlState());
        assertEquals("authentication method \"ldap\" is not supported", e.message());
        // ErrorResponse carries detail (D) and hint (H) when the error has them.
        assertEquals("Connection matched pg_hba.conf line 1.", e.fields().get('D'));
        assertEquals("pgmini supports trust, reject, peer, password, md5 and scram-sha-256.", e.fields().get('H'));
    }

    @Test
    void trustLineAdmits() throws Exception {
        try (TestServer s = new TestServer(new TinyEngine(), "hostnossl postgres bob 127.0.0.1 255.255.255.255 trust\n", 5)
                .start(); PgWireClient c = s.connect()) {
            c.startup(Map.of("user", "bob", "database", "postgres"));
            List<Msg> msgs = c.readUntilReady();
            assertEquals('I', msgs.get(msgs.size() - 1).status());
        }
    }
}
