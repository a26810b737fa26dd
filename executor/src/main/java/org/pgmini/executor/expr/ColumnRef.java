package org.pgmini.executor.expr;

/**
 * A reference to slot {@code slot} of the current row. A class of its own (not a lambda) so
 * that operators can recognise a plain column operand and read it without a call through
 * {@link Eval} (see {@link IntegerOps}).
 */
public record ColumnRef(int slot) implements Eval {
    @Override
    public Object eval(EvalContext c) {
        return c.row[slot];
    }
}
