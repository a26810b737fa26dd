package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;

/** SHOW / SET / RESET / ALTER SYSTEM / transaction control: an action run against the session. */
final class UtilityPlan implements PreparedQuery {
    interface Action {
        ResultCursor run(SessionContext session);
    }

    private final List<ColumnDescription> columns;
    private final Action action;

    UtilityPlan(List<ColumnDescription> columns, Action action) {
        this.columns = List.copyOf(columns);
        this.action = action;
    }

    @Override
    public int[] parameterTypeOids() {
        return new int[0];
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
        return action.run(session);
    }
}
