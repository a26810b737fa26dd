package org.pgmini.executor.plan;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;

/**
 * What the planners of statements on one table (ModifyPlanner, LockingSelectPlanner) are made
 * with: where the statement's text positions map to, the parameter slots analysis fills, and the
 * session that prepares it. One instance plans one statement.
 */
abstract class TableStatementPlanner {
    protected final ExpressionAnalyzer.PositionMapper positions;
    protected final List<ParamSlot> params;
    protected final SessionContext session;

    TableStatementPlanner(ExpressionAnalyzer.PositionMapper positions, List<ParamSlot> params, SessionContext session) {
        this.positions = positions;
        this.params = params;
        this.session = session;
    }

    /** The 1-based position of a node in the whole query string (0 if unknown), for errors. */
    protected final int pos(SqlNode n) {
        return positions.position(n.getParserPosition());
    }
}
