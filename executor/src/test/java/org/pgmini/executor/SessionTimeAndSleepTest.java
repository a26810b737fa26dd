package org.pgmini.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/** now() and friends against the session's transaction times; pg_sleep and its interrupt checks. */
class SessionTimeAndSleepTest extends EngineTestSupport {
    @Test
    void nowIsTheTransactionStartAndStatementTimestampTheStatementStart() {
        session.transactionStart = Instant.parse("2026-01-02T03:04:05.123456Z");
        session.statementStart = Instant.parse("2026-01-02T03:04:09Z");
        assertEquals(Arrays.asList("2026-01-02 03:04:05.123456+00", "2026-01-02 03:04:05.123456+00",
                        "2026-01-02 03:04:05.123456+00", "2026-01-02 03:04:09+00"),
                rows("SELECT now(), current_timestamp, transaction_timestamp(), statement_timestamp()").get(0));
        assertEquals("t", value("SELECT clock_timestamp() > now()"));
    }

    @Test
    void withoutTrackedTimesNowIsTheStatementStart() {
        assertEquals(Arrays.asList("t", "t"),
                rows("SELECT now() = statement_timestamp(), now() = transaction_timestamp()").get(0));
    }

    @Test
    void pgSleepReturnsVoidAfterWaitingAndChecksForInterrupts() {
        var q = prepare("SELECT pg_sleep(0.05)");
        assertEquals("pg_sleep", q.columns().get(0).name());
        assertEquals("void", q.columns().get(0).type().name());
        assertEquals(2278, q.columns().get(0).type().oid());
        long start = System.nanoTime();
        assertEquals("", value("SELECT pg_sleep(0.05)"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 50, "slept only " + elapsedMs + " ms");
        assertTrue(session.interruptChecks >= 5, "checks: " + session.interruptChecks);
        assertEquals(Arrays.asList("", "", null), rows("SELECT pg_sleep(0), pg_sleep(-1), pg_sleep(NULL)").get(0));
        assertEquals("void", value("SELECT pg_typeof(pg_sleep(0))"));
    }

    @Test
    void pgSleepEndsWithTheInterrupt() {
        session.cancelAfterChecks = 3;
        PgException e = assertThrows(PgException.class, () -> rows("SELECT pg_sleep('Infinity')"));
        assertEquals("57014", e.sqlState());
        session.cancelAfterChecks = 2;
        e = assertThrows(PgException.class, () -> rows("SELECT pg_sleep_until('2999-01-01 00:00:00+00')"));
        assertEquals("57014", e.sqlState());
    }

    @Test
    void pgSleepUntilAPastTimeReturnsAtOnce() {
        assertEquals("", value("SELECT pg_sleep_until('2000-01-01 00:00:00+00')"));
    }
}
