package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;

/** SHOW / SET / RESET / ALTER SYSTEM / transaction control: an action run against the session. */
final class UtilityPlan extends ActionPlan {
    interface Action {
        ResultCursor run(SessionContext session);
    }

    UtilityPlan(List<ColumnDescription> columns, Action action) {
        super(new int[0], columns, (parameters, session) -> action.run(session));
    }

    /** Utility statements use no parameters, but Describe reports what the client declared. */
    UtilityPlan withDeclaredParameters(int[] oids) {
        declareParameters(oids);
        return this;
    }
}
