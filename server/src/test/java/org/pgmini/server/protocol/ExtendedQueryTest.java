package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.SharedTestServer;

/** Parse/Bind/Describe/Execute/Close/Sync/Flush sequences, with PostgreSQL 15's replies. */
class ExtendedQueryTest {
    @RegisterExtension
    static final SharedTestServer server = new SharedTestServer();

    @Test
    void unnamedStatementRoundTrip() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("", "SELECT $1, 'x' AS label", 23).bind("", "", "41").describe('P', "").execute("", 0).sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("12TDCZ", PgWireClient.types(r));
            assertEquals(List.of("?column?", "label"), r.get(2).columnNames());
            assertEquals(List.of("41", "x"), r.get(3).values());
            assertEquals("SELECT 1", r.get(4).tag());
        }
    }

    @Test
    void describeStatementGivesParameterDescriptionAndRowDescription() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("s1", "SELECT $1, $2", 20, 0).describe('S', "s1").parse("s2", "SET work_mem = '1MB'")
                    .describe('S', "s2").sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("1tT1tnZ", PgWireClient.types(r));
            assertArrayEquals(new int[] {20, 25}, r.get(1).parameterTypes());
            assertEquals(0, r.get(2).columnTypes().get(0)[1]); // statement describe: text format
            assertArrayEquals(new int[0], r.get(4).parameterTypes());
        }
    }

    @Test
    void binaryParametersAndResults() throws Exception {
        try (PgWireClient c = server.session()) {
            byte[] int4 = ByteBuffer.allocate(4).putInt(123456).array();
            c.parse("b", "SELECT $1, $2", 23, 25)
                    .bind("", "b", new short[] {1, 0}, new byte[][] {int4, "txt".getBytes()}, new short[] {1})
                    .describe('P', "").execute("", 0).sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("12TDCZ", PgWireClient.types(r));
            assertEquals(1, r.get(2).columnTypes().get(0)[1]);
            assertEquals(1, r.get(2).columnTypes().get(1)[1]);
            List<byte[]> values = r.get(3).rawValues();
            assertArrayEquals(int4, values.get(0));
            assertArrayEquals("txt".getBytes(), values.get(1));
        }
    }

    @Test
    void nullParameter() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("", "SELECT $1", 23).bind("", "", (String) null).execute("", 0).sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("12DCZ", PgWireClient.types(r));
            assertEquals(java.util.Collections.singletonList(null), r.get(2).values());
        }
    }

    @Test
    void executeWithRowLimitSuspendsAndResumes() throws Exception {
        try (PgWireClient c = server.session()) {
            c.query("BEGIN").flush();
            c.readUntilReady();
            c.parse("s", "SELECT generate_series(1, 5)").bind("p", "s").execute("p", 2).execute("p", 2).execute("p", 2)
                    .execute("p", 2).sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("12DDsDDsDCCZ", PgWireClient.types(r));
            assertEquals("SELECT 1", r.get(9).tag());
            assertEquals("SELECT 0", r.get(10).tag());
            assertEquals('T', r.get(11).status());
            // Exactly the limit: PortalSuspended without look-ahead, then SELECT 0.
            c.bind("q", "s").execute("q", 5).execute("q", 5).sync().flush();
            r = c.readUntilReady();
            assertEquals("2DDDDDsCZ", PgWireClient.types(r));
            assertEquals("SELECT 0", r.get(7).tag());
            c.simple("COMMIT");
            // Portals die with their transaction.
            c.execute("p", 0).sync().flush();
            r = c.readUntilReady();
            assertEquals("34000", r.get(0).sqlState());
            assertEquals("portal \"p\" does not exist", r.get(0).message());
        }
    }

    @Test
    void utilityPortalRunsOnlyOnce() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("", "SET work_mem = '2MB'").bind("", "").execute("", 0).execute("", 0).sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("12CEZ", PgWireClient.types(r));
            assertEquals("SET", r.get(2).tag());
            assertEquals("55000", r.get(3).sqlState());
            assertEquals("portal \"\" cannot be run", r.get(3).message());
        }
    }

    @Test
    void errorSkipsUntilSync() throws Exception {
        try (PgWireClient c = server.session()) {
            c.bind("", "nope").execute("", 0).parse("x", "SELECT 1").flushMessage().sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("EZ", PgWireClient.types(r));
            assertEquals("26000", r.get(0).sqlState());
            assertEquals("prepared statement \"nope\" does not exist", r.get(0).message());
            // The Parse after the error was skipped, so "x" does not exist.
            c.bind("", "x").sync().flush();
            r = c.readUntilReady();
            assertEquals("26000", r.get(0).sqlState());
            c.bind("", "").sync().flush();
            r = c.readUntilReady();
            assertEquals("unnamed prepared statement does not exist", r.get(0).message());
        }
    }

    @Test
    void namedStatementsAreUniqueUntilClosed() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("dup", "SELECT 1").parse("dup", "SELECT 2").sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("1EZ", PgWireClient.types(r));
            assertEquals("42P05", r.get(1).sqlState());
            assertEquals("prepared statement \"dup\" already exists", r.get(1).message());
            c.close('S', "dup").parse("dup", "SELECT 2").bind("", "dup").execute("", 0).close('S', "never-existed")
                    .sync().flush();
            r = c.readUntilReady();
            assertEquals("312DC3Z", PgWireClient.types(r));
            assertEquals(List.of("2"), r.get(3).values());
        }
    }

    @Test
    void namedPortalCannotBeRebound() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("", "SELECT 1").bind("x", "").bind("x", "").sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("12EZ", PgWireClient.types(r));
            assertEquals("42P03", r.get(2).sqlState());
            assertEquals("cursor \"x\" already exists", r.get(2).message());
        }
    }

    @Test
    void bindErrorsMatchPostgres() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("s", "SELECT $1", 23).sync().flush();
            c.readUntilReady();
            c.bind("", "s", "1", "2").sync().flush();
            Msg e = c.readUntilReady().get(0);
            assertEquals("08P01", e.sqlState());
            assertEquals("bind message supplies 2 parameters, but prepared statement \"s\" requires 1", e.message());

            c.bind("", "s", new short[] {0, 0}, new byte[][] {"1".getBytes()}, new short[0]).sync().flush();
            e = c.readUntilReady().get(0);
            assertEquals("bind message has 2 parameter formats but 1 parameters", e.message());

            c.bind("", "s", new short[] {7}, new byte[][] {"1".getBytes()}, new short[0]).sync().flush();
            e = c.readUntilReady().get(0);
            assertEquals("22023", e.sqlState());
            assertEquals("unsupported format code: 7", e.message());
            assertEquals("unnamed portal parameter $1", e.fields().get('W'));

            c.bind("", "s", "x").sync().flush();
            e = c.readUntilReady().get(0);
            assertEquals("22P02", e.sqlState());
            assertEquals("invalid input syntax for type integer: \"x\"", e.message());
            assertEquals("unnamed portal parameter $1 = '...'", e.fields().get('W'));

            c.bind("", "s", new short[] {1}, new byte[][] {{0, 0, 0}}, new short[0]).sync().flush();
            e = c.readUntilReady().get(0);
            assertEquals("22P03", e.sqlState());

            c.bind("", "s", new short[0], new byte[][] {"1".getBytes()}, new short[] {0, 1}).sync().flush();
            e = c.readUntilReady().get(0);
            assertEquals("bind message has 2 result formats but query has 1 columns", e.message());
        }
    }

    @Test
    void malformedExtendedMessagesAreErrorsNotDisconnects() throws Exception {
        try (PgWireClient c = server.session()) {
            c.message('P', "abc".getBytes()).sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("EZ", PgWireClient.types(r));
            assertEquals("invalid string in message", r.get(0).message());
            c.describe('X', "s").sync().flush();
            r = c.readUntilReady();
            assertEquals("invalid DESCRIBE message subtype 88", r.get(0).message());
            c.message('S', "junk".getBytes()).flush();
            r = c.readUntilReady();
            assertEquals("EZ", PgWireClient.types(r));
            assertEquals("invalid message format", r.get(0).message());
            assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT 1")));
        }
    }

    @Test
    void multipleCommandsCannotBePrepared() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("", "SELECT 1; SELECT 2").sync().flush();
            Msg e = c.readUntilReady().get(0);
            assertEquals("42601", e.sqlState());
            assertEquals("cannot insert multiple commands into a prepared statement", e.message());
        }
    }

    @Test
    void emptyStatementExecutesAsEmptyQueryResponse() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("", "").bind("", "").describe('P', "").execute("", 0).sync().flush();
            assertEquals("12nIZ", PgWireClient.types(c.readUntilReady()));
        }
    }

    @Test
    void flushSendsWithoutSync() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("f", "SELECT 1").flushMessage().flush();
            assertEquals('1', c.read().type());
            c.sync().flush();
            assertEquals("Z", PgWireClient.types(c.readUntilReady()));
        }
    }

    @Test
    void abortedBlockRefusesExtendedMessagesUntilRollback() throws Exception {
        try (PgWireClient c = server.session()) {
            c.parse("ok", "SELECT 1").sync().flush();
            c.readUntilReady();
            c.simple("BEGIN");
            c.simple("SELECT 1/0");
            c.parse("s", "SELECT 2").sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("25P02", r.get(0).sqlState());
            assertEquals('E', r.get(1).status());
            c.bind("", "ok").sync().flush();
            assertEquals("25P02", c.readUntilReady().get(0).sqlState());
            c.parse("", "ROLLBACK").bind("", "").execute("", 0).sync().flush();
            r = c.readUntilReady();
            assertEquals("12CZ", PgWireClient.types(r));
            assertEquals('I', r.get(3).status());
        }
    }

    @Test
    void extendedBatchIsOneImplicitTransaction() throws Exception {
        try (PgWireClient c = server.session()) {
            // SET then an error before Sync: the SET is rolled back with the batch.
            c.parse("", "SET application_name = 'batch'").bind("", "").execute("", 0)
                    .parse("", "SELECT 1/0").bind("", "").execute("", 0).sync().flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("22012", PgWireClient.first(r, 'E').sqlState());
            assertEquals(List.of(""), PgWireClient.all(c.simple("SHOW application_name"), 'D').get(0).values());
            // BEGIN via Execute opens a block that outlives Sync.
            c.parse("", "BEGIN").bind("", "").execute("", 0).sync().flush();
            r = c.readUntilReady();
            assertEquals('T', r.get(r.size() - 1).status());
            c.simple("COMMIT");
        }
    }
}
