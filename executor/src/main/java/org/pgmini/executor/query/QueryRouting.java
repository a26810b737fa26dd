package org.pgmini.executor.query;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;
import org.pgmini.executor.types.PgTypes;

/**
 * Which SELECTs go through {@link SelectPlanner} (everything with FROM, GROUP BY, aggregates,
 * DISTINCT, LIMIT/OFFSET) and the glue that turns its result into a PreparedQuery. plan.Planner
 * keeps SELECT without those (constant rows) and VALUES.
 */
public final class QueryRouting {
    private QueryRouting() {}

    public static boolean usesSelectPlanner(SqlNode node) {
        if (CompositeQueries.isComposite(node) && node.getKind() != org.apache.calcite.sql.SqlKind.VALUES) {
            return true;
        }
        SqlNode q = node;
        if (node instanceof SqlOrderBy ob) {
            if (ob.offset != null || ob.fetch != null) {
                return ob.query instanceof SqlSelect;
            }
            q = ob.query;
        }
        if (!(q instanceof SqlSelect s)) {
            return false;
        }
        return s.getFrom() != null || s.getGroup() != null || s.getHaving() != null || s.isDistinct()
                || s.getFetch() != null || s.getOffset() != null || SelectPlanner.containsAgg(s.getSelectList().getList())
                || s.getSelectList().getList().stream().anyMatch(n -> SelectPlanner.findSrf(n) != null)
                || (s.getWhere() != null && SelectPlanner.findSrf(s.getWhere()) != null) // jdbcmeta: SelectPlanner rejects it as PostgreSQL does
                || containsSubquery(s.getSelectList()) || containsSubquery(s.getWhere())
                || Windowing.contains(s.getSelectList());
    }

    private static boolean containsSubquery(SqlNode n) {
        if (n == null) {
            return false;
        }
        if (n instanceof SqlSelect || n instanceof SqlOrderBy || CompositeQueries.isComposite(n)) {
            return true;
        }
        if (n instanceof org.apache.calcite.sql.SqlNodeList list) {
            for (SqlNode o : list) {
                if (containsSubquery(o)) {
                    return true;
                }
            }
            return false;
        }
        if (n instanceof org.apache.calcite.sql.SqlCall call) {
            for (SqlNode o : call.getOperandList()) {
                if (containsSubquery(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** EXPLAIN of a SELECT (planned by {@link SelectPlanner} even without FROM, shown as Result then). */
    public static PreparedQuery explain(org.pgmini.executor.parser.ast.PgExplainStatement st, ExpressionAnalyzer analyzer,
                                        ExpressionAnalyzer.PositionMapper positions, List<ParamSlot> params, SessionContext session) {
        var o = st.options();
        if (!o.format().equals("text")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN (FORMAT " + o.format().toUpperCase(java.util.Locale.ROOT)
                    + ") is not supported");
        }
        if (o.verbose()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN VERBOSE is not supported");
        }
        if (o.buffers()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN (BUFFERS) is not supported");
        }
        SqlNode inner = st.statement();
        if (inner instanceof org.pgmini.executor.parser.ast.PgDdl.CreateTableAs ctas) { // ptapes: EXPLAIN CREATE TABLE AS / SELECT INTO
            return org.pgmini.executor.plan.ExplainCreateTableAs.plan(st, ctas, positions.position(ctas.name.getParserPosition()),
                    q -> explain(q, analyzer, positions, params, session), session);
        }
        boolean select = inner instanceof SqlSelect || (inner instanceof SqlOrderBy ob && ob.query instanceof SqlSelect)
                || CompositeQueries.isComposite(inner);
        if (!select) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of " + inner.getKind().sql.replace('_', ' ')
                    + " is not supported yet", positions.position(inner.getParserPosition()));
        }
        long t0 = System.nanoTime();
        TableQuery q = (TableQuery) plan(inner, analyzer, positions, params, session);
        return new ExplainQuery(q, o, System.nanoTime() - t0);
    }

    public static PreparedQuery plan(SqlNode node, ExpressionAnalyzer analyzer, ExpressionAnalyzer.PositionMapper positions,
                                     List<ParamSlot> params, SessionContext session) {
        long generation = -1;
        SelectPlanner planner = new SelectPlanner(analyzer, positions, session);
        Planned planned;
        if (session != null) {
            try {
                generation = session.database().catalog().transactionManager().invalidation().current();
            } catch (PgException e) {
                generation = -1;
            }
        }
        planned = planner.plan(node);
        PlanNode root = ParallelPaths.forceGather(session, node, planned.initPlans(), planned.root());
        if (root != planned.root()) {
            planned = new Planned(root, planned.columns(), planned.relationOids(), planned.initPlans());
        }
        int[] oids = new int[params.size()];
        int[] positionsOf = new int[params.size()];
        for (int i = 0; i < oids.length; i++) {
            ParamSlot p = params.get(i);
            positionsOf[i] = p.firstPosition;
            if (p.type == null && !p.referenced) {
                throw new PgException(SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter $" + (i + 1));
            }
            if (p.type == null) {
                p.type = PgTypes.TEXT;
            }
            oids[i] = p.type.oid();
        }
        TableQuery q = new TableQuery(planned, oids, positionsOf, planned.usesTables() ? generation : -1);
        if (session != null) {
            q.setParallelInputs(ParallelPlanInputs.capture(session, planned.root()));
        }
        return q;
    }
}
