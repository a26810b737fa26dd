package org.pgmini.executor.expr;

import java.time.Instant;
import org.pgmini.executor.api.SessionContext;

/**
 * What an expression can see while it runs: bound parameters, the session, the statement's
 * start time (now()), and the current input row. One per execution; not shared between threads.
 */
public final class EvalContext {
    public final Object[] params;
    public final SessionContext session;
    public final Instant statementTime;
    /** The current row of the FROM source, or null when the query has none. */
    public Object[] row;

    public EvalContext(Object[] params, SessionContext session, Instant statementTime) {
        this.params = params;
        this.session = session;
        this.statementTime = statementTime;
    }
}
