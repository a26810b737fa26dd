package org.pgmini.executor.expr;

/**
 * A value known at plan time (a literal, or a folded constant expression). A class of its own
 * so that operators can take the value once when they are built (see {@link IntegerOps}).
 */
public record Constant(Object value) implements Eval {
    @Override
    public Object eval(EvalContext c) {
        return value;
    }
}
