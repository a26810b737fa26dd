package org.pgmini.executor.expr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.TransactionControl;

/**
 * What an expression can see while it runs: bound parameters, the session, the statement's
 * and the transaction's start times (statement_timestamp(), now()), and the current input row.
 * One per execution; not shared between threads.
 */
public final class EvalContext {
    public final Object[] params;
    public final SessionContext session;
    /** statement_timestamp(): fixed when the execution starts (or as the session reports it). */
    public final Instant statementTime;
    /** now() / transaction_timestamp(); looked up on first use. */
    private Instant transactionTime;
    /** The current row of the FROM source, or null when the query has none. */
    public Object[] row;
    /**
     * The execution running this context (an {@code exec.ExecState}), so that subqueries inside
     * expressions can run their plans; null outside the operator executor.
     */
    public Object executor;
    /**
     * The NULL flag of primitive evaluation ({@link IntegerOps.LongEval}): false between
     * evaluations; set by a primitive evaluation whose result is NULL and cleared by whoever
     * turns that result back into an object.
     */
    public boolean isNull;

    /** A context for executing in {@code session}: the times come from its transaction when it tracks them. */
    public EvalContext(Object[] params, SessionContext session) {
        this(params, session, statementStart(session));
    }

    public EvalContext(Object[] params, SessionContext session, Instant statementTime) {
        this.params = params;
        this.session = session;
        this.statementTime = statementTime;
    }

    private static Instant statementStart(SessionContext session) {
        Instant reported = session == null ? null : session.transaction().statementStartTime();
        return reported != null ? reported : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The start of the current transaction, which PostgreSQL's now(), CURRENT_TIMESTAMP and
     * transaction_timestamp() return; the statement's start when the session does not track it.
     */
    public Instant transactionTime() {
        if (transactionTime == null) {
            TransactionControl t = session == null ? null : session.transaction();
            Instant reported = t == null ? null : t.transactionStartTime();
            transactionTime = reported != null ? reported : statementTime;
        }
        return transactionTime;
    }
}
