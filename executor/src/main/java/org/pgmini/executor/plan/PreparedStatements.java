package org.pgmini.executor.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.parser.ast.PgDml;
import org.pgmini.executor.parser.ast.PgSessionStatements;
import org.pgmini.executor.query.SessionDependentPlan;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * SQL-level prepared statements (PREPARE / EXECUTE / DEALLOCATE), kept per session like
 * PostgreSQL's prepared-statement hash table: PREPARE plans the statement when it runs (errors
 * then, as in PostgreSQL) and stores the plan under its name (42P05 if the name is taken);
 * EXECUTE evaluates its arguments, coerces them to the parameter types (assignment rules, 42804
 * otherwise) and runs the stored plan, whose rows and tag are EXECUTE's; DEALLOCATE drops one
 * (26000 if unknown) or all. Not transactional: a ROLLBACK keeps what PREPARE made. The
 * protocol-level named statements of Parse are the server's and a separate namespace here.
 *
 * <p>The store is keyed weakly by the SessionContext object (one per session, as the server
 * keeps it); session thread only. EXECUTE's plan depends on the session's store, so it is a
 * {@link SessionDependentPlan}, never shared through the plan cache.
 */
final class PreparedStatements {
    private PreparedStatements() {}

    /** One prepared statement: its plan, the parameter types and the statement text. */
    private record Entry(PreparedQuery plan, PgType[] paramTypes) {}

    private static final Map<SessionContext, Map<String, Entry>> SESSIONS = new WeakHashMap<>();

    private static Map<String, Entry> of(SessionContext s) {
        synchronized (SESSIONS) {
            return SESSIONS.computeIfAbsent(s, k -> new HashMap<>());
        }
    }

    static PreparedQuery plan(org.pgmini.executor.parser.ast.PgWriteStatement st, ExpressionAnalyzer.PositionMapper positions,
                              List<ParamSlot> params, ExpressionAnalyzer analyzer, SessionContext session) {
        if (st instanceof PgSessionStatements.Prepare p) {
            return prepare(p, positions, analyzer);
        }
        if (st instanceof PgSessionStatements.Execute e) {
            return execute(e, positions, params, analyzer, session);
        }
        PgSessionStatements.Deallocate d = (PgSessionStatements.Deallocate) st;
        return new WritePlan(new int[0], List.of(), (values, s) -> {
            Map<String, Entry> store = of(s);
            if (d.name == null) {
                store.clear();
                return WritePlan.command("DEALLOCATE ALL");
            }
            if (store.remove(d.name) == null) {
                throw notFound(d.name);
            }
            return WritePlan.command("DEALLOCATE");
        });
    }

    private static PgException notFound(String name) {
        return new PgException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
    }

    private static PreparedQuery prepare(PgSessionStatements.Prepare p, ExpressionAnalyzer.PositionMapper positions,
                                         ExpressionAnalyzer analyzer) {
        SqlNode inner = p.statement;
        boolean preparable = inner instanceof PgDml.Insert || inner instanceof PgDml.Update || inner instanceof PgDml.Delete
                || !(inner instanceof org.pgmini.executor.parser.ast.PgWriteStatement)
                && (inner.getKind() == org.apache.calcite.sql.SqlKind.SELECT || inner.getKind() == org.apache.calcite.sql.SqlKind.ORDER_BY
                    || inner.getKind() == org.apache.calcite.sql.SqlKind.VALUES || inner.getKind() == org.apache.calcite.sql.SqlKind.UNION
                    || inner.getKind() == org.apache.calcite.sql.SqlKind.INTERSECT || inner.getKind() == org.apache.calcite.sql.SqlKind.EXCEPT
                    || inner.getKind() == org.apache.calcite.sql.SqlKind.WITH);
        if (!preparable) {
            int at = positions.position(inner.getParserPosition());
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \""
                    + firstWord(positions.source(), at) + "\"", at);
        }
        int[] declared = new int[p.types.size()];
        for (int i = 0; i < declared.length; i++) {
            SqlDataTypeSpec spec = p.types.get(i);
            declared[i] = analyzer.typeOf(spec).type().oid();
        }
        return new WritePlan(new int[0], List.of(), (values, s) -> {
            Map<String, Entry> store = of(s);
            if (store.containsKey(p.name)) {
                throw new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + p.name + "\" already exists");
            }
            PreparedQuery plan = new Planner(positions, declared, s).plan(inner);
            org.pgmini.executor.query.PlanValidity.enableReplanning(plan, s2 -> new Planner(positions, declared, s2).plan(inner));
            int[] oids = plan.parameterTypeOids();
            PgType[] types = new PgType[oids.length];
            for (int i = 0; i < oids.length; i++) {
                types[i] = PgTypes.byOid(oids[i]);
            }
            store.put(p.name, new Entry(plan, types));
            return WritePlan.command("PREPARE");
        });
    }

    private static String firstWord(String src, int position) {
        int b = Math.max(0, position - 1);
        int e = b;
        while (e < src.length() && (Character.isLetterOrDigit(src.charAt(e)) || src.charAt(e) == '_')) {
            e++;
        }
        return e == b ? src.substring(b, Math.min(src.length(), b + 1)) : src.substring(b, e);
    }

    /** EXECUTE's plan: the stored statement's columns, the arguments coerced to its parameter types. */
    private static PreparedQuery execute(PgSessionStatements.Execute e, ExpressionAnalyzer.PositionMapper positions,
                                         List<ParamSlot> params, ExpressionAnalyzer analyzer, SessionContext session) {
        Entry entry = of(session).get(e.name);
        if (entry == null) {
            throw notFound(e.name);
        }
        if (e.arguments.size() != entry.paramTypes.length) {
            throw new PgException(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \"" + e.name + "\"",
                    "Expected " + entry.paramTypes.length + " parameters but got " + e.arguments.size() + ".", null, 0, null, null);
        }
        Eval[] args = new Eval[e.arguments.size()];
        for (int i = 0; i < args.length; i++) {
            SqlNode n = e.arguments.get(i);
            Typed t = analyzer.analyze(n);
            PgType want = entry.paramTypes[i];
            try {
                args[i] = Casts.coerce(t, want, -1, Casts.Context.ASSIGNMENT).eval;
            } catch (PgException ex) {
                if (!SqlState.CANNOT_COERCE.equals(ex.sqlState())) {
                    throw ex;
                }
                throw new PgException(SqlState.DATATYPE_MISMATCH, "parameter $" + (i + 1) + " of type "
                        + PgTypes.displayName(t.type) + " cannot be coerced to the expected type " + PgTypes.displayName(want),
                        null, "You will need to rewrite or cast the expression.", positions.position(n.getParserPosition()), null, null);
            }
        }
        int[] paramOids = new int[params.size()];
        for (int i = 0; i < paramOids.length; i++) {
            paramOids[i] = params.get(i).type == null ? PgTypes.TEXT.oid() : params.get(i).type.oid();
        }
        return new ExecutePlan(e.name, entry, args, paramOids);
    }

    /** EXECUTE name(args): runs the stored plan with the evaluated arguments. */
    private static final class ExecutePlan implements PreparedQuery, SessionDependentPlan {
        private final String name;
        private final Entry entry;
        private final Eval[] args;
        private final int[] paramOids;

        ExecutePlan(String name, Entry entry, Eval[] args, int[] paramOids) {
            this.name = name;
            this.entry = entry;
            this.args = args;
            this.paramOids = paramOids;
        }

        @Override
        public int[] parameterTypeOids() {
            return paramOids.clone();
        }

        @Override
        public List<ColumnDescription> columns() {
            return entry.plan.columns();
        }

        @Override
        public boolean returnsRows() {
            return entry.plan.returnsRows();
        }

        @Override
        public ResultCursor execute(Object[] parameters, SessionContext session) {
            if (of(session).get(name) != entry) {
                // deallocated (or re-prepared) since EXECUTE was planned
                throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
            }
            EvalContext c = new EvalContext(parameters == null ? new Object[0] : parameters, session);
            Object[] values = new Object[args.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = args[i].eval(c);
            }
            return entry.plan.execute(values, session);
        }
    }
}
