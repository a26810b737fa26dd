package org.pgmini.executor.expr;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.VoidType;

/**
 * pg_sleep and pg_sleep_until: wait in slices of at most {@link #SLICE_NANOS}, checking the
 * session for cancel and statement_timeout before each slice (PostgreSQL's
 * CHECK_FOR_INTERRUPTS in its wait loop), so a cancel ends the sleep within ~10 ms with 57014.
 */
final class Sleep {
    private Sleep() {}

    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * Sleeps {@code seconds}; zero, negative and -Infinity return at once, +Infinity and NaN
     * (which PostgreSQL's loop never finishes either) sleep until interrupted.
     */
    static Object seconds(double seconds, SessionContext session) {
        if (Double.isNaN(seconds) || seconds == Double.POSITIVE_INFINITY) {
            waitUntil(Long.MAX_VALUE, true, session);
        } else if (seconds > 0) {
            long nanos = seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) (seconds * 1e9);
            long now = System.nanoTime();
            boolean forever = now + nanos < now; // overflow: longer than ~292 years
            waitUntil(now + nanos, forever, session);
        } else {
            session.checkForInterrupts();
        }
        return VoidType.VALUE;
    }

    /** Sleeps until the wall-clock time {@code until} (pg_sleep_until(timestamptz)). */
    static Object until(Instant until, SessionContext session) {
        Duration left = Duration.between(Instant.now(), until);
        return seconds(left.getSeconds() + left.getNano() / 1e9, session);
    }

    private static void waitUntil(long deadline, boolean forever, SessionContext session) {
        while (true) {
            session.checkForInterrupts();
            long left = forever ? SLICE_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, SLICE_NANOS));
        }
    }
}
