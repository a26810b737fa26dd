package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.parser.ast.PgDdl;
import org.pgmini.executor.parser.ast.PgExplainStatement;

/**
 * EXPLAIN of CREATE TABLE AS (and of SELECT ... INTO, its other spelling), as PostgreSQL 15
 * prints it: the plan of the query, after the same existence check the statement makes (42P07
 * "relation ... already exists"; with IF NOT EXISTS a NOTICE and no plan). Nothing is created.
 * The query's plan is the one CREATE TABLE AS runs; a Gather Merge it runs in tape-import mode
 * prints the same lines. EXPLAIN ANALYZE, which would create and fill the table, is 0A000.
 */
public final class ExplainCreateTableAs implements PreparedQuery {
    private final PreparedQuery explain;
    private final RelationName target;
    private final boolean ifNotExists;

    private ExplainCreateTableAs(PreparedQuery explain, RelationName target, boolean ifNotExists) {
        this.explain = explain;
        this.target = target;
        this.ifNotExists = ifNotExists;
    }

    /** @param explainQuery plans EXPLAIN of a query (the read path's EXPLAIN) */
    public static PreparedQuery plan(PgExplainStatement st, PgDdl.CreateTableAs ctas, int namePosition,
                                     java.util.function.Function<PgExplainStatement, PreparedQuery> explainQuery,
                                     SessionContext session) {
        if (st.options().analyze()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN ANALYZE of CREATE TABLE AS is not supported yet");
        }
        RelationName rn = RelationName.of(ctas.name, namePosition, session == null ? null : session.databaseName());
        PreparedQuery explain = explainQuery.apply(new PgExplainStatement(st.getParserPosition(), ctas.query, st.options()));
        return new ExplainCreateTableAs(explain, rn, ctas.ifNotExists);
    }

    @Override
    public int[] parameterTypeOids() {
        return explain.parameterTypeOids();
    }

    @Override
    public List<ColumnDescription> columns() {
        return explain.columns();
    }

    @Override
    public boolean returnsRows() {
        return true;
    }

    @Override
    public ResultCursor execute(Object[] parameters, SessionContext s) {
        var db = s.database();
        var tx = DdlPlanner.begin(db);
        var cat = db.catalog();
        int nsp;
        try {
            nsp = cat.requireNamespace(tx, target.creationSchema(s));
        } catch (PgException e) {
            throw e.withPosition(target.position());
        }
        if (cat.relationOid(tx, nsp, target.name()) != null) {
            if (!ifNotExists) {
                throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + target.name() + "\" already exists");
            }
            s.notice(new Notice("NOTICE", SqlState.DUPLICATE_TABLE, "relation \"" + target.name()
                    + "\" already exists, skipping", null, null));
            return new Rows(java.util.Collections.emptyIterator(), "EXPLAIN", false);
        }
        return explain.execute(parameters, s);
    }
}
