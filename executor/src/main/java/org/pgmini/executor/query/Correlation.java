package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.Typed;

/**
 * The outer-query values a correlated subquery uses (PostgreSQL's PARAM_EXEC parameters of a
 * SubPlan). Each outer column reference found while planning the subquery becomes one parameter:
 * inside the subquery it reads the parameter; before each run of the subquery {@link #bind}
 * evaluates the outer expressions over the outer query's current row and stores them. Values
 * live per execution in the {@link ExecState} (plans are shared between sessions), in one array
 * per subquery; a subquery never runs inside its own run, so one array suffices.
 */
final class Correlation {
    private final List<Eval> outer = new ArrayList<>();

    boolean isEmpty() {
        return outer.isEmpty();
    }

    /** How many outer values are used so far (callers compare before/after an analysis). */
    int size() {
        return outer.size();
    }

    /** A parameter for the outer expression {@code t}: its value inside the subquery. */
    Typed parameter(Typed t) {
        int i = outer.size();
        outer.add(t.eval);
        return new Typed(t.type, t.typmod, c -> values(c)[i], false);
    }

    /** The values, then one slot counting the binds (the epoch). */
    private Object[] values(EvalContext c) {
        return (Object[]) ((ExecState) c.executor).initPlan(this, () -> new Object[outer.size() + 1]);
    }

    /** Evaluates the outer expressions over the current (outer) row of {@code c}. */
    void bind(EvalContext c) {
        Object[] v = values(c);
        int n = outer.size();
        for (int i = 0; i < n; i++) {
            v[i] = outer.get(i).eval(c);
        }
        v[n] = v[n] == null ? 1L : (Long) v[n] + 1;
    }

    /**
     * How many times the values were bound in this execution: what the subquery computed from
     * them (a materialized WITH query inside it) is stale once this changes.
     */
    long epoch(ExecState s) {
        Object e = values(s.eval)[outer.size()];
        return e == null ? 0 : (Long) e;
    }
}
