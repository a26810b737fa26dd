package org.pgmini.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pgmini.server.testing.PgWireClient;
import org.pgmini.server.testing.PgWireClient.Msg;
import org.pgmini.server.testing.SharedTestServer;

/** The Query message, checked against PostgreSQL 15's message sequences. */
class SimpleQueryTest {
    @RegisterExtension
    static final SharedTestServer server = new SharedTestServer();

    @Test
    void selectOneIsRowDescriptionDataRowCommandCompleteReady() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SELECT 1");
            assertEquals("TDCZ", PgWireClient.types(r));
            assertEquals(List.of("?column?"), r.get(0).columnNames());
            assertEquals(23, r.get(0).columnTypes().get(0)[0]);
            assertEquals(List.of("1"), r.get(1).values());
            assertEquals("SELECT 1", r.get(2).tag());
            assertEquals('I', r.get(3).status());
        }
    }

    @Test
    void severalStatementsEachGetTheirOwnCommandComplete() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SELECT 1; SELECT 'two' AS b; SELECT generate_series(1, 3)");
            assertEquals("TDCTDCTDDDCZ", PgWireClient.types(r));
            assertEquals("SELECT 3", r.get(10).tag());
            assertEquals(List.of("b"), r.get(3).columnNames());
        }
    }

    @Test
    void emptyQueryGetsEmptyQueryResponse() throws Exception {
        try (PgWireClient c = server.session()) {
            assertEquals("IZ", PgWireClient.types(c.simple("")));
            assertEquals("IZ", PgWireClient.types(c.simple("  ;  ; ")));
        }
    }

    @Test
    void errorAbortsTheRestOfTheMessage() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SELECT 1; SELECT 1/0; SELECT 3");
            assertEquals("TDCEZ", PgWireClient.types(r));
            Msg e = r.get(3);
            assertEquals("22012", e.sqlState());
            assertEquals("division by zero", e.message());
            assertEquals("ERROR", e.fields().get('S'));
            assertEquals("ERROR", e.fields().get('V'));
            assertEquals('I', r.get(4).status());
        }
    }

    @Test
    void syntaxErrorRunsNothingAndCarriesPosition() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SET application_name = 'x'; SELEKT 1");
            assertEquals("EZ", PgWireClient.types(r));
            assertEquals("42601", r.get(0).sqlState());
            assertEquals("syntax error at or near \"SELEKT\"", r.get(0).message());
            assertEquals("29", r.get(0).fields().get('P'));
            assertEquals(List.of(""), PgWireClient.all(c.simple("SHOW application_name"), 'D').get(0).values());
        }
    }

    @Test
    void transactionStatusAndAbortedBlock() throws Exception {
        try (PgWireClient c = server.session()) {
            assertEquals('T', last(c.simple("BEGIN")).status());
            List<Msg> r = c.simple("SELECT 1/0");
            assertEquals('E', last(r).status());
            r = c.simple("SELECT 1");
            assertEquals("EZ", PgWireClient.types(r));
            assertEquals("25P02", r.get(0).sqlState());
            assertEquals("current transaction is aborted, commands ignored until end of transaction block",
                    r.get(0).message());
            assertEquals('E', last(r).status());
            r = c.simple("COMMIT");
            assertEquals("ROLLBACK", PgWireClient.first(r, 'C').tag());
            assertEquals('I', last(r).status());
        }
    }

    @Test
    void rollbackToSavepointIsLetThroughInAbortedBlock() throws Exception {
        try (PgWireClient c = server.session()) {
            c.simple("BEGIN");
            c.simple("SELECT 1/0");
            List<Msg> r = c.simple("ROLLBACK TO SAVEPOINT a");
            // passes the 25P02 check and reaches the engine (which has no savepoints)
            assertEquals("0A000", PgWireClient.first(r, 'E').sqlState());
            assertEquals('I', last(c.simple("ROLLBACK")).status());
        }
    }

    @Test
    void savepointOutsideBlockFails25P01() throws Exception {
        try (PgWireClient c = server.session()) {
            Msg e = PgWireClient.first(c.simple("SAVEPOINT a"), 'E');
            assertEquals("25P01", e.sqlState());
            assertEquals("SAVEPOINT can only be used in transaction blocks", e.message());
        }
    }

    @Test
    void warningsForRedundantTransactionControl() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("COMMIT");
            Msg w = PgWireClient.first(r, 'N');
            assertEquals("WARNING", w.fields().get('S'));
            assertEquals("25P01", w.sqlState());
            assertEquals("there is no transaction in progress", w.message());
            assertEquals("NCZ", PgWireClient.types(r));
            r = c.simple("BEGIN; BEGIN");
            w = PgWireClient.first(r, 'N');
            assertEquals("25001", w.sqlState());
            assertEquals("there is already a transaction in progress", w.message());
            assertEquals('T', last(r).status());
            c.simple("ROLLBACK");
        }
    }

    @Test
    void implicitTransactionOfMultiStatementQueryRollsBackSetOnError() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SET application_name = 'lost'; SELECT 1/0");
            assertEquals("22012", PgWireClient.first(r, 'E').sqlState());
            // The SET was part of the failed implicit transaction, so it is undone and no
            // ParameterStatus was sent for it.
            assertEquals(0, PgWireClient.all(r, 'S').size());
            assertEquals(List.of(""), PgWireClient.all(c.simple("SHOW application_name"), 'D').get(0).values());
            // ROLLBACK inside an implicit block also undoes it, with PostgreSQL's warning.
            r = c.simple("SET application_name = 'lost2'; ROLLBACK");
            assertEquals("25P01", PgWireClient.first(r, 'N').sqlState());
            assertEquals(List.of(""), PgWireClient.all(c.simple("SHOW application_name"), 'D').get(0).values());
        }
    }

    @Test
    void parameterStatusAfterSetOfReportedParameter() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SET application_name = 'reported'");
            assertEquals("CSZ", PgWireClient.types(r));
            assertEquals("application_name", r.get(1).parameter()[0]);
            assertEquals("reported", r.get(1).parameter()[1]);
            // Not reported: a parameter without GUC_REPORT.
            assertEquals("CZ", PgWireClient.types(c.simple("SET work_mem = '8MB'")));
            // A rolled-back SET reports the restored value.
            c.simple("BEGIN");
            assertEquals("CSZ", PgWireClient.types(c.simple("SET application_name = 'temp'")));
            r = c.simple("ROLLBACK");
            assertEquals("CSZ", PgWireClient.types(r));
            assertEquals("reported", r.get(1).parameter()[1]);
        }
    }

    @Test
    void noticesFollowClientMinMessages() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("DO NOTICE 'hello'");
            assertEquals("NCZ", PgWireClient.types(r));
            assertEquals("NOTICE", r.get(0).fields().get('S'));
            assertEquals("hello", r.get(0).message());
            assertEquals("CZ", PgWireClient.types(c.simple("DO LOG 'not sent'")));
            c.simple("SET client_min_messages = warning");
            assertEquals("CZ", PgWireClient.types(c.simple("DO NOTICE 'hidden'")));
            assertEquals("NCZ", PgWireClient.types(c.simple("DO WARNING 'shown'")));
            assertEquals("NCZ", PgWireClient.types(c.simple("DO INFO 'always'")));
            c.simple("SET client_min_messages = debug1");
            assertEquals("NCZ", PgWireClient.types(c.simple("DO LOG 'now sent'")));
        }
    }

    @Test
    void statementTimeoutCancelsWith57014() throws Exception {
        try (PgWireClient c = server.session()) {
            c.simple("SET statement_timeout = '100ms'");
            long t0 = System.nanoTime();
            List<Msg> r = c.simple("SELECT pg_sleep(5)");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Msg e = PgWireClient.first(r, 'E');
            assertEquals("57014", e.sqlState());
            assertEquals("canceling statement due to statement timeout", e.message());
            assertTrue(ms < 4000, "timed out after " + ms + " ms");
            // Each statement of a multi-statement query gets its own timeout.
            r = c.simple("SELECT pg_sleep(0.06); SELECT pg_sleep(0.06); SELECT 7");
            assertEquals(0, PgWireClient.all(r, 'E').size(), r.toString());
        }
    }

    @Test
    void fastpathFunctionCallIsRefusedButSessionContinues() throws Exception {
        try (PgWireClient c = server.session()) {
            c.message('F', new byte[10]).flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("EZ", PgWireClient.types(r));
            assertEquals("0A000", r.get(0).sqlState());
            assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT 1")));
        }
    }

    @Test
    void strayCopyMessagesAreIgnored() throws Exception {
        try (PgWireClient c = server.session()) {
            c.message('d', new byte[] {1, 2, 3}).message('c', new byte[0]).query("SELECT 5").flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("TDCZ", PgWireClient.types(r));
        }
    }

    @Test
    void invalidUtf8InQueryIs22021AndConnectionSurvives() throws Exception {
        try (PgWireClient c = server.session()) {
            c.message('Q', new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', (byte) 0xc3, 0x28, 0}).flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("22021", r.get(0).sqlState());
            assertEquals("invalid byte sequence for encoding \"UTF8\": 0xc3 0x28", r.get(0).message());
            assertEquals("TDCZ", PgWireClient.types(c.simple("SELECT 1")));
        }
    }

    @Test
    void queryWithTrailingBytesIsInvalidMessageFormat() throws Exception {
        try (PgWireClient c = server.session()) {
            c.message('Q', PgWireClient.concat(PgWireClient.cstr("SELECT 1"), new byte[] {'x'})).flush();
            List<Msg> r = c.readUntilReady();
            assertEquals("EZ", PgWireClient.types(r));
            assertEquals("08P01", r.get(0).sqlState());
            assertEquals("invalid message format", r.get(0).message());
        }
    }

    @Test
    void largeResultIsStreamedCompletely() throws Exception {
        try (PgWireClient c = server.session()) {
            List<Msg> r = c.simple("SELECT generate_series(1, 50000), 'some padding text to make rows longer'");
            assertEquals(50000, PgWireClient.all(r, 'D').size());
            assertEquals("SELECT 50000", PgWireClient.first(r, 'C').tag());
        }
    }

    @Test
    void deepPipelineWithoutReadingIsServedCompletely() throws Exception {
        try (PgWireClient c = server.session()) {
            // 300k Syncs (1.5 MB in, 1.8 MB out) before reading anything: the backend blocks on the
            // unread replies, the event loop stops reading, and nothing is lost or reordered.
            int n = 300_000;
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i += 1000) {
                        for (int k = 0; k < 1000; k++) {
                            c.sync();
                        }
                        c.flush();
                    }
                    c.query("SELECT 'end'").flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            Thread.sleep(300);
            for (int i = 0; i < n; i++) {
                Msg z = c.read();
                assertEquals('Z', z.type());
            }
            List<Msg> r = c.readUntilReady();
            assertEquals(List.of("end"), r.get(1).values());
            writer.join(10_000);
        }
    }

    @Test
    void terminateClosesTheConnection() throws Exception {
        try (PgWireClient c = server.session()) {
            c.terminate().flush();
            assertTrue(c.isClosedByServer());
        }
    }

    private static Msg last(List<Msg> msgs) {
        return msgs.get(msgs.size() - 1);
    }
}
