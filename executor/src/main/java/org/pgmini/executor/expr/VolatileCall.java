package org.pgmini.executor.expr;

/**
 * A call of a volatile function (random, clock_timestamp, nextval, pg_sleep, ...), wrapped so
 * that a plan shows it: such calls must run in the leader only (PostgreSQL's parallel-unsafe /
 * restricted), so {@code parallel.ParallelSafety} refuses to ship a fragment that contains one.
 * Evaluation just delegates.
 */
public final class VolatileCall implements Eval {
    private static final long serialVersionUID = 1L;
    private final String function;
    private final Eval call;

    public VolatileCall(String function, Eval call) {
        this.function = function;
        this.call = call;
    }

    /** The function's name (for diagnostics). */
    public String function() {
        return function;
    }

    @Override
    public Object eval(EvalContext c) {
        return call.eval(c);
    }
}
