package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;

/**
 * A planned SELECT / VALUES: a row source, an optional filter, the projected expressions and an
 * optional sort. Immutable and shared between sessions (it is cached); everything that changes
 * per execution lives in the EvalContext.
 */
final class SelectPlan implements PreparedQuery {
    /** Produces the input rows for one execution (one empty row when there is no FROM). */
    interface Source {
        List<Object[]> rows(EvalContext c);
    }

    private final int[] paramOids;
    /** For each parameter, where the statement first mentions it (for 42P02 when no value is bound). */
    private final int[] paramPositions;
    private final List<ColumnDescription> columns;
    private final Source source;
    private final Eval filter;
    private final Eval[] targets;
    private final Comparator<Object[]> order;
    /** When every target is a constant and there is no FROM/WHERE: the single result row. */
    private final Object[] constantRow;

    SelectPlan(int[] paramOids, int[] paramPositions, List<ColumnDescription> columns, Source source, Eval filter, Eval[] targets,
               Comparator<Object[]> order, Object[] constantRow) {
        this.paramOids = paramOids;
        this.paramPositions = paramPositions;
        this.columns = List.copyOf(columns);
        this.source = source;
        this.filter = filter;
        this.targets = targets;
        this.order = order;
        this.constantRow = constantRow;
    }

    @Override
    public int[] parameterTypeOids() {
        return paramOids.clone();
    }

    @Override
    public List<ColumnDescription> columns() {
        return columns;
    }

    @Override
    public boolean returnsRows() {
        return true;
    }

    @Override
    public ResultCursor execute(Object[] parameters, SessionContext session) {
        try {
            return run(parameters, session);
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
        }
    }

    private ResultCursor run(Object[] parameters, SessionContext session) {
        if ((parameters == null ? 0 : parameters.length) < paramOids.length) {
            throw missingParameter(parameters == null ? 0 : parameters.length);
        }
        if (constantRow != null) {
            List<Object[]> one = new ArrayList<>(1);
            one.add(constantRow.clone());
            return Rows.of(one, "SELECT");
        }
        EvalContext c = new EvalContext(parameters == null ? new Object[0] : parameters, session);
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : source.rows(c)) {
            session.checkForInterrupts();
            c.row = row;
            if (filter != null && !Boolean.TRUE.equals(filter.eval(c))) {
                continue;
            }
            Object[] r = new Object[targets.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = targets[i].eval(c);
            }
            out.add(r);
        }
        if (order != null) {
            out.sort(order);
        }
        return Rows.of(out, "SELECT");
    }

    /**
     * The statement mentions $n but no value was bound for it. The extended protocol's Bind
     * already insists on one value per parameter, so this is a simple Query, where PostgreSQL
     * has no parameters at all: 42P02 at the first reference of the lowest-placed missing one.
     */
    private PgException missingParameter(int bound) {
        int best = bound;
        for (int i = bound; i < paramOids.length; i++) {
            int p = paramPositions[i];
            if (p > 0 && (paramPositions[best] == 0 || p < paramPositions[best])) {
                best = i;
            }
        }
        return PgException.atPosition(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (best + 1),
                paramPositions[best]);
    }
}
