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
    private int[] declaredParamOids = new int[0];

    UtilityPlan(List<ColumnDescription> columns, Action action) {
        this.columns = List.copyOf(columns);
        this.action = action;
    }

    /** Utility statements use no parameters, but Describe reports what the client declared. */
    UtilityPlan withDeclaredParameters(int[] oids) {
        this.declaredParamOids = oids.clone();
        return this;
    }

    @Override
    public int[] parameterTypeOids() {
        return declaredParamOids.clone();
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
