package org.pgmini.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/** pg_hba.conf parsing and first-match lookup. */
class HbaFileTest {
    private static final Path FILE = Path.of("/tmp/test_pg_hba.conf");

    private static HbaFile parse(String text) {
        return HbaFile.parse(FILE, text);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void commentsBlankLinesAndFields() throws Exception {
        HbaFile f = parse("# comment\n\nhost  all  all  127.0.0.1/32  trust  # trailing\n"
                + "host\tpostgres,template1\tbob,\"carol x\"\t10.0.0.0/8\treject\n");
        assertEquals(2, f.lines().size());
        assertEquals(3, f.lines().get(0).lineNumber());
        assertEquals(AuthMethod.TRUST, f.match(ip("127.0.0.1"), "anyone", "anydb").method());
        assertEquals(AuthMethod.REJECT, f.match(ip("10.1.2.3"), "carol x", "template1").method());
        assertNull(f.match(ip("10.1.2.3"), "carol", "template1"));
        assertNull(f.match(ip("10.1.2.3"), "bob", "other"));
    }

    @Test
    void firstMatchWins() throws Exception {
        HbaFile f = parse("host all bob 0.0.0.0/0 reject\nhost all all 0.0.0.0/0 trust\n");
        assertEquals(AuthMethod.REJECT, f.match(ip("192.168.1.1"), "bob", "postgres").method());
        assertEquals(AuthMethod.TRUST, f.match(ip("192.168.1.1"), "alice", "postgres").method());
    }

    @Test
    void quotedKeywordIsAName() throws Exception {
        HbaFile f = parse("host \"all\" all 127.0.0.1/32 trust\n");
        assertNull(f.match(ip("127.0.0.1"), "u", "postgres"));
        assertNotNull(f.match(ip("127.0.0.1"), "u", "all"));
    }

    @Test
    void sameuserAndGroupWithoutRoles() throws Exception {
        HbaFile f = parse("host sameuser +admins 127.0.0.1/32 trust\n");
        assertNotNull(f.match(ip("127.0.0.1"), "admins", "admins"));
        assertNull(f.match(ip("127.0.0.1"), "admins", "postgres"));
        assertNull(f.match(ip("127.0.0.1"), "bob", "bob"));
    }

    @Test
    void addressWithSeparateMaskAndIpv6() throws Exception {
        HbaFile f = parse("host all all 192.168.0.0 255.255.0.0 trust\nhost all all ::1/128 reject\n");
        assertNotNull(f.match(ip("192.168.77.1"), "u", "d"));
        assertNull(f.match(ip("192.169.0.1"), "u", "d"));
        assertEquals(AuthMethod.REJECT, f.match(ip("::1"), "u", "d").method());
        // never across address families
        assertNull(parse("host all all ::/0 trust\n").match(ip("127.0.0.1"), "u", "d"));
    }

    @Test
    void localAndSslLinesDoNotMatchPlainTcp() throws Exception {
        HbaFile f = parse("local all all trust\nhostssl all all 0.0.0.0/0 trust\nhostgssenc all all 0.0.0.0/0 trust\n");
        assertEquals(3, f.lines().size());
        assertNull(f.match(ip("127.0.0.1"), "u", "d"));
    }

    @Test
    void continuationLinesAndOptions() throws Exception {
        HbaFile f = parse("host all all \\\n 127.0.0.1/32 ldap ldapserver=example.net ldapport=389\n");
        HbaLine l = f.lines().get(0);
        assertEquals(AuthMethod.LDAP, l.method());
        assertEquals("example.net", l.options().get("ldapserver"));
    }

    @Test
    void includedFileOfNames() throws Exception {
        Path dir = Files.createTempDirectory("hba");
        try {
            Files.writeString(dir.resolve("users"), "alice, bob\ncarol\n");
            HbaFile f = HbaFile.parse(dir.resolve("pg_hba.conf"), "host all @users 127.0.0.1/32 trust\n");
            assertNotNull(f.match(ip("127.0.0.1"), "carol", "d"));
            assertNull(f.match(ip("127.0.0.1"), "dave", "d"));
        } finally {
            Files.deleteIfExists(dir.resolve("users"));
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void errorsNameTheLine() {
        PgException e = assertThrows(PgException.class, () -> parse("\nhost all all 127.0.0.1/32 nosuch\n"));
        assertEquals("invalid authentication method \"nosuch\"", e.getMessage());
        assertEquals("line 2 of configuration file \"/tmp/test_pg_hba.conf\"", e.context());
        e = assertThrows(PgException.class, () -> parse("hots all all 127.0.0.1/32 trust\n"));
        assertEquals("invalid connection type \"hots\"", e.getMessage());
        e = assertThrows(PgException.class, () -> parse("host all all 127.0.0.1/33 trust\n"));
        assertEquals("invalid CIDR mask in address \"127.0.0.1/33\"", e.getMessage());
        e = assertThrows(PgException.class, () -> parse("host all all\n"));
        assertEquals("end-of-line before IP address specification", e.getMessage());
        e = assertThrows(PgException.class, () -> parse("host all all 127.0.0.1/32\n"));
        assertEquals("end-of-line before authentication method", e.getMessage());
        e = assertThrows(PgException.class, () -> parse("local all\n"));
        assertEquals("end-of-line before role specification", e.getMessage());
        e = assertThrows(PgException.class, () -> parse("host all all \"127.0.0.1/32 trust\n"));
        assertEquals("unterminated quoted string", e.getMessage());
    }
}
