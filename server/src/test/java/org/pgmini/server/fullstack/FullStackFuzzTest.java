package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.RealPostmaster;
import org.pgmini.server.testing.WireDamage;

/**
 * Protocol fuzzing against the whole server (postmaster, GUC system, protocol server, Calcite
 * engine): random, truncated and oversized messages, mangled SQL and random binary parameter
 * values on many connections. Broken framing ends only that connection (FATAL 08P01 or a
 * close); bad content is an ordinary ERROR and the session goes on; nothing is an internal
 * error (XX000). Afterwards pgjdbc and psql are served normally.
 */
class FullStackFuzzTest {
    private static RealPostmaster server;

    /** Internal errors (XX000) seen anywhere: each is a bug. */
    private static final Queue<String> internalErrors = new ConcurrentLinkedQueue<>();
    /** SQLSTATEs of every ERROR seen, to show the fuzzing reached the parser and the type input functions. */
    private static final java.util.Set<String> errorStates = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final String[] VALID_SQL = {
        "SELECT 1", "SELECT 'abc' || 'def', 2 + 3 * 4", "SELECT 1.5::numeric(10,2), -7 % 3, 2 ^ 10",
        "SELECT CASE WHEN 1 < 2 THEN 'yes' ELSE 'no' END, coalesce(NULL, 7), nullif(1, 1)",
        "VALUES (1, 'a'), (2, 'b'), (3, 'c')", "SHOW work_mem", "SET work_mem = '8MB'", "RESET work_mem",
        "SELECT name, setting FROM pg_settings WHERE name LIKE 'work%' ORDER BY name",
        "SELECT upper('hello'), length('wörld'), substring('abcdef' from 2 for 3), position('c' in 'abc')",
        "SELECT '1e300'::float8 * 10, 32767::int2, E'tab\\there', $$dollar$$", "BEGIN", "COMMIT", "ROLLBACK",
        "SELECT current_setting('DateStyle'), set_config('application_name', 'fz', false)",
        "SELECT 1; SELECT 2; SELECT 'three'",
    };

    /** Type OIDs for typed parameters: int2 int4 int8 float4 float8 numeric bool text varchar. */
    private static final int[] PARAM_OIDS = {21, 23, 20, 700, 701, 1700, 16, 25, 1043};

    @BeforeAll
    static void start() throws Exception {
        server = new RealPostmaster(Map.of("max_connections", "40"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void randomDamageOnManyConnectionsLeavesTheServerServing() throws Exception {
        WireDamage.onManyConnections(160, 7000, 120, FullStackFuzzTest::fuzzOne);
        assertEquals(List.of(), new ArrayList<>(internalErrors), "internal errors");
        for (String expected : new String[] {"42601", "22P03", "08P01"}) {
            assertTrue(errorStates.contains(expected), "no " + expected + " among " + errorStates);
        }

        // A normal pgjdbc client, with a prepared statement in binary and a multi-row result.
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("prepareThreshold=-1"));
             PreparedStatement ps = c.prepareStatement("SELECT ?::int8 * 2")) {
            for (long v = 0; v < 3; v++) {
                ps.setLong(1, v + 20);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(2 * (v + 20), rs.getLong(1));
                }
            }
        }
        // And real psql.
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", RealPostmaster.USER, "-d", "postgres", "-tA", "-c", "select 1");
        Path out = Files.createTempFile("psql", ".out");
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(out));
            assertEquals("1\n", Files.readString(out));
        } finally {
            Files.delete(out);
        }
    }

    private static void fuzzOne(Random rnd) throws Exception {
        try (PgWireClient c = PgWireClient.connect(server.port())) {
            c.setReadTimeout(20_000);
            int kind = rnd.nextInt(9);
            if (kind >= 2) {
                c.startup(Map.of("user", RealPostmaster.USER, "database", "postgres"));
                note(c.readUntilReady());
            }
            switch (kind) {
                case 0, 1, 2, 3, 4 -> WireDamage.framing(c, rnd, kind);
                case 5, 6 -> { // mangled SQL through the simple protocol; the session must go on
                    for (int i = 0; i < 15; i++) {
                        note(c.simple(mangle(VALID_SQL[rnd.nextInt(VALID_SQL.length)], rnd)));
                    }
                    c.simple("ROLLBACK"); // leave any block a mangled BEGIN opened
                    assertAlive(c);
                    return;
                }
                case 7 -> { // random binary and text parameter values for typed parameters
                    for (int i = 0; i < 15; i++) {
                        int oid = PARAM_OIDS[rnd.nextInt(PARAM_OIDS.length)];
                        byte[] value = new byte[rnd.nextInt(12)];
                        rnd.nextBytes(value);
                        short format = (short) rnd.nextInt(2);
                        c.parse("", "SELECT $1", oid)
                                .bind("", "", new short[] {format}, new byte[][] {rnd.nextInt(8) == 0 ? null : value},
                                        new short[] {(short) rnd.nextInt(2)})
                                .describe('P', "").execute("", rnd.nextInt(3)).sync().flush();
                        note(c.readUntilReady());
                    }
                    assertAlive(c);
                    return;
                }
                default -> WireDamage.framing(c, rnd, WireDamage.FRAMING_KINDS);
            }
            WireDamage.drain(c, m -> note(List.of(m)));
        }
    }

    private static void assertAlive(PgWireClient c) throws IOException {
        List<Msg> r = c.simple("SELECT 'alive'");
        assertEquals("alive", PgWireClient.first(r, 'D').values().get(0), r.toString());
        assertEquals('I', r.get(r.size() - 1).status());
    }

    private static void note(List<Msg> msgs) {
        for (Msg m : msgs) {
            if (m.type() == 'E') {
                errorStates.add(m.sqlState());
            }
            if (m.type() == 'E' && "XX000".equals(m.sqlState())) {
                internalErrors.add(m.toString());
            }
        }
    }

    /** A valid statement with a few random edits: deleted, duplicated, replaced or inserted characters, or cut short. */
    private static String mangle(String sql, Random rnd) {
        StringBuilder sb = new StringBuilder(sql);
        int edits = 1 + rnd.nextInt(4);
        String alphabet = "'\"$():;,.+-*/%^|=<>!~ \\\t\n\u00e9\u2713abcxyz0123456789eE";
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, sb.charAt(at));
                case 2 -> sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                case 3 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }
}
