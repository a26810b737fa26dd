package org.pgmini.executor.query;

import java.util.List;
import java.util.function.Function;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.expr.EvalContext;

/**
 * An uncorrelated subquery's result, computed once per execution. All of a plan's InitPlans are
 * computed before its operators start ({@link #runAll}): a subquery must never run from inside a
 * scan's page visitor, which holds a buffer content lock.
 */
public final class InitPlan {
    private final Function<EvalContext, Object> compute;

    InitPlan(Function<EvalContext, Object> compute) {
        this.compute = compute;
    }

    /** The value for this execution (computing it if {@link #runAll} has not). */
    Object value(EvalContext c) {
        return ((ExecState) c.executor).initPlan(this, () -> compute.apply(c));
    }

    /** Computes every InitPlan of a plan for the execution of {@code c} (call before opening the plan's root). */
    public static void runAll(List<InitPlan> plans, EvalContext c) {
        for (InitPlan p : plans) {
            p.value(c);
        }
    }
}
