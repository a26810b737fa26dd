package org.pgmini.executor.expr;

/**
 * A compiled expression: a closure over its compiled operands. Must not keep per-execution state.
 * Serializable so that a plan fragment can be shipped to parallel workers (Java serialization of
 * the closures; see {@code parallel.FragmentCodec}): a closure that captures something not
 * serializable (an analyzer, a session) makes its plan not shippable, never wrong.
 */
@FunctionalInterface
public interface Eval extends java.io.Serializable {
    Object eval(EvalContext c);
}
