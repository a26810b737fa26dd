package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.ExpressionText;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.PgParser;
import org.pgmini.storage.catalog.RelationDescriptor;

/**
 * A view used in FROM: its stored query (pg_rewrite.ev_action, SQL text) parsed and planned in
 * the current session, like PostgreSQL's rewriter substitutes a view by its query. The plan
 * must still produce the view's columns (same count and types as pg_attribute records them);
 * when the tables under it changed so that it does not (PostgreSQL forbids such changes through
 * dependencies, which pgmini does not track), using the view is an error, never a silent
 * re-mapping of columns.
 */
final class ViewExpansion {
    private ViewExpansion() {}

    static Planned plan(RelationDescriptor view, SessionContext session) {
        String text = session.database().catalog().viewDefinition(session.database().transaction(), view.oid());
        if (text == null) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not find the query of view \"" + view.name() + "\"");
        }
        List<PgParser.RawStatement> parsed = PgParser.parse(text);
        SqlNode query = parsed.get(0).node();
        ExpressionAnalyzer.PositionMapper positions = ExpressionText.NO_POSITIONS;
        Planned p = new SelectPlanner(new ExpressionAnalyzer(positions, new ArrayList<>()), positions, session).plan(query);
        List<RelationDescriptor.Column> cols = view.columns();
        List<ColumnDescription> out = p.columns();
        boolean same = out.size() == cols.size();
        for (int i = 0; same && i < cols.size(); i++) {
            same = out.get(i).type().oid() == cols.get(i).typeOid();
        }
        if (!same) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "view \"" + view.name()
                    + "\" no longer matches the tables it reads", null,
                    "Recreate the view with CREATE OR REPLACE VIEW or DROP VIEW and CREATE VIEW.", 0, null, null);
        }
        return p;
    }
}
