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
public final class ViewExpansion {
    private ViewExpansion() {}

    static Planned plan(RelationDescriptor view, SessionContext session) {
        org.pgmini.storage.catalog.Catalog.ViewRule rule = session.database().catalog().viewRule(
                session.database().transaction(), view.oid());
        if (rule == null) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not find the query of view \"" + view.name() + "\"");
        }
        List<PgParser.RawStatement> parsed = PgParser.parse(rule.query());
        SqlNode query = parsed.get(0).node();
        ExpressionAnalyzer.PositionMapper positions = ExpressionText.NO_POSITIONS;
        Planned p = new SelectPlanner(new ExpressionAnalyzer(positions, new ArrayList<>()), positions, session).plan(query);
        List<RelationDescriptor.Column> cols = view.columns();
        List<ColumnDescription> out = p.columns();
        boolean same = out.size() == cols.size();
        for (int i = 0; same && i < cols.size(); i++) {
            same = out.get(i).type().oid() == cols.get(i).typeOid();
        }
        // the same tables as at creation: another search_path, or a table dropped and made again,
        // would otherwise silently change what the view reads (PostgreSQL binds them at creation)
        same &= relations(p).equals(rule.relations());
        if (!same) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "view \"" + view.name()
                    + "\" no longer matches the tables it was created over", null,
                    "Recreate the view with CREATE OR REPLACE VIEW or DROP VIEW and CREATE VIEW.", 0, null, null);
        }
        return p;
    }

    /** The relations a view's query reads, as stored with the view: sorted distinct oids, comma-separated. */
    public static String relations(Planned p) {
        return p.relationOids().stream().distinct().sorted().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
    }
}
