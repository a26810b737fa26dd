package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Catalog;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;
import org.pgmini.executor.expr.Scope;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.parser.ast.PgSetStatement;
import org.pgmini.executor.parser.ast.PgShowStatement;
import org.pgmini.executor.parser.ast.PgTransactionStatement;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Turns one parsed statement into a PreparedQuery: SELECT/VALUES through
 * {@link ExpressionAnalyzer}, utility statements into session actions. Statements that need
 * storage raise 0A000. One Planner per prepare call.
 */
public final class Planner {
    private final ExpressionAnalyzer.PositionMapper positions;
    private final List<ParamSlot> params = new ArrayList<>();
    private final ExpressionAnalyzer analyzer;

    private final org.pgmini.executor.api.SessionContext session;

    /** @param session the preparing session, used only for catalog-like lookups (may be null) */
    public Planner(ExpressionAnalyzer.PositionMapper positions, int[] declaredParamOids,
                   org.pgmini.executor.api.SessionContext session) {
        this.positions = positions;
        this.session = session;
        for (int i = 0; i < declaredParamOids.length; i++) {
            PgType t = declaredParamOids[i] == 0 ? null : PgTypes.byOid(declaredParamOids[i]);
            if (declaredParamOids[i] != 0 && t == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "parameter type with OID "
                        + declaredParamOids[i] + " is not supported");
            }
            params.add(new ParamSlot(i, t));
        }
        this.analyzer = new ExpressionAnalyzer(positions, params);
    }

    public PreparedQuery plan(SqlNode node) {
        PreparedQuery q = planStatement(node);
        if (q instanceof UtilityPlan) {
            int[] oids = new int[params.size()];
            for (int i = 0; i < oids.length; i++) {
                oids[i] = params.get(i).type == null ? PgTypes.TEXT.oid() : params.get(i).type.oid();
            }
            return ((UtilityPlan) q).withDeclaredParameters(oids);
        }
        return q;
    }

    private PreparedQuery planStatement(SqlNode node) {
        if (node instanceof org.pgmini.executor.parser.ast.PgWriteStatement) {
            return WritePlanner.plan((org.pgmini.executor.parser.ast.PgWriteStatement) node, positions, params, analyzer, session);
        }
        if (node instanceof PgShowStatement) {
            return show(((PgShowStatement) node).name());
        }
        if (node instanceof PgSetStatement) {
            return set((PgSetStatement) node);
        }
        if (node instanceof PgTransactionStatement) {
            PgTransactionStatement.Action a = ((PgTransactionStatement) node).action();
            List<String> modes = ((PgTransactionStatement) node).modes();
            return new UtilityPlan(List.of(), s -> {
                if (a != PgTransactionStatement.Action.BEGIN) {
                    return Rows.command(a == PgTransactionStatement.Action.COMMIT
                            ? Cursors.commit(s) /* scrollsort: WITH HOLD cursors persist first */ : s.transaction().rollback());
                }
                boolean wasInBlock = s.transaction().inBlock();
                String tag = s.transaction().begin();
                if (!wasInBlock) {
                    applyModes(s, modes);
                }
                return Rows.command(tag);
            });
        }
        if (node instanceof org.pgmini.executor.parser.ast.PgExplainStatement) {
            return org.pgmini.executor.query.QueryRouting.explain((org.pgmini.executor.parser.ast.PgExplainStatement) node,
                    analyzer, positions, params, session);
        }
        if (org.pgmini.executor.query.QueryRouting.usesSelectPlanner(node)) {
            return org.pgmini.executor.query.QueryRouting.plan(node, analyzer, positions, params, session);
        }
        if (node instanceof SqlSelect || node instanceof SqlOrderBy || node.getKind() == SqlKind.VALUES) {
            return query(node);
        }
        throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                node.getKind().sql.replace('_', ' ') + " is not supported yet", pos(node));
    }

    private int pos(SqlNode n) {
        return positions.position(n.getParserPosition());
    }

    private static ColumnDescription textColumn(String name) {
        return new ColumnDescription(name, 0, (short) 0, PgTypes.TEXT, -1);
    }

    private PreparedQuery show(String name) {
        if (name == null) {
            return new UtilityPlan(List.of(textColumn("name"), textColumn("setting"), textColumn("description")), s -> {
                List<Object[]> rows = new ArrayList<>();
                for (SettingInfo i : s.settings().all()) {
                    rows.add(new Object[] {i.name(), s.settings().show(i.name()), i.shortDesc()});
                }
                return new Rows(rows.iterator(), "SHOW", false);
            });
        }
        return new UtilityPlan(List.of(textColumn(canonicalName(name))), s -> {
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {s.settings().show(name)});
            return new Rows(rows.iterator(), "SHOW", false);
        });
    }

    /** Transaction modes are transaction-local settings, as in PostgreSQL. */
    private static void applyModes(org.pgmini.executor.api.SessionContext s, List<String> modes) {
        for (int i = 0; i + 1 < modes.size(); i += 2) {
            s.settings().set(modes.get(i), List.of(modes.get(i + 1)), true);
        }
    }

    /** SHOW's column is named as the parameter is registered (DateStyle, not datestyle). */
    private String canonicalName(String name) {
        if (session == null) {
            return name;
        }
        try {
            for (SettingInfo i : session.settings().all()) {
                if (i.name().equalsIgnoreCase(name)) {
                    return i.name();
                }
            }
        } catch (PgException e) {
            // fall back to the name as written; SHOW itself will report the problem
        }
        return name;
    }

    private PreparedQuery set(PgSetStatement st) {
        if (!st.transactionModes().isEmpty()) {
            List<String> modes = st.transactionModes();
            return new UtilityPlan(List.of(), s -> {
                if (!s.transaction().inBlock()) {
                    s.notice(new org.pgmini.executor.api.Notice("WARNING", "25P01",
                            "SET TRANSACTION can only be used in transaction blocks", null, null));
                    return Rows.command("SET");
                }
                applyModes(s, modes);
                return Rows.command("SET");
            });
        }
        if (st.isAlterSession()) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"SESSION\"", pos(st));
        }
        String name = st.name();
        List<String> values = st.values();
        if (st.isSystem()) {
            String value = st.isReset() ? null : values.isEmpty() ? null : String.join(", ", values);
            String target = name == null ? "all" : name;
            return new UtilityPlan(List.of(), s -> {
                s.settings().alterSystem(target, value);
                return Rows.command("ALTER SYSTEM");
            });
        }
        if (st.isReset()) {
            return new UtilityPlan(List.of(), s -> {
                if (name == null) {
                    s.settings().resetAll();
                } else {
                    s.settings().reset(name);
                }
                return Rows.command("RESET");
            });
        }
        boolean local = st.isLocal();
        return new UtilityPlan(List.of(), s -> {
            if (local && !s.transaction().inBlock()) {
                s.notice(new org.pgmini.executor.api.Notice("WARNING", "25P01",
                        "SET LOCAL can only be used in transaction blocks", null, null));
                // PostgreSQL still validates the value, then the setting lasts until the
                // implicit transaction ends: i.e. it has no lasting effect
                return Rows.command("SET");
            }
            s.settings().set(name, values, local);
            return Rows.command("SET");
        });
    }

    private PreparedQuery query(SqlNode node) {
        SqlNodeList orderList = null;
        if (node instanceof SqlOrderBy) {
            SqlOrderBy ob = (SqlOrderBy) node;
            if (ob.offset != null || ob.fetch != null) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "LIMIT/OFFSET is not supported yet", pos(node));
            }
            orderList = ob.orderList;
            node = ob.query;
        }
        List<Typed> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        SelectPlan.Source source;
        Eval filter = null;
        boolean hasFrom = false;
        if (node.getKind() == SqlKind.VALUES) {
            List<List<Typed>> rows = new ArrayList<>();
            for (SqlNode row : ((SqlCall) node).getOperandList()) {
                List<Typed> r = new ArrayList<>();
                for (SqlNode v : ((SqlCall) row).getOperandList()) {
                    r.add(analyzer.analyze(v));
                }
                if (!rows.isEmpty() && r.size() != rows.get(0).size()) {
                    throw PgException.atPosition(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", pos(row));
                }
                rows.add(r);
            }
            int width = rows.get(0).size();
            Eval[][] cells = new Eval[rows.size()][width];
            for (int col = 0; col < width; col++) {
                List<Typed> column = new ArrayList<>();
                for (List<Typed> r : rows) {
                    column.add(r.get(col));
                }
                ExpressionAnalyzer.TypeRef t = analyzer.commonType(column, "VALUES", node);
                for (int r = 0; r < rows.size(); r++) {
                    cells[r][col] = Casts.coerce(rows.get(r).get(col), t.type(), -1, Casts.Context.IMPLICIT).eval;
                }
                names.add("column" + (col + 1));
                final int colIndex = col;
                targets.add(new Typed(t.type(), t.typmod(), c -> c.row[colIndex], false));
            }
            source = c -> {
                List<Object[]> out = new ArrayList<>();
                for (Eval[] r : cells) {
                    Object[] v = new Object[r.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = r[i].eval(c);
                    }
                    out.add(v);
                }
                return out;
            };
            hasFrom = true;
        } else {
            SqlSelect select = (SqlSelect) node;
            checkSupported(select);
            // a FROM clause goes to query.SelectPlanner (QueryRouting); here only SELECT without FROM
            if (select.getFrom() != null) {
                throw new IllegalStateException("SELECT with FROM is planned by query.SelectPlanner");
            }
            List<Object[]> single = List.<Object[]>of(new Object[0]);
            source = c -> single;
            if (select.getWhere() != null) {
                Typed w = analyzer.analyze(select.getWhere());
                if (w.isUnknown()) {
                    w = Casts.coerce(w, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
                } else if (w.type != PgTypes.BOOL) {
                    throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type "
                            + PgTypes.displayName(w.type), pos(select.getWhere()));
                }
                filter = w.eval;
            }
            for (SqlNode item : select.getSelectList()) {
                if (item instanceof SqlIdentifier && ((SqlIdentifier) item).isStar()) {
                    if (!hasFrom) {
                        throw PgException.atPosition(SqlState.SYNTAX_ERROR,
                                "SELECT * with no tables specified is not valid", pos(item));
                    }
                    continue;
                }
                SqlNode expr = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
                targets.add(analyzer.analyze(expr));
                names.add(ColumnNamer.name(item, spec -> analyzer.typeOf(spec).type().name()));
            }
        }
        // unknown-typed outputs become text, as PostgreSQL's resolve_unknowns does
        List<ColumnDescription> columns = new ArrayList<>();
        Eval[] evals = new Eval[targets.size()];
        boolean allConstant = !hasFrom && filter == null;
        for (int i = 0; i < targets.size(); i++) {
            Typed t = targets.get(i);
            if (t.type == PgTypes.UNKNOWN) {
                t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            targets.set(i, t);
            evals[i] = t.eval;
            allConstant &= t.constant;
            columns.add(new ColumnDescription(names.get(i), 0, (short) 0, t.type, t.typmod));
        }
        Comparator<Object[]> order = orderList == null ? null : order(orderList, names, targets);
        int[] oids = new int[params.size()];
        int[] paramPositions = new int[params.size()];
        for (int i = 0; i < oids.length; i++) {
            ParamSlot p = params.get(i);
            paramPositions[i] = p.firstPosition;
            if (p.type == null && !p.referenced) {
                // a gap such as $2 used without $1: nothing can tell $1's type
                throw new PgException(SqlState.INDETERMINATE_DATATYPE,
                        "could not determine data type of parameter $" + (i + 1));
            }
            if (p.type == null) {
                p.type = PgTypes.TEXT;
            }
            oids[i] = p.type.oid();
        }
        Object[] constantRow = null;
        if (allConstant && order == null) {
            constantRow = new Object[evals.length];
            for (int i = 0; i < evals.length; i++) {
                try {
                    constantRow[i] = evals[i].eval(null);
                } catch (RuntimeException e) {
                    constantRow = null;
                    break;
                }
            }
        }
        return new SelectPlan(oids, paramPositions, columns, source, filter, evals, order, constantRow);
    }

    private void checkSupported(SqlSelect s) {
        if (s.getGroup() != null || s.getHaving() != null || s.getWindowList() != null && !s.getWindowList().isEmpty()
                || s.isDistinct() || s.getFetch() != null || s.getOffset() != null) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                    "this SELECT clause is not supported yet", pos(s));
        }
    }

    private Comparator<Object[]> order(SqlNodeList list, List<String> names, List<Typed> targets) {
        Comparator<Object[]> result = null;
        for (SqlNode item : list) {
            boolean desc = false;
            SqlNode key = item;
            if (key.getKind() == SqlKind.DESCENDING) {
                desc = true;
                key = ((SqlCall) key).operand(0);
            }
            int index = -1;
            if (key instanceof SqlLiteral) {
                int n = ((SqlLiteral) key).intValue(true);
                if (n < 1 || n > targets.size()) {
                    throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE,
                            "ORDER BY position " + n + " is not in select list", pos(key));
                }
                index = n - 1;
            } else if (key instanceof SqlIdentifier && ((SqlIdentifier) key).isSimple()) {
                index = names.indexOf(((SqlIdentifier) key).getSimple());
            }
            if (index < 0) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "ORDER BY on an expression that is not an output column is not supported yet", pos(key));
            }
            Catalog.Comparer cmp = Catalog.INSTANCE.comparerFor(targets.get(index).type);
            if (cmp == null) {
                throw PgException.atPosition(SqlState.UNDEFINED_FUNCTION, "could not identify an ordering operator for type "
                        + PgTypes.displayName(targets.get(index).type), pos(key));
            }
            final int i = index;
            final boolean d = desc;
            Comparator<Object[]> c = (a, b) -> {
                Object x = a[i];
                Object y = b[i];
                int r;
                if (x == null || y == null) {
                    r = x == null ? (y == null ? 0 : 1) : -1;
                } else {
                    r = cmp.compare(x, y);
                }
                return d ? -r : r;
            };
            result = result == null ? c : result.thenComparing(c);
        }
        return result;
    }
}
