package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;

/**
 * A planned statement that runs an action against the session when executed (DDL, DML,
 * utilities, cursor statements): what Describe reports (parameter types, result columns) and the
 * action. Errors other than PgException reach the client as XX000 "internal error: ...".
 */
abstract class ActionPlan implements PreparedQuery {
    interface Action {
        ResultCursor run(Object[] parameters, SessionContext session);
    }

    private final List<ColumnDescription> columns;
    private final Action action;
    private int[] paramOids;

    ActionPlan(int[] paramOids, List<ColumnDescription> columns, Action action) {
        this.paramOids = paramOids.clone();
        this.columns = List.copyOf(columns);
        this.action = action;
    }

    /** Describe reports these parameter types (a utility statement reports what the client declared). */
    void declareParameters(int[] oids) {
        this.paramOids = oids.clone();
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
        return !columns.isEmpty();
    }

    @Override
    public ResultCursor execute(Object[] parameters, SessionContext session) {
        try {
            return action.run(parameters == null ? new Object[0] : parameters, session);
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
        }
    }
}
