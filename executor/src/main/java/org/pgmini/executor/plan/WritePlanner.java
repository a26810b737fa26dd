package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;
import org.pgmini.executor.parser.ast.PgDdl;
import org.pgmini.executor.parser.ast.PgDml;
import org.pgmini.executor.parser.ast.PgWriteStatement;

/**
 * Entry of the write path's planning: DDL → DdlPlanner, DML → ModifyPlanner, SELECT ... FOR UPDATE →
 * LockingSelectPlanner, utilities → UtilityStatements.
 */
final class WritePlanner {
    private WritePlanner() {}

    static PreparedQuery plan(PgWriteStatement st, ExpressionAnalyzer.PositionMapper positions, List<ParamSlot> params,
                              ExpressionAnalyzer analyzer, SessionContext session) {
        if (st instanceof org.pgmini.executor.parser.ast.PgCopy copy) {
            return org.pgmini.executor.copy.CopyPlan.plan(copy, positions);
        }
        if (st instanceof PgDml.LockingSelect) {
            return new LockingSelectPlanner(positions, params, session).plan((PgDml.LockingSelect) st);
        }
        if (st instanceof PgDml.Insert || st instanceof PgDml.Update || st instanceof PgDml.Delete) {
            return new ModifyPlanner(positions, params, session).plan(st);
        }
        if (st instanceof org.pgmini.executor.parser.ast.PgSessionStatements.CreateView view) {
            return Views.create(view, positions, session);
        }
        if (st.getClass().getEnclosingClass() == org.pgmini.executor.parser.ast.PgCursorStatements.class) {
            return Cursors.plan(st, positions, session); // sort helper: SQL cursors
        }
        if (st.getClass().getEnclosingClass() == org.pgmini.executor.parser.ast.PgSessionStatements.class) {
            return PreparedStatements.plan(st, positions, params, analyzer, session);
        }
        if (st instanceof org.pgmini.executor.parser.ast.PgIndexDdl.CreateIndex ci) {
            return IndexDdl.createIndex(ci, RelationName.of(ci.table, positions.position(ci.table.getParserPosition()),
                    session == null ? null : session.databaseName()), positions);
        }
        if (st.getClass().getEnclosingClass() == PgDdl.class) {
            return new DdlPlanner(positions, analyzer, session).plan(st);
        }
        return new UtilityStatements(positions, session).plan(st);
    }
}
