package org.pgmini.executor.expr;

/** A compiled expression: a closure over its compiled operands. Must not keep per-execution state. */
@FunctionalInterface
public interface Eval {
    Object eval(EvalContext c);
}
