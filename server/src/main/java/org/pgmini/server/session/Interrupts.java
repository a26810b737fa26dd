package org.pgmini.server.session;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * A session's pending interrupts, PostgreSQL's InterruptPending/QueryCancelPending/
 * ProcDiePending in one object.
 *
 * <p>Who writes what: {@link #requestCancel()} and {@link #requestTerminate()} are called by
 * other threads (a CancelRequest's connection thread, the postmaster for shutdown); every other
 * method runs on the session thread. The flags are volatile so the session thread sees them at
 * its next {@link #check()} without a lock; a lost race only delays a cancel to the next
 * check, as with PostgreSQL's signal flags.
 */
public final class Interrupts {
    private volatile boolean cancelPending;
    private volatile boolean terminatePending;
    /** System.nanoTime() at which statement_timeout fires; only meaningful while timeoutArmed. */
    private long timeoutAt;
    private boolean timeoutArmed;

    public void requestCancel() {
        cancelPending = true;
    }

    public void requestTerminate() {
        terminatePending = true;
    }

    public boolean terminatePending() {
        return terminatePending;
    }

    /** The session is about to wait for the client: a cancel arriving now has nothing to cancel. */
    public void clearCancel() {
        cancelPending = false;
    }

    /** Starts statement_timeout for the statement about to run (0 = off). */
    public void armStatementTimeout(int milliseconds) {
        if (milliseconds > 0) {
            timeoutAt = System.nanoTime() + milliseconds * 1_000_000L;
            timeoutArmed = true;
        } else {
            timeoutArmed = false;
        }
    }

    public void disarmStatementTimeout() {
        timeoutArmed = false;
    }

    /** CHECK_FOR_INTERRUPTS(): termination wins over cancel, cancel over timeout, as in ProcessInterrupts. */
    public void check() {
        if (terminatePending) {
            throw terminated();
        }
        if (cancelPending) {
            cancelPending = false;
            timeoutArmed = false;
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        if (timeoutArmed && System.nanoTime() - timeoutAt >= 0) {
            timeoutArmed = false;
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
        }
    }

    public static PgException terminated() {
        return new PgException("FATAL", SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command",
                null, null, 0, null, null);
    }
}
