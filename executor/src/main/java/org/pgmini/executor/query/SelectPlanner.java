package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.AggFunction;
import org.pgmini.executor.exec.AggregateNode;
import org.pgmini.executor.exec.FunctionScanNode;
import org.pgmini.executor.exec.HashJoinNode;
import org.pgmini.executor.exec.JoinType;
import org.pgmini.executor.exec.LimitNode;
import org.pgmini.executor.exec.MaterializeNode;
import org.pgmini.executor.exec.NestedLoopNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectNode;
import org.pgmini.executor.exec.Qual;
import org.pgmini.executor.exec.ResultNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.plan.ColumnNamer;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * Plans a SELECT into an operator tree (our own planner; executor/README.md says why not
 * Calcite's): FROM items resolved through search_path and locked AccessShare, joins left-deep in
 * FROM order (hash join on equality conditions of hashable types, else nested loop), WHERE
 * conditions pushed to the lowest place that may evaluate them, then aggregation, projection,
 * DISTINCT, sort and limit. One instance per statement.
 */
public final class SelectPlanner {
    private final ExpressionAnalyzer analyzer;
    private final ExpressionAnalyzer.PositionMapper positions;
    private final SessionContext session;
    private final List<RangeItem> items = new ArrayList<>();
    private final List<Integer> relationOids = new ArrayList<>();
    private Transaction tx;
    /** Whether table scans fill their ctid slot (DML and row locking read it). */
    private boolean wantCtids;

    /** The enclosing query's column resolution (for a subquery), used only to report correlation. */
    private ExpressionAnalyzer.Hook outer;
    final Subqueries subqueries = new Subqueries(this);

    public SelectPlanner(ExpressionAnalyzer analyzer, ExpressionAnalyzer.PositionMapper positions, SessionContext session) {
        this.analyzer = analyzer;
        this.positions = positions;
        this.session = session;
    }

    /** Column resolution without FROM: no columns, but subqueries (and correlation errors) still work. */
    private ExpressionAnalyzer.Hook noFromHook() {
        return new ExpressionAnalyzer.Hook() {
            @Override
            public Typed intercept(SqlNode node) {
                return subqueries.intercept(node);
            }

            @Override
            public Typed column(SqlIdentifier id) {
                return outerColumn(id);
            }

            @Override
            public PgException columnNotFound(SqlIdentifier id) {
                PgException c = correlated(id);
                if (c != null) {
                    return c;
                }
                if (id.names.size() > 1) {
                    return PgException.atPosition(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                            + id.names.get(id.names.size() - 2) + "\"", pos(id));
                }
                return PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + id.getSimple() + "\" does not exist", pos(id));
            }
        };
    }

    private Typed analyzeWith(ExpressionAnalyzer.Hook hook, SqlNode n) {
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(hook);
        try {
            return analyzer.analyze(n);
        } finally {
            analyzer.setHook(saved);
        }
    }

    /** A planner for a subquery of this query. */
    SelectPlanner nested(ExpressionAnalyzer.Hook outerHook) {
        SelectPlanner p = new SelectPlanner(analyzer, positions, session);
        p.outer = outerHook;
        p.ctes = ctes;
        p.depth = depth + 1;
        return p;
    }

    /**
     * A planner for a query at this query's level (an operand of a set operation, a subquery in
     * FROM, a WITH body): it sees the same enclosing query and the same WITH names.
     */
    SelectPlanner child() {
        SelectPlanner p = new SelectPlanner(analyzer, positions, session);
        p.outer = outer;
        p.ctes = ctes;
        p.depth = depth;
        p.correlation = correlation;
        return p;
    }

    /** For a subquery in an expression: the outer values it uses (set by {@link Subqueries}; shared by its child planners). */
    Correlation correlation;

    /**
     * A column this query does not have but its enclosing query does (a correlated reference):
     * the parameter that carries the outer row's value into each run of the subquery; null when
     * there is no enclosing query or it has no such column either.
     */
    Typed outerColumn(SqlIdentifier id) {
        if (outer == null || correlation == null || id.isStar()) {
            return null;
        }
        Typed t;
        try {
            t = outer.column(id);
        } catch (PgException e) {
            String m = e.getMessage();
            if (SqlState.GROUPING_ERROR.equals(e.sqlState()) && m != null && m.startsWith("column \"")) {
                // the enclosing query groups and this column is not a group key: PostgreSQL's wording for a subquery
                String column = m.substring(7, m.indexOf('"', 8) + 1);
                throw PgException.atPosition(SqlState.GROUPING_ERROR, "subquery uses ungrouped column " + column
                        + " from outer query", pos(id));
            }
            throw e;
        }
        return t == null ? null : correlation.parameter(t);
    }

    /** How many expression subqueries deep this query is (WITH RECURSIVE's rule on its self-reference). */
    int depth;

    /** The WITH queries visible here (innermost first); null when there are none. */
    CteScope ctes;

    /** The uncorrelated subqueries of this query, in the order they were found. */
    final List<InitPlan> initPlans = new ArrayList<>();

    InitPlan initPlan(java.util.function.Function<org.pgmini.executor.expr.EvalContext, Object> compute) {
        InitPlan p = new InitPlan(compute);
        initPlans.add(p);
        return p;
    }

    void addRelations(List<Integer> oids) {
        relationOids.addAll(oids);
    }

    /** A name the subquery cannot resolve but the enclosing query can: a correlated subquery. */
    PgException correlated(org.apache.calcite.sql.SqlIdentifier id) {
        if (outer == null) {
            return null;
        }
        try {
            if (outer.column(id) != null) {
                return PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "correlated subqueries (referring to the outer query) are not supported yet", pos(id));
            }
        } catch (PgException e) {
            return null;
        }
        return null;
    }

    private int pos(SqlNode n) {
        return positions.position(n.getParserPosition());
    }

    // ------------------------------------------------------------------ FROM

    /** A node of the FROM clause's join tree over leaf items [lo, hi). */
    private abstract static class From {
        int lo;
        int hi;
    }

    private static final class Leaf extends From {
        final RangeItem item;
        final SqlCall function;
        /** For generate_series: the arguments coerced to {@link #functionType}. */
        Eval[] functionArgs;
        PgType functionType;
        org.pgmini.executor.exec.GenerateSeries.Maker functionMaker;

        Leaf(RangeItem item, SqlCall function) {
            this.item = item;
            this.function = function;
            this.lo = item.index;
            this.hi = item.index + 1;
        }
    }

    private static final class Join extends From {
        final JoinType type;
        final boolean cross;
        final From left;
        final From right;
        final List<SqlNode> on = new ArrayList<>();
        /** USING / NATURAL columns, merged in the output. */
        final List<String> using = new ArrayList<>();
        final List<SqlNode> extraQuals = new ArrayList<>();
        final List<SqlNode> postQuals = new ArrayList<>();

        Join(JoinType type, boolean cross, From left, From right) {
            this.type = type;
            this.cross = cross;
            this.left = left;
            this.right = right;
            this.lo = left.lo;
            this.hi = right.hi;
        }
    }

    private DatabaseAccess db() {
        return session == null ? null : session.database();
    }

    private Transaction tx() {
        if (tx == null) {
            tx = db().transaction();
        }
        return tx;
    }

    private From from(SqlNode n) {
        if (n instanceof SqlJoin j) {
            From left = from(j.getLeft());
            From right = from(j.getRight());
            JoinType t;
            boolean cross = false;
            switch (j.getJoinType()) {
                case LEFT: t = JoinType.LEFT; break;
                case RIGHT: t = JoinType.RIGHT; break;
                case FULL: t = JoinType.FULL; break;
                case COMMA: case CROSS: t = JoinType.INNER; cross = true; break;
                case INNER: t = JoinType.INNER; break;
                default:
                    throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "this join is not supported", pos(n));
            }
            Join join = new Join(t, cross, left, right);
            if (j.isNatural()) {
                for (String name : visibleNames(left)) {
                    if (visibleNames(right).contains(name)) {
                        join.using.add(name);
                    }
                }
            } else if (j.getConditionType() == JoinConditionType.USING) {
                for (SqlNode c : (SqlNodeList) j.getCondition()) {
                    String name = ((SqlIdentifier) c).getSimple();
                    if (!visibleNames(left).contains(name)) {
                        throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name
                                + "\" specified in USING clause does not exist in left table");
                    }
                    if (!visibleNames(right).contains(name)) {
                        throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name
                                + "\" specified in USING clause does not exist in right table");
                    }
                    join.using.add(name);
                }
            } else if (j.getConditionType() == JoinConditionType.ON) {
                join.on.addAll(conjuncts(j.getCondition()));
            }
            if (t != JoinType.INNER) {
                markNullable(t.keepsOuter() || t == JoinType.FULL ? right : null);
                markNullable(t == JoinType.RIGHT || t == JoinType.FULL ? left : null);
            }
            return join;
        }
        SqlNode target = n;
        String alias = null;
        List<String> columnAliases = new ArrayList<>();
        if (n.getKind() == SqlKind.AS) {
            List<SqlNode> ops = ((SqlCall) n).getOperandList();
            target = ops.get(0);
            alias = ((SqlIdentifier) ops.get(1)).getSimple();
            for (int i = 2; i < ops.size(); i++) {
                columnAliases.add(((SqlIdentifier) ops.get(i)).getSimple());
            }
        }
        boolean lateral = false;
        if (target.getKind() == SqlKind.LATERAL) {
            lateral = true;
            target = ((SqlCall) target).operand(0);
        }
        if (target instanceof SqlSelect || target instanceof SqlOrderBy
                || (CompositeQueries.isComposite(target) && target.getKind() != SqlKind.VALUES)) {
            return lateral && !items.isEmpty() ? lateralSubqueryItem(target, alias, columnAliases)
                    : subqueryItem(target, alias, columnAliases);
        }
        if (target.getKind() == SqlKind.VALUES) {
            return valuesItem((SqlCall) target, alias, columnAliases);
        }
        if (target.getKind() == SqlKind.COLLECTION_TABLE) {
            return functionItem((SqlCall) ((SqlCall) target).operand(0), alias, columnAliases);
        }
        if (target.getKind() == SqlKind.UNNEST) {
            return functionItem((SqlCall) target, alias, columnAliases);
        }
        if (!(target instanceof SqlIdentifier id)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "this FROM item is not supported yet", pos(target));
        }
        return new Leaf(relationItem(id, alias, columnAliases), null);
    }

    private void markNullable(From f) {
        if (f == null) {
            return;
        }
        for (int i = f.lo; i < f.hi; i++) {
            items.get(i).nullable = true;
        }
    }

    private List<String> visibleNames(From f) {
        List<String> out = new ArrayList<>();
        for (int i = f.lo; i < f.hi; i++) {
            for (String s : items.get(i).names) {
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private void checkUniqueRefname(String refname, SqlNode where) {
        for (RangeItem it : items) {
            if (it.refname.equals(refname)) {
                throw PgException.atPosition("42712", "table name \"" + refname + "\" specified more than once", pos(where));
            }
        }
    }

    private static List<String> applyAliases(List<String> names, List<String> aliases, String refname, SqlNode where,
                                             ExpressionAnalyzer.PositionMapper positions) {
        int visible = 0;
        for (String s : names) {
            if (s != null) {
                visible++;
            }
        }
        if (aliases.size() > visible) {
            // PostgreSQL gives this error no position (jdbcmeta)
            throw new PgException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + refname + "\" has " + visible
                    + " columns available but " + aliases.size() + " columns specified");
        }
        List<String> out = new ArrayList<>(names);
        int k = 0;
        for (int i = 0; i < out.size() && k < aliases.size(); i++) {
            if (out.get(i) != null) {
                out.set(i, aliases.get(k++));
            }
        }
        return out;
    }

    private Leaf subqueryItem(SqlNode query, String alias, List<String> columnAliases) {
        if (alias == null) {
            throw new PgException(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias", null,
                    "For example, FROM (SELECT ...) [AS] foo.", pos(query), null, null);
        }
        return subqueryItem(query, alias, columnAliases, child().plan(query));
    }

    /** The FROM items so far as a scope (offsets assigned as the full row will have them): what LATERAL sees. */
    private QueryScope precedingScope() {
        int off = 0;
        for (RangeItem it : items) {
            it.offset = off;
            off += it.width;
        }
        QueryScope q = new QueryScope(items, 0, items.size(), positions);
        q.planner = this;
        return q;
    }

    /** LATERAL (query): planned as a subquery whose enclosing query is the FROM items before it. */
    private Leaf lateralSubqueryItem(SqlNode query, String alias, List<String> columnAliases) {
        if (alias == null) {
            throw new PgException(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias", null,
                    "For example, FROM (SELECT ...) [AS] foo.", pos(query), null, null);
        }
        SelectPlanner p = nested(precedingScope());
        p.depth = depth;
        p.correlation = new Correlation();
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(null);
        Planned sub;
        try {
            sub = p.plan(query);
        } finally {
            analyzer.setHook(saved);
        }
        Leaf leaf = subqueryItem(query, alias, columnAliases, sub);
        if (!p.correlation.isEmpty()) {
            leaf.item.lateral = true;
            leaf.item.lateralParams = p.correlation;
        }
        return leaf;
    }

    private Leaf subqueryItem(SqlNode query, String alias, List<String> columnAliases, Planned sub) {
        relationOids.addAll(sub.relationOids());
        initPlans.addAll(sub.initPlans());
        checkUniqueRefname(alias, query);
        RangeItem item = subqueryRangeItem(alias, sub.columns(), columnAliases, query);
        item.subplan = sub;
        items.add(item);
        return new Leaf(item, null);
    }

    /** A view in FROM: its query (ViewExpansion) as a subquery named like the view, with the view's column names. */
    private RangeItem viewItem(RelationDescriptor rel, String refname, boolean aliased, List<String> columnAliases, SqlIdentifier id) {
        Planned sub = ViewExpansion.plan(rel, session);
        relationOids.add(rel.oid());
        relationOids.addAll(sub.relationOids());
        initPlans.addAll(sub.initPlans());
        checkUniqueRefname(refname, id);
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        List<Integer> oids = new ArrayList<>();
        for (int i = 0; i < sub.columns().size(); i++) {
            names.add(rel.columns().get(i).name());
            types.add(sub.columns().get(i).type());
            typmods.add(sub.columns().get(i).typmod());
            oids.add(sub.columns().get(i).type().oid());
        }
        names = applyAliases(names, columnAliases, refname, id, positions);
        RangeItem item = new RangeItem(RangeItem.Kind.SUBQUERY, items.size(), refname, aliased, names, types, typmods, oids,
                names.size(), null, null);
        item.subplan = sub;
        items.add(item);
        return item;
    }

    /** VALUES (...), (...) in FROM: columns column1..N (or the aliases), typed by select_common_type per column. */
    private Leaf valuesItem(SqlCall values, String alias, List<String> columnAliases) {
        if (alias == null) {
            throw new PgException(SqlState.SYNTAX_ERROR, "VALUES in FROM must have an alias", null,
                    "For example, FROM (VALUES ...) [AS] foo.", pos(values), null, null);
        }
        ValuesLists lists = ValuesLists.analyze(analyzer, values, this::pos);
        int width = lists.width();
        Eval[][] cells = lists.cells();
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        List<Integer> oids = new ArrayList<>();
        for (int col = 0; col < width; col++) {
            ExpressionAnalyzer.TypeRef t = lists.columnTypes().get(col);
            names.add("column" + (col + 1));
            types.add(t.type());
            typmods.add(t.typmod());
            oids.add(t.type().oid());
        }
        checkUniqueRefname(alias, values);
        names = applyAliases(names, columnAliases, alias, values, positions);
        RangeItem item = new RangeItem(RangeItem.Kind.VALUES, items.size(), alias, true, names, types, typmods, oids,
                width, null, null);
        item.values = cells;
        items.add(item);
        return new Leaf(item, null);
    }

    private Leaf functionItem(SqlCall call, String alias, List<String> columnAliases) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        // FROM's unnest(x) is Calcite's UNNEST operator, not a SqlFunction (so not isSrf): test the name
        if (!name.equals("generate_series") && !name.equals("unnest") && !isExpandArray(call)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "function " + name + " in FROM is not supported", pos(call));
        }
        List<Typed> args = new ArrayList<>();
        // a function in FROM may use the columns of the items before it (implicitly LATERAL)
        QueryScope preceding = items.isEmpty() ? null : precedingScope();
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(preceding != null ? preceding : noFromHook());
        try {
            for (SqlNode o : call.getOperandList()) {
                args.add(analyzer.analyze(o));
            }
        } finally {
            analyzer.setHook(saved);
        }
        boolean lateral = preceding != null && !preceding.refs.isEmpty();
        SeriesCall sc = seriesCall(args, call);
        PgType type = sc.type();
        Eval[] evals = sc.args();
        String refname = alias != null ? alias : name;
        checkUniqueRefname(refname, call);
        // jdbcmeta: a function returning a record of known columns gives one column per field,
        // named by the function (only a scalar function's column takes the table alias's name)
        List<PgType> columnTypes = type instanceof org.pgmini.executor.types.RecordType rt ? rt.types() : List.of(type);
        List<String> defaultNames = type instanceof org.pgmini.executor.types.RecordType rt ? rt.names()
                : List.of(alias != null && columnAliases.isEmpty() ? alias : name);
        List<String> names = applyAliases(defaultNames, columnAliases, refname, call, positions);
        List<Integer> typmods = new ArrayList<>();
        List<Integer> oids = new ArrayList<>();
        for (PgType t : columnTypes) {
            typmods.add(-1);
            oids.add(t.oid());
        }
        RangeItem item = new RangeItem(RangeItem.Kind.FUNCTION, items.size(), refname, alias != null, names,
                columnTypes, typmods, oids, columnTypes.size(), null, null);
        items.add(item);
        item.lateral = lateral;
        Leaf leaf = new Leaf(item, call);
        leaf.functionArgs = evals;
        leaf.functionType = type;
        leaf.functionMaker = sc.maker();
        return leaf;
    }

    /** A resolved generate_series call: result type, arguments coerced to its parameter types, the series maker. */
    private record SeriesCall(PgType type, Eval[] args, org.pgmini.executor.exec.GenerateSeries.Maker maker) {}

    private SeriesCall seriesCall(List<Typed> args, SqlCall call) {
        if (call.getOperator().getName().equalsIgnoreCase("unnest")) {
            Unnest u = Unnest.resolve(args, pos(call));
            return new SeriesCall(u.type(), u.args(), u.maker());
        }
        if (isExpandArray(call)) {
            // errors point at the qualified name's start, as PostgreSQL's do
            ExpandArray e = ExpandArray.resolve(args, functionPosition(call));
            return new SeriesCall(e.type(), e.args(), e.maker());
        }
        PgType type = seriesType(args, call);
        Eval[] evals = new Eval[args.size()];
        boolean time = type == PgTypes.TIMESTAMP || type == PgTypes.TIMESTAMPTZ;
        for (int i = 0; i < evals.length; i++) {
            PgType param = time && i == 2 ? PgTypes.INTERVAL : type;
            evals[i] = Casts.coerce(args.get(i), param, -1, Casts.Context.IMPLICIT).eval;
        }
        if (!time) {
            return new SeriesCall(type, evals, org.pgmini.executor.exec.GenerateSeries.numbers(type));
        }
        int p = pos(call);
        Typed first = new Typed(type, -1, c -> c.row[0], false);
        Typed second = new Typed(type, -1, c -> c.row[1], false);
        Typed step = new Typed(PgTypes.INTERVAL, -1, c -> c.row[1], false);
        Typed interval = new Typed(PgTypes.INTERVAL, -1, c -> c.row[0], false);
        Typed zero = Typed.constant(PgTypes.INTERVAL, -1, PgTypes.INTERVAL.input("0", -1));
        var maker = org.pgmini.executor.exec.GenerateSeries.times(
                org.pgmini.executor.expr.Resolver.call("+", List.of(first, step), true, p).eval,
                org.pgmini.executor.expr.Resolver.call("<=", List.of(first, second), true, p).eval,
                org.pgmini.executor.expr.Resolver.call(">=", List.of(first, second), true, p).eval,
                org.pgmini.executor.expr.Resolver.call(">", List.of(interval, zero), true, p).eval,
                org.pgmini.executor.expr.Resolver.call("<", List.of(interval, zero), true, p).eval);
        return new SeriesCall(type, evals, maker);
    }

    /**
     * generate_series's overloads: (int4, int4[, int4]), (int8, ...), (numeric, ...),
     * (timestamp, timestamp, interval), (timestamptz, timestamptz, interval); a date argument
     * takes the timestamptz one (date's preferred cast), as in PostgreSQL.
     */
    private PgType seriesType(List<Typed> args, SqlCall call) {
        if (args.size() < 2 || args.size() > 3) {
            throw undefinedFunction("generate_series", args, pos(call));
        }
        PgType best = PgTypes.INT4;
        if (args.size() == 3 && (args.get(2).isUnknown() || args.get(2).type == PgTypes.INTERVAL)) {
            PgType time = null;
            for (int i = 0; i < 2; i++) {
                Typed t = args.get(i);
                if (t.isUnknown()) {
                    continue;
                }
                if (t.type == PgTypes.TIMESTAMPTZ || t.type == PgTypes.DATE) {
                    time = PgTypes.TIMESTAMPTZ;
                } else if (t.type == PgTypes.TIMESTAMP) {
                    time = time == null ? PgTypes.TIMESTAMP : time;
                } else {
                    time = null;
                    break;
                }
            }
            if (time != null) {
                return time;
            }
        }
        for (Typed t : args) {
            if (t.isUnknown()) {
                continue;
            }
            String n = t.type.name();
            if (n.equals("int2") || n.equals("int4")) {
                continue;
            }
            if (n.equals("int8")) {
                best = best == PgTypes.NUMERIC ? best : PgTypes.INT8;
            } else if (n.equals("numeric")) {
                best = PgTypes.NUMERIC;
            } else {
                throw undefinedFunction("generate_series", args, pos(call));
            }
        }
        return best;
    }

    /** 42883 "function name(types) does not exist" for a call of {@code name} with {@code args}, at {@code position}. */
    static PgException undefinedFunction(String name, List<Typed> args, int position) {
        PgType[] types = new PgType[args.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = args.get(i).type;
        }
        return org.pgmini.executor.expr.Resolver.undefined(name, types, false, position);
    }

    private RangeItem relationItem(SqlIdentifier id, String alias, List<String> columnAliases) {
        List<String> n = id.names;
        String name = n.get(n.size() - 1);
        String schema = n.size() >= 2 ? n.get(n.size() - 2) : null;
        if (n.size() > 3) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                    + String.join(".", n), pos(id));
        }
        if (n.size() == 3 && !n.get(0).equals(session.databaseName())) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", n), pos(id));
        }
        String refname = alias != null ? alias : name;
        CteDef cte = n.size() == 1 ? CteScope.lookup(ctes, name) : null;
        if (cte != null) {
            return cteItem(cte, id, refname, columnAliases);
        }
        SystemViews.View view = (schema == null || schema.equals("pg_catalog")) ? SystemViews.lookup(name) : null;
        RelationDescriptor rel = null;
        if (view == null || schema == null) {
            rel = lookupTable(schema, name, id, view != null);
        }
        if (rel == null && view != null) {
            checkUniqueRefname(refname, id);
            List<String> names = applyAliases(view.columns(), columnAliases, refname, id, positions);
            List<Integer> typmods = new ArrayList<>();
            List<Integer> oids = new ArrayList<>();
            for (PgType t : view.types()) {
                typmods.add(-1);
                oids.add(t.oid());
            }
            RangeItem item = new RangeItem(RangeItem.Kind.VIEW, items.size(), refname, alias != null, names, view.types(),
                    typmods, oids, names.size(), null, view);
            items.add(item);
            return item;
        }
        if (rel.relkind() == RelationDescriptor.RELKIND_VIEW) {
            return viewItem(rel, refname, alias != null, columnAliases, id);
        }
        if (rel.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "reading \"" + rel.name()
                    + "\" (relkind '" + rel.relkind() + "') is not supported yet", pos(id));
        }
        checkUniqueRefname(refname, id);
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        List<Integer> oids = new ArrayList<>();
        for (RelationDescriptor.Column c : rel.columns()) {
            names.add(c.dropped() ? null : c.name());
            types.add(c.dropped() ? null : PgTypes.byOid(c.typeOid()));
            typmods.add(c.typmod());
            oids.add(c.typeOid());
        }
        names = applyAliases(names, columnAliases, refname, id, positions);
        relationOids.add(rel.oid());
        RangeItem item = new RangeItem(RangeItem.Kind.TABLE, items.size(), refname, alias != null, names, types, typmods,
                oids, names.size() + 1, rel, null);
        items.add(item);
        return item;
    }

    /**
     * A SUBQUERY range item named {@code refname} (with an alias, as PostgreSQL treats subqueries
     * and WITH references) whose columns are {@code cols}, renamed by {@code columnAliases}
     * (errors at {@code at}); the caller adds its plan and puts it in {@link #items}.
     */
    private RangeItem subqueryRangeItem(String refname, List<ColumnDescription> cols, List<String> columnAliases, SqlNode at) {
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        List<Integer> oids = new ArrayList<>();
        for (ColumnDescription c : cols) {
            names.add(c.name());
            types.add(c.type());
            typmods.add(c.typmod());
            oids.add(c.type().oid());
        }
        names = applyAliases(names, columnAliases, refname, at, positions);
        return new RangeItem(RangeItem.Kind.SUBQUERY, items.size(), refname, true, names, types, typmods, oids,
                names.size(), null, null);
    }

    /** A WITH query named in FROM (see {@link WithPlanner#reference}). */
    private RangeItem cteItem(CteDef d, SqlIdentifier id, String refname, List<String> columnAliases) {
        checkUniqueRefname(refname, id);
        WithPlanner.Reference ref = WithPlanner.reference(this, d, id, refname);
        List<ColumnDescription> cols = ref.inlined() != null ? ref.inlined().columns() : ref.columns();
        RangeItem item = subqueryRangeItem(refname, cols, columnAliases, id);
        if (ref.inlined() != null) {
            item.subplan = ref.inlined();
            relationOids.addAll(ref.inlined().relationOids());
            initPlans.addAll(ref.inlined().initPlans());
        }
        item.scanMaker = ref.scanMaker();
        if (d.workTable != null) {
            d.workItems.add(new Object[] {item, id});
        }
        items.add(item);
        return item;
    }

    /** Resolves a table through the catalog and search_path and locks it AccessShare; null only when a view may answer. */
    private RelationDescriptor lookupTable(String schema, String name, SqlIdentifier id, boolean viewExists) {
        DatabaseAccess db;
        try {
            db = db();
        } catch (PgException e) {
            if (viewExists) {
                return null;
            }
            throw e;
        }
        var catalog = db.catalog();
        Transaction t = tx();
        if (schema != null) {
            Integer nsp = catalog.namespaceOid(t, schema);
            // a missing schema is reported as a missing relation, as PostgreSQL does for queries
            if (nsp == null || catalog.relationOid(t, nsp, name) == null) {
                if (viewExists) {
                    return null;
                }
                throw PgException.atPosition(SqlState.UNDEFINED_TABLE, "relation \"" + schema + "." + name
                        + "\" does not exist", pos(id));
            }
            return catalog.openRelation(t, schema, name, LockMode.ACCESS_SHARE);
        }
        for (String s : CatalogAccess.searchPath(session)) {
            if (s.equals("pg_catalog") && viewExists) {
                return null;
            }
            Integer nsp = catalog.namespaceOid(t, s);
            if (nsp != null && catalog.relationOid(t, nsp, name) != null) {
                return catalog.openRelation(t, s, name, LockMode.ACCESS_SHARE);
            }
        }
        if (viewExists) {
            return null;
        }
        throw PgException.atPosition(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist", pos(id));
    }

    // ------------------------------------------------------------------ helpers

    static List<SqlNode> conjuncts(SqlNode n) {
        List<SqlNode> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.getKind() == SqlKind.AND) {
            for (SqlNode o : ((SqlCall) n).getOperandList()) {
                out.addAll(conjuncts(o));
            }
        } else {
            out.add(n);
        }
        return out;
    }

    private Typed bool(Typed w, SqlNode n, String construct) {
        if (w.isUnknown()) {
            return Casts.coerce(w, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
        }
        if (w.type != PgTypes.BOOL) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of " + construct + " must be type boolean, not type "
                    + PgTypes.displayName(w.type), pos(n));
        }
        return w;
    }

    /** Analyzes {@code n} over items [lo, hi); {@code refs} receives the items it references. */
    private Typed analyzeIn(int lo, int hi, SqlNode n, BitSet refs) {
        QueryScope scope = scopeFor(lo, hi);
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(scope);
        try {
            Typed t = analyzer.analyze(n);
            if (refs != null) {
                refs.or(scope.refs);
            }
            return t;
        } finally {
            analyzer.setHook(saved);
        }
    }

    private final Map<Long, QueryScope> scopes = new HashMap<>();
    private final List<Join> joins = new ArrayList<>();

    private QueryScope scopeFor(int lo, int hi) {
        QueryScope s = scopes.computeIfAbsent(((long) lo << 32) | hi, k -> {
            QueryScope q = new QueryScope(items, lo, hi, positions);
            q.planner = this;
            for (Join j : joins) {
                if (j.lo >= lo && j.hi <= hi) {
                    addMerged(q, j);
                }
            }
            return q;
        });
        s.resetRefs();
        return s;
    }

    /** JOIN USING columns: unqualified references take the left value (right for RIGHT JOIN, COALESCE for FULL). */
    private void addMerged(QueryScope q, Join j) {
        for (String name : j.using) {
            Typed l = uniqueIn(q, j.left, name);
            Typed r = uniqueIn(q, j.right, name);
            Typed m;
            if (j.type == JoinType.FULL) {
                PgType t = l.type;
                Eval a = l.eval;
                Eval b = r.eval;
                m = new Typed(t, l.typmod, c -> {
                    Object v = a.eval(c);
                    return v != null ? v : b.eval(c);
                }, false);
            } else {
                m = j.type == JoinType.RIGHT ? r : l;
            }
            q.merged.put(name, m);
        }
    }

    private Typed uniqueIn(QueryScope q, From f, String name) {
        QueryScope.Ref found = null;
        for (int i = f.lo; i < f.hi; i++) {
            int c = items.get(i).column(name);
            if (c >= 0) {
                found = new QueryScope.Ref(items.get(i), c);
            }
        }
        Typed t = q.typed(found, new SqlIdentifier(name, SqlParserPos.ZERO));
        return t;
    }

    // ------------------------------------------------------------------ the query

    /** An analyzed ORDER BY key before it is bound to an output column. */
    private record OrderItem(SqlNode expr, boolean desc, boolean nullsFirst, SqlNode where) {}

    public Planned plan(SqlNode node) {
        Planned composite = CompositeQueries.plan(this, node);
        if (composite != null) {
            return composite;
        }
        SqlNodeList orderList = null;
        SqlNode offset = null;
        SqlNode fetch = null;
        if (node instanceof SqlOrderBy ob) {
            orderList = ob.orderList;
            offset = ob.offset;
            fetch = ob.fetch;
            node = ob.query;
        }
        if (!(node instanceof SqlSelect sel)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, node.getKind().sql.replace('_', ' ')
                    + " with ORDER BY/LIMIT is not supported yet", pos(node));
        }
        if (sel.getOrderList() != null && orderList == null) {
            orderList = sel.getOrderList();
        }
        SqlNodeList distinctOn = sel instanceof org.pgmini.executor.parser.ast.PgSelect ps ? ps.distinctOn : null;
        if (sel.getOffset() != null) {
            offset = sel.getOffset();
        }
        if (sel.getFetch() != null) {
            fetch = sel.getFetch();
        }
        From tree = sel.getFrom() == null ? null : from(sel.getFrom());
        collectJoins(tree);
        placeItems();
        int n = items.size();
        boolean qualify = n > 1;

        // ON conditions are analyzed first (errors in FROM come before WHERE, as in PostgreSQL)
        for (Join j : joins) {
            for (SqlNode c : j.on) {
                int correlatedBefore = subqueries.correlatedCount;
                bool(analyzeIn(j.lo, j.hi, c, null), c, "JOIN/ON");
                if (subqueries.correlatedCount > correlatedBefore) {
                    throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                            "correlated subqueries in JOIN/ON are not supported", pos(c));
                }
            }
        }
        // WHERE: each conjunct with the items it references
        List<SqlNode> where = conjuncts(sel.getWhere());
        List<BitSet> whereRefs = new ArrayList<>();
        for (SqlNode c : where) {
            rejectAggregates(c, "WHERE");
            rejectWindows(c, "WHERE");
            SqlCall srf = findSrf(c);
            if (srf != null) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in WHERE",
                        functionPosition(srf));
            }
            BitSet refs = new BitSet();
            if (n > 0) {
                int correlatedBefore = subqueries.correlatedCount;
                bool(analyzeIn(0, n, c, refs), c, "WHERE");
                if (subqueries.correlatedCount > correlatedBefore) {
                    correlatedWhere.add(c);
                }
            } else {
                bool(analyzeWith(noFromHook(), c), c, "WHERE");
            }
            whereRefs.add(refs);
        }
        // conditions with correlated subqueries are evaluated above the FROM tree (see SubPlanFilterNode)
        for (int i = where.size() - 1; i >= 0; i--) {
            if (correlatedWhere.contains(where.get(i))) {
                where.remove(i);
                whereRefs.remove(i);
            }
        }
        QueryScope full = n > 0 ? scopeFor(0, n) : null;
        Deparser deparser = new Deparser(full != null ? full : new QueryScope(List.of(dummyItem()), 0, 1, positions), qualify);

        // targets (star expanded)
        List<SqlNode> targetNodes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SqlNode item : sel.getSelectList()) {
            if (item instanceof SqlIdentifier id && id.isStar()) {
                if (n == 0) {
                    throw PgException.atPosition(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", pos(item));
                }
                expandStar(id, tree, targetNodes, names);
                continue;
            }
            targetNodes.add(item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item);
            names.add(null);
        }
        List<OrderItem> order = new ArrayList<>();
        if (orderList != null) {
            for (SqlNode o : orderList) {
                order.add(orderItem(o));
            }
        }
        boolean aggregating = sel.getGroup() != null || sel.getHaving() != null || containsAgg(targetNodes)
                || order.stream().anyMatch(o -> containsAgg(List.of(o.expr)));

        PlanNode input;
        Aggregation agg = null;
        if (n == 0) {
            List<Qual> quals = new ArrayList<>();
            for (SqlNode c : where) {
                quals.add(new Qual(bool(analyzeWith(noFromHook(), c), c, "WHERE").eval, deparser.expr(c)));
            }
            input = new ResultNode(Qual.all(quals));
        } else {
            input = null;
        }
        ExpressionAnalyzer.Hook targetHook = full != null ? full : noFromHook();
        if (aggregating) {
            agg = new Aggregation(this, full, deparser, sel, targetNodes, orderByItems(order)); // sort helper: ORDER BY orders the group keys
            targetHook = agg;
        }
        Windowing windowing = null;
        if (Windowing.contains(sel.getSelectList()) || order.stream().anyMatch(o -> Windowing.contains(o.expr))) {
            windowing = new Windowing(this, targetHook, sel, deparser);
            targetHook = windowing;
        }
        // set-returning functions in the select list (jdbcmeta: also inside expressions): computed by
        // a ProjectSet below the projection, whose output row ends with one slot per call
        TargetSrfs targetSrfs = new TargetSrfs(targetNodes, this::pos);
        if (!targetSrfs.isEmpty()) {
            targetHook = targetSrfs.hook(targetHook, call -> {
                List<Typed> args = new ArrayList<>();
                for (SqlNode o : call.getOperandList()) {
                    args.add(analyzer.analyze(o));
                }
                SeriesCall sc = seriesCall(args, call);
                return new org.pgmini.executor.exec.ProjectSetNode.Srf(sc.type(), sc.args(), sc.maker());
            });
        }
        List<org.pgmini.executor.exec.ProjectSetNode.Srf> srfs = new ArrayList<>();
        // analyze targets
        List<Typed> targets = new ArrayList<>();
        List<ColumnDescription> columns = new ArrayList<>();
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(targetHook);
        try {
            int k = 0;
            for (SqlNode item : sel.getSelectList()) {
                if (item instanceof SqlIdentifier id && id.isStar()) {
                    while (k < names.size() && names.get(k) != null) {
                        targets.add(analyzeTarget(targetNodes.get(k)));
                        k++;
                    }
                    continue;
                }
                Typed t = analyzeTarget(targetNodes.get(k));
                targets.add(t);
                names.set(k, ColumnNamer.name(item, spec -> analyzer.typeOf(spec).type().name()));
                k++;
            }
            for (int i = 0; i < targets.size(); i++) {
                Typed t = targets.get(i);
                if (t.type == PgTypes.UNKNOWN) {
                    t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
                    targets.set(i, t);
                }
                int tableOid = 0;
                short attnum = 0;
                if (targetNodes.get(i) instanceof SqlIdentifier id && full != null && !aggregating) {
                    QueryScope.Ref r = id.names.size() == 1 && full.merged.containsKey(id.getSimple()) ? null : safeFind(full, id);
                    if (r != null && r.item().relation != null) {
                        tableOid = r.item().relation.oid();
                        attnum = (short) (r.column() + 1);
                    }
                }
                columns.add(new ColumnDescription(names.get(i), tableOid, attnum, t.type, t.typmod));
            }
        } finally {
            analyzer.setHook(saved);
        }
        if (!targetSrfs.isEmpty()) {
            srfs.addAll(targetSrfs.srfs());
        }
        int visible = targets.size();

        // ORDER BY: bind each key to an output column, adding hidden (resjunk) columns as needed
        List<SortNode.Key> sortKeys = new ArrayList<>();
        List<SqlNode> allNodes = new ArrayList<>(targetNodes);
        for (OrderItem o : order) {
            int index = outputIndex(o, names, targetNodes, full);
            if (index < 0) {
                if (sel.isDistinct() && distinctOn == null) {
                    throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE,
                            "for SELECT DISTINCT, ORDER BY expressions must appear in select list", pos(o.expr));
                }
                analyzer.setHook(targetHook);
                try {
                    Typed t = analyzeTarget(o.expr);
                    if (t.type == PgTypes.UNKNOWN) {
                        t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
                    }
                    targets.add(t);
                } finally {
                    analyzer.setHook(saved);
                }
                allNodes.add(o.expr);
                index = targets.size() - 1;
            }
            SortNode.keyType(targets.get(index).type);
            sortKeys.add(new SortNode.Key(index, targets.get(index).type, o.desc, o.nullsFirst,
                    sortKeyText(deparser, allNodes.get(index))));
        }

        // FROM: joins and scans with their conditions
        if (n > 0) {
            input = buildFrom(tree, where, whereRefs, deparser);
            input = subPlanFilter(input, correlatedWhere, deparser);
        }
        AggregateNode grouped = null; // sort helper: the hashed GROUP BY that GroupingPaths may replace by a sorted one
        if (aggregating) {
            input = agg.node(input);
            if (input instanceof AggregateNode a && a.hashed()) {
                grouped = a;
                GroupingPaths.hashSpill(a, session);
                if (windowing != null || !srfs.isEmpty()) {
                    input = GroupingPaths.groupBy(session, false, sel, initPlans, input, a, null, agg.groupSortKeys(),
                            agg.sortInputTypes(), false, null, -1).plan();
                    grouped = null;
                }
            }
        }
        if (windowing != null) {
            if (!srfs.isEmpty()) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "set-returning functions together with window functions are not supported", pos(sel));
            }
            input = windowing.node(input);
        }
        if (!srfs.isEmpty()) {
            input = new org.pgmini.executor.exec.ProjectSetNode(input, srfs);
        }
        Eval[] evals = new Eval[targets.size()];
        for (int i = 0; i < evals.length; i++) {
            evals[i] = targets.get(i).eval;
        }
        PlanNode plan = ParallelPaths.project(outer == null ? session : null, sel, initPlans, input, evals,
                ParallelPaths.limitRows(fetch, offset, !order.isEmpty() || sel.isDistinct() || distinctOn != null || !srfs.isEmpty()));
        // sort helper: sorted grouping (GroupAggregate / Group) when PostgreSQL's costs prefer it
        boolean alreadyOrdered = false;
        List<PgType> targetTypes = new ArrayList<>();
        for (Typed t : targets) {
            targetTypes.add(t.type);
        }
        if (grouped != null) {
            GroupingPaths.Choice g = GroupingPaths.groupBy(session, outer == null, sel, initPlans, plan, grouped, evals,
                    agg.groupSortKeys(), agg.sortInputTypes(), agg.orderSatisfiedByGroups() && distinctOn == null && !sel.isDistinct(),
                    finalSort(sortKeys, targetTypes, fetch, offset), SortPaths.limitTuples(offset, fetch));
            plan = g.plan();
            alreadyOrdered = g.ordered();
        }
        if (distinctOn != null) {
            DistinctOn d = new DistinctOn(distinctOn, order, sortKeys, names, targetNodes, full, targetHook, targets, allNodes,
                    deparser);
            plan = d.plan(plan);
            sortKeys = List.of();
        } else if (sel.isDistinct()) {
            Eval[] keys = new Eval[visible];
            List<String> keyTexts = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                int slot = i;
                keys[i] = c -> c.row[slot];
                keyTexts.add(deparser.expr(allNodes.get(i)));
            }
            // sort helper: Unique over a Sort (ORDER BY's keys first) or HashAggregate, by cost
            AggregateNode hashedDistinct = new AggregateNode(plan, keys, keyTexts, List.of(), null,
                    Aggregation.groups(plan.rows, visible));
            GroupingPaths.hashSpill(hashedDistinct, session);
            List<SortNode.Key> uniqueKeys = new ArrayList<>(sortKeys);
            for (int i = 0; i < visible; i++) {
                int slot = i;
                if (uniqueKeys.stream().noneMatch(k -> k.index() == slot)) {
                    uniqueKeys.add(new SortNode.Key(i, targets.get(i).type, false, false, sortKeyText(deparser, allNodes.get(i))));
                }
            }
            GroupingPaths.Choice g = GroupingPaths.distinct(session, plan, hashedDistinct, uniqueKeys, targetTypes,
                    !sortKeys.isEmpty(), sortKeys.isEmpty() ? null : finalSort(sortKeys, targetTypes, fetch, offset),
                    SortPaths.limitTuples(offset, fetch), outer == null ? new SortPaths.Input(sel, initPlans, input, evals) : null);
            plan = g.plan();
            alreadyOrdered = g.ordered();
        }
        if (!sortKeys.isEmpty() && !alreadyOrdered) {
            List<PgType> types = new ArrayList<>();
            for (Typed t : targets) {
                types.add(t.type);
            }
            boolean projectionSorted = distinctOn == null && !sel.isDistinct() && outer == null;
            plan = SortPaths.ordered(session, plan, sortKeys, types, offset, fetch,
                    projectionSorted ? new SortPaths.Input(sel, initPlans, input, evals) : null);
            // an index scan in the ORDER BY's order replaces the Sort when cheaper (query/IndexPaths)
            if (projectionSorted && !aggregating && windowing == null && srfs.isEmpty() && items.size() == 1
                    && indexInputs.containsKey(0) && initPlans.isEmpty()
                    && (input instanceof org.pgmini.executor.exec.SeqScanNode || input instanceof org.pgmini.executor.exec.IndexScanNode)) {
                PlanNode byIndex = IndexPaths.orderedPlan(indexInputs.get(0), sortKeys, allNodes, evals, plan,
                        SortPaths.limitTuples(offset, fetch));
                if (byIndex != null) {
                    plan = byIndex;
                }
            }
        }
        if (offset != null || fetch != null) {
            Eval o = offset == null ? null : limitValue(offset, "OFFSET");
            Eval f = fetch == null ? null : limitValue(fetch, "LIMIT");
            double rows = plan.rows;
            if (fetch instanceof SqlNumericLiteral lit) {
                rows = Math.min(rows, lit.intValue(true));
            }
            plan = new LimitNode(plan, o, f, rows);
            IndexPaths.limitCosts(plan, plan.children().get(0), offset, fetch);
        }
        if (targets.size() > visible) {
            Eval[] strip = new Eval[visible];
            for (int i = 0; i < visible; i++) {
                int slot = i;
                strip[i] = c -> c.row[slot];
            }
            plan = new ProjectNode(plan, strip);
        }
        return new Planned(plan, columns, List.copyOf(relationOids), List.copyOf(initPlans));
    }

    /** Per FROM item: what its index paths were chosen from (for an ORDER BY an index can deliver). */
    private final Map<Integer, IndexPaths.Input> indexInputs = new HashMap<>();

    /** WHERE conjuncts that contain correlated subqueries (kept out of the scans and joins). */
    private final List<SqlNode> correlatedWhere = new ArrayList<>();

    /**
     * Puts the correlated WHERE conjuncts above the FROM tree; with none, still reads the tree
     * through a pulling node when any correlated subquery was analyzed (select list, HAVING,
     * ORDER BY), so none runs inside a scan's page visitor.
     */
    private PlanNode subPlanFilter(PlanNode input, List<SqlNode> conjuncts, Deparser deparser) {
        if (subqueries.correlatedCount == 0) {
            return input;
        }
        List<Qual> quals = new ArrayList<>();
        for (SqlNode c : conjuncts) {
            quals.add(new Qual(bool(analyzeIn(0, items.size(), c, null), c, "WHERE").eval, deparser.expr(c)));
        }
        return new SubPlanFilterNode(input, Qual.all(quals));
    }

    /**
     * SELECT DISTINCT ON (keys): the keys become output columns (hidden when not in the select
     * list), the rows are sorted by the ORDER BY (which must start with the keys, in any order)
     * followed by any keys it lacks, and Unique keeps the first row of each key group.
     */
    private final class DistinctOn {
        private final List<SortNode.Key> sort = new ArrayList<>();
        private final int[] slots;
        private final List<Typed> targets;

        DistinctOn(SqlNodeList keys, List<OrderItem> order, List<SortNode.Key> orderKeys, List<String> names,
                   List<SqlNode> targetNodes, QueryScope full, ExpressionAnalyzer.Hook hook, List<Typed> targets,
                   List<SqlNode> allNodes, Deparser deparser) {
            this.targets = targets;
            slots = new int[keys.size()];
            for (int i = 0; i < slots.length; i++) {
                SqlNode k = keys.get(i);
                int index = outputIndex(new OrderItem(k, false, false, k), names, allNodes, full);
                if (index < 0) {
                    ExpressionAnalyzer.Hook saved = analyzer.hook();
                    analyzer.setHook(hook);
                    try {
                        Typed t = analyzeTarget(k);
                        if (t.type == PgTypes.UNKNOWN) {
                            t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
                        }
                        targets.add(t);
                    } finally {
                        analyzer.setHook(saved);
                    }
                    allNodes.add(k);
                    index = targets.size() - 1;
                }
                slots[i] = index;
            }
            // the ORDER BY must begin with the DISTINCT ON keys (PostgreSQL's check)
            java.util.Set<Integer> remaining = new java.util.LinkedHashSet<>();
            for (int sl : slots) {
                remaining.add(sl);
            }
            for (int i = 0; i < orderKeys.size(); i++) {
                if (remaining.isEmpty()) {
                    break;
                }
                if (!remaining.remove(orderKeys.get(i).index())) {
                    throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE,
                            "SELECT DISTINCT ON expressions must match initial ORDER BY expressions", pos(keys.get(0)));
                }
            }
            sort.addAll(orderKeys);
            for (int i = 0; i < slots.length; i++) {
                if (remaining.contains(slots[i])) {
                    Typed t = targets.get(slots[i]);
                    SortNode.keyType(t.type);
                    sort.add(new SortNode.Key(slots[i], t.type, false, false, sortKeyText(deparser, allNodes.get(slots[i]))));
                }
            }
        }

        PlanNode plan(PlanNode input) {
            // the projection below must compute the hidden key columns too: rebuild it over its input
            ProjectNode project = (ProjectNode) input;
            Eval[] evals = new Eval[targets.size()];
            for (int i = 0; i < evals.length; i++) {
                evals[i] = targets.get(i).eval;
            }
            PlanNode p = new ProjectNode(project.child(), evals);
            List<PgType> types = new ArrayList<>();
            for (Typed t : targets) {
                types.add(t.type);
            }
            if (!sort.isEmpty()) {
                p = new SortNode(p, sort, types);
            }
            return new DistinctOnNode(p, slots);
        }
    }

    /** Places each WHERE conjunct (see the class comment) and builds the join tree's operators. */
    private PlanNode buildFrom(From tree, List<SqlNode> where, List<BitSet> whereRefs, Deparser deparser) {
        List<SqlNode> top = new ArrayList<>();
        Map<Integer, List<SqlNode>> leafQuals = new HashMap<>();
        for (int i = 0; i < where.size(); i++) {
            BitSet refs = whereRefs.get(i);
            SqlNode c = where.get(i);
            if (refs.cardinality() == 1 && !items.get(refs.nextSetBit(0)).nullable) {
                leafQuals.computeIfAbsent(refs.nextSetBit(0), x -> new ArrayList<>()).add(c);
                continue;
            }
            boolean anyNullable = false;
            for (int b = refs.nextSetBit(0); b >= 0; b = refs.nextSetBit(b + 1)) {
                anyNullable |= items.get(b).nullable;
            }
            Join target = refs.isEmpty() || anyNullable ? null : lowestInnerJoin(refs);
            if (target != null) {
                target.extraQuals.add(c);
            } else {
                top.add(c);
            }
        }
        // outer joins: ON conditions on the nullable side alone go down to its scan
        for (Join j : joins) {
            if (j.type == JoinType.LEFT || j.type == JoinType.RIGHT) {
                From nullableSide = j.type == JoinType.LEFT ? j.right : j.left;
                if (nullableSide instanceof Leaf leaf) {
                    for (java.util.Iterator<SqlNode> it = j.on.iterator(); it.hasNext(); ) {
                        SqlNode c = it.next();
                        BitSet refs = new BitSet();
                        analyzeIn(j.lo, j.hi, c, refs);
                        if (refs.cardinality() == 1 && refs.get(leaf.item.index)) {
                            leafQuals.computeIfAbsent(leaf.item.index, x -> new ArrayList<>()).add(c);
                            it.remove();
                        }
                    }
                }
            }
        }
        if (tree instanceof Join root) {
            root.postQuals.addAll(top);
        } else {
            leafQuals.computeIfAbsent(0, x -> new ArrayList<>()).addAll(top);
        }
        return build(tree, leafQuals, deparser);
    }

    /** One table of a {@link FromPlan}: where its columns and its ctid sit in the FROM row. */
    public record TableSlot(String refname, RelationDescriptor relation, int firstSlot, int ctidSlot) {}

    /**
     * FROM and WHERE of a DML statement (UPDATE ... FROM, DELETE ... USING, INSERT ... SELECT
     * sources) or a row-locking SELECT: the operator tree producing the FROM row (every table's
     * attributes by attnum, then its ctid as a {@code storage.tuple.ItemPointer}), the hook to
     * analyze expressions (SET, RETURNING) over that row ({@code analyzer.setHook(scope)}), and the
     * tables with their slots. Tables are locked AccessShare here; the caller takes stronger locks.
     * Before opening {@code root}, call {@code InitPlan.runAll(initPlans, state.eval)} (subqueries
     * in WHERE, or in expressions analyzed later with {@code scope}, are added to that list).
     */
    public record FromPlan(PlanNode root, ExpressionAnalyzer.Hook scope, List<TableSlot> tables, List<Integer> relationOids,
                           List<InitPlan> initPlans) {}

    /** Places each range item's columns in the joined row, one after the other in FROM order. */
    private void placeItems() {
        int off = 0;
        for (RangeItem it : items) {
            it.offset = off;
            off += it.width;
        }
    }

    public FromPlan planFrom(SqlNode fromNode, SqlNode whereNode) {
        wantCtids = true;
        From tree = from(fromNode);
        collectJoins(tree);
        placeItems();
        int n = items.size();
        for (Join j : joins) {
            for (SqlNode c : j.on) {
                bool(analyzeIn(j.lo, j.hi, c, null), c, "JOIN/ON");
            }
        }
        List<SqlNode> where = conjuncts(whereNode);
        List<BitSet> whereRefs = new ArrayList<>();
        List<SqlNode> correlated = new ArrayList<>();
        for (SqlNode c : where) {
            rejectAggregates(c, "WHERE");
            BitSet refs = new BitSet();
            int correlatedBefore = subqueries.correlatedCount;
            bool(analyzeIn(0, n, c, refs), c, "WHERE");
            if (subqueries.correlatedCount > correlatedBefore) {
                correlated.add(c);
            }
            whereRefs.add(refs);
        }
        for (int i = where.size() - 1; i >= 0; i--) {
            if (correlated.contains(where.get(i))) {
                where.remove(i);
                whereRefs.remove(i);
            }
        }
        QueryScope full = scopeFor(0, n);
        // every column is decoded: the caller's expressions are analyzed after the scans are built
        for (RangeItem it : items) {
            it.used.set(0, it.names.size());
        }
        Deparser fromDeparser = new Deparser(full, n > 1);
        PlanNode root = subPlanFilter(buildFrom(tree, where, whereRefs, fromDeparser), correlated, fromDeparser);
        List<TableSlot> tables = new ArrayList<>();
        for (RangeItem it : items) {
            if (it.kind == RangeItem.Kind.TABLE) {
                tables.add(new TableSlot(it.refname, it.relation, it.offset, it.offset + it.ctidSlot()));
            }
        }
        return new FromPlan(root, full, tables, List.copyOf(relationOids), initPlans);
    }

    private static QueryScope.Ref safeFind(QueryScope s, SqlIdentifier id) {
        try {
            return s.find(id);
        } catch (PgException e) {
            return null;
        }
    }

    private RangeItem dummyItem() {
        return new RangeItem(RangeItem.Kind.FUNCTION, 0, "", false, List.of(), List.of(), List.of(), List.of(), 0, null, null);
    }

    private Typed analyzeTarget(SqlNode n) {
        return analyzer.analyze(n);
    }

    /** PostgreSQL shows sort keys that are not plain columns in parentheses. */
    // sort helper: what GroupingPaths needs from the query's ORDER BY

    private static List<OrderByItem> orderByItems(List<OrderItem> order) {
        List<OrderByItem> out = new ArrayList<>();
        for (OrderItem o : order) {
            out.add(new OrderByItem(o.expr, o.desc, o.nullsFirst));
        }
        return out;
    }

    /** The ORDER BY's Sort over a plan, costed as SortPaths does (null without ORDER BY). */
    private java.util.function.UnaryOperator<PlanNode> finalSort(List<SortNode.Key> keys, List<PgType> types, SqlNode fetch,
                                                                 SqlNode offset) {
        if (keys.isEmpty()) {
            return null;
        }
        return p -> {
            SortNode s = new SortNode(p, keys, types);
            SortCosts.sort(s, p, SortPaths.workMemKB(session), SortPaths.limitTuples(offset, fetch),
                    GroupingPaths.Settings.of(session).sort());
            return s;
        };
    }

    private static String sortKeyText(Deparser d, SqlNode n) {
        String s = d.expr(n);
        return n instanceof SqlIdentifier ? s : "(" + s + ")";
    }

    private Eval limitValue(SqlNode n, String what) {
        Typed t = analyzer.analyze(n);
        if (t.isUnknown() || t.type != PgTypes.INT8) {
            t = Casts.coerce(t, PgTypes.INT8, -1, Casts.Context.IMPLICIT);
        }
        return t.eval;
    }

    private OrderItem orderItem(SqlNode o) {
        OrderByItem item = OrderByItem.of(o);
        return new OrderItem(item.expr(), item.descending(), item.nullsFirst(), o);
    }

    /** An ORDER BY key naming an output column: by ordinal, or by a bare output name; -1 otherwise. */
    private int outputIndex(OrderItem o, List<String> names, List<SqlNode> targetNodes, QueryScope full) {
        if (o.expr instanceof SqlNumericLiteral lit) {
            int k = lit.intValue(true);
            if (k < 1 || k > names.size()) {
                throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + k
                        + " is not in select list", pos(o.expr));
            }
            return k - 1;
        }
        if (o.expr instanceof SqlIdentifier id && id.isSimple()) {
            int found = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(id.getSimple())) {
                    if (found >= 0 && !targetNodes.get(found).equalsDeep(targetNodes.get(i), org.apache.calcite.util.Litmus.IGNORE)) {
                        throw PgException.atPosition(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + id.getSimple()
                                + "\" is ambiguous", pos(o.expr));
                    }
                    if (found < 0) {
                        found = i;
                    }
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        for (int i = 0; i < targetNodes.size(); i++) {
            if (targetNodes.get(i).equalsDeep(o.expr, org.apache.calcite.util.Litmus.IGNORE)) {
                return i;
            }
        }
        return -1;
    }

    private void expandStar(SqlIdentifier star, From tree, List<SqlNode> out, List<String> names) {
        SqlParserPos p = star.getParserPosition();
        if (star.names.size() > 1) {
            QueryScope full = scopeFor(0, items.size());
            RangeItem it = full.itemNamed(star.names.subList(0, star.names.size() - 1));
            if (it == null) {
                throw PgException.atPosition(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                        + star.names.get(star.names.size() - 2) + "\"", pos(star));
            }
            for (String c : it.names) {
                if (c != null) {
                    out.add(new SqlIdentifier(List.of(it.refname, c), p));
                    names.add(c);
                }
            }
            return;
        }
        starOf(tree, out, names, p);
    }

    /** SELECT *: merged USING columns first, then each side's other columns, as PostgreSQL orders them. */
    private void starOf(From f, List<SqlNode> out, List<String> names, SqlParserPos p) {
        if (f instanceof Leaf leaf) {
            for (String c : leaf.item.names) {
                if (c != null) {
                    out.add(new SqlIdentifier(List.of(leaf.item.refname, c), p));
                    names.add(c);
                }
            }
            return;
        }
        Join j = (Join) f;
        for (String u : j.using) {
            out.add(new SqlIdentifier(u, p));
            names.add(u);
        }
        int start = out.size();
        starOf(j.left, out, names, p);
        starOf(j.right, out, names, p);
        if (!j.using.isEmpty()) {
            for (int i = out.size() - 1; i >= start; i--) {
                if (j.using.contains(names.get(i))) {
                    out.remove(i);
                    names.remove(i);
                }
            }
        }
    }

    private void collectJoins(From f) {
        if (f instanceof Join j) {
            collectJoins(j.left);
            collectJoins(j.right);
            joins.add(j);
        }
    }

    /** The lowest inner join covering every referenced item, if every join between them is inner. */
    private Join lowestInnerJoin(BitSet refs) {
        Join best = null;
        for (Join j : joins) {
            if (j.type != JoinType.INNER) {
                continue;
            }
            if (refs.nextSetBit(0) >= j.lo && refs.length() <= j.hi) {
                if (best == null || j.hi - j.lo < best.hi - best.lo) {
                    best = j;
                }
            }
        }
        return best;
    }

    static boolean containsAgg(List<SqlNode> nodes) {
        for (SqlNode n : nodes) {
            if (findAgg(n) != null) {
                return true;
            }
        }
        return false;
    }

    /** The first aggregate call in {@code n} (not looking into nested queries), or null. */
    static SqlCall findAgg(SqlNode n) {
        return firstCall(n, SelectPlanner::isAggCall, SelectPlanner::aggregateSearchOperands);
    }

    /**
     * Where an aggregate of this query may stand below {@code call}: its operands, except under a
     * window function, whose own call is no aggregate of this query, but whose FILTER condition,
     * arguments and window may hold one.
     */
    private static List<SqlNode> aggregateSearchOperands(SqlCall call) {
        if (call.getKind() != SqlKind.OVER) {
            return call.getOperandList();
        }
        List<SqlNode> out = new ArrayList<>();
        SqlNode windowed = call.operand(0);
        if (windowed.getKind() == SqlKind.FILTER) {
            out.add(((SqlCall) windowed).operand(1));
            windowed = ((SqlCall) windowed).operand(0);
        }
        if (windowed instanceof SqlCall fn) {
            out.addAll(fn.getOperandList());
        }
        out.add(call.operand(1));
        return out;
    }

    /**
     * The first call in {@code n}, depth first, that {@code match} accepts, or null; below a call
     * it looks into the nodes {@code below} gives (nulls skipped), never into a nested query (a
     * subquery's own aggregates and functions belong to it).
     */
    private static SqlCall firstCall(SqlNode n, java.util.function.Predicate<SqlCall> match,
                                     java.util.function.Function<SqlCall, List<SqlNode>> below) {
        if (Subqueries.isQuery(n)) {
            return null;
        }
        Iterable<SqlNode> inside;
        if (n instanceof SqlNodeList list) {
            inside = list;
        } else if (n instanceof SqlCall call) {
            if (match.test(call)) {
                return call;
            }
            inside = below.apply(call);
        } else {
            return null;
        }
        for (SqlNode o : inside) {
            SqlCall f = o == null ? null : firstCall(o, match, below);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    static boolean isSrf(SqlNode n) {
        return n instanceof SqlCall call && call.getOperator() instanceof org.apache.calcite.sql.SqlFunction
                && (call.getOperator().getName().equalsIgnoreCase("generate_series")
                    || call.getOperator().getName().equalsIgnoreCase("unnest")
                    || isExpandArray(call));
    }

    /**
     * jdbcmeta: information_schema._pg_expandarray, a set-returning function only under its
     * schema's name (the schema is not on any search path; unqualified it does not exist).
     */
    /** Where a function call starts: its (possibly qualified) name's first character (jdbcmeta). */
    private int functionPosition(SqlCall call) {
        return call.getOperator() instanceof org.apache.calcite.sql.SqlFunction f && f.getSqlIdentifier() != null
                ? pos(f.getSqlIdentifier()) : pos(call);
    }

    static boolean isExpandArray(SqlCall call) {
        if (!(call.getOperator() instanceof org.apache.calcite.sql.SqlFunction f) || f.getSqlIdentifier() == null) {
            return false;
        }
        List<String> names = f.getSqlIdentifier().names;
        return names.size() == 2 && names.get(0).equals("information_schema") && names.get(1).equals(ExpandArray.NAME);
    }

    /** The first set-returning call in {@code n}, or null. */
    static SqlCall findSrf(SqlNode n) {
        return firstCall(n, SelectPlanner::isSrf, SqlCall::getOperandList);
    }

    static boolean isAggCall(SqlCall call) {
        return call.getOperator() instanceof org.apache.calcite.sql.SqlFunction
                && AggFunction.NAMES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT));
    }

    private void rejectWindows(SqlNode n, String clause) {
        SqlCall w = Windowing.find(n);
        if (w != null) {
            throw PgException.atPosition("42P20", "window functions are not allowed in " + clause, pos(w));
        }
    }

    private void rejectAggregates(SqlNode n, String clause) {
        SqlCall a = findAgg(n);
        if (a != null) {
            throw PgException.atPosition(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + clause, pos(a));
        }
    }

    // ------------------------------------------------------------------ physical plan

    private PlanNode build(From f, Map<Integer, List<SqlNode>> leafQuals, Deparser deparser) {
        if (f instanceof Leaf leaf) {
            RangeItem it = leaf.item;
            List<Qual> quals = new ArrayList<>();
            QueryScope local = scopeFor(it.index, it.index + 1);
            Deparser d = new Deparser(local, false); // PostgreSQL never qualifies columns in a scan's own Filter
            for (SqlNode c : leafQuals.getOrDefault(it.index, List.of())) {
                quals.add(new Qual(bool(analyzeIn(it.index, it.index + 1, c, null), c, "WHERE").eval, d.expr(c)));
            }
            Qual q = Qual.all(quals);
            PlanNode scan;
            switch (it.kind) {
                case TABLE: {
                    int decode = it.used.length();
                    List<SqlNode> conjuncts = leafQuals.getOrDefault(it.index, List.of());
                    scan = new SeqScanNode(it.relation, it.refname, decode, wantCtids, q);
                    Estimates.seqScan(scan, db(), it.relation, conjuncts, it.used);
                    // index paths (query/IndexPaths): the cheapest index scan replaces the Seq Scan
                    if (!it.relation.indexes().isEmpty() && session != null && session.database() != null) {
                        IndexPaths.Input in = new IndexPaths.Input(db(), session, it.relation, it.refname, decode, it.used,
                                wantCtids, conjuncts, quals, x -> analyzeIn(it.index, it.index + 1, x, null), d::expr,
                                scan.totalCost);
                        scan.rows = IndexPaths.rows(in);
                        indexInputs.put(it.index, in);
                        PlanNode indexScan = IndexPaths.choose(in);
                        if (indexScan != null) {
                            scan = indexScan;
                        }
                    }
                    break;
                }
                case VIEW:
                    scan = new ViewScanNode(it.view, it.refname, q);
                    break;
                case SUBQUERY:
                    scan = it.scanMaker != null ? it.scanMaker.apply(q) : new SubqueryScanNode(it.subplan.root(), it.refname, q);
                    break;
                case VALUES:
                    scan = new ValuesScanNode(it.values, q);
                    break;
                default:
                    scan = new FunctionScanNode(leaf.function.getOperator().getName().toLowerCase(Locale.ROOT), it.refname, leaf.functionType, leaf.functionArgs, q,
                            leaf.functionMaker);
                    Estimates.functionScan(scan, leafQuals.getOrDefault(it.index, List.of()));
                    break;
            }
            return scan;
        }
        Join j = (Join) f;
        PlanNode left = build(j.left, leafQuals, deparser);
        PlanNode right = build(j.right, leafQuals, deparser);
        if (j.right instanceof Leaf lateralLeaf && lateralLeaf.item.lateral) {
            return lateralJoin(j, left, right, lateralLeaf.item);
        }
        int leftWidth = width(j.left);
        int rightWidth = width(j.right);
        int mid = j.right.lo;
        List<SqlNode> conds = new ArrayList<>(j.on);
        conds.addAll(j.extraQuals);
        // USING/NATURAL: equality of the named columns
        List<Eval> outerKeys = new ArrayList<>();
        List<Eval> innerKeys = new ArrayList<>();
        List<String> hashTexts = new ArrayList<>();
        List<String> hashTextsSwapped = new ArrayList<>();
        List<Qual> residual = new ArrayList<>();
        QueryScope joinScope = scopeFor(j.lo, j.hi);
        Deparser d = new Deparser(joinScope, items.size() > 1);
        for (String u : j.using) {
            SqlIdentifier l = new SqlIdentifier(List.of(refOf(j.left, u), u), SqlParserPos.ZERO);
            SqlIdentifier r = new SqlIdentifier(List.of(refOf(j.right, u), u), SqlParserPos.ZERO);
            SqlNode eq = org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS.createCall(SqlParserPos.ZERO, l, r);
            conds.add(eq);
        }
        // sort helper: besides the hash keys, every condition (for a nested loop) and the
        // merge-joinable equalities (for a merge join) are collected; JoinPaths picks the method
        List<Qual> allQuals = new ArrayList<>();
        List<SqlNode> residualNodes = new ArrayList<>();
        List<JoinPaths.MergeKey> mergeKeys = new ArrayList<>();
        List<Qual> mergeResidual = new ArrayList<>();
        List<SqlNode> mergeResidualNodes = new ArrayList<>();
        for (SqlNode c : conds) {
            Typed whole = bool(analyzeIn(j.lo, j.hi, c, null), c, "JOIN/ON");
            Qual wholeQual = new Qual(whole.eval, d.expr(c));
            allQuals.add(wholeQual);
            boolean mergeKey = false;
            if (c.getKind() == SqlKind.EQUALS) {
                SqlNode a = ((SqlCall) c).operand(0);
                SqlNode b = ((SqlCall) c).operand(1);
                BitSet ra = new BitSet();
                BitSet rb = new BitSet();
                analyzeIn(j.lo, j.hi, a, ra);
                analyzeIn(j.lo, j.hi, b, rb);
                boolean aLeft = !ra.isEmpty() && ra.length() <= mid;
                boolean aRight = !ra.isEmpty() && ra.nextSetBit(0) >= mid;
                boolean bLeft = !rb.isEmpty() && rb.length() <= mid;
                boolean bRight = !rb.isEmpty() && rb.nextSetBit(0) >= mid;
                if ((aLeft && bRight) || (aRight && bLeft)) {
                    SqlNode outerSide = aLeft ? a : b;
                    SqlNode innerSide = aLeft ? b : a;
                    Typed ot = analyzeIn(j.lo, mid, outerSide, null);
                    Typed it = analyzeIn(mid, j.hi, innerSide, null);
                    PgType compareType = mergeCompareType(ot.type, ot.typmod, it.type, it.typmod);
                    if (compareType != null) {
                        mergeKey = true;
                        mergeKeys.add(new JoinPaths.MergeKey(ot.eval, it.eval, compareType, d.expr(outerSide),
                                d.expr(innerSide), sortKeyText(d, outerSide), sortKeyText(d, innerSide)));
                    }
                    if (hashable(ot.type, ot.typmod, it.type, it.typmod)) {
                        outerKeys.add(ot.eval);
                        innerKeys.add(it.eval);
                        hashTexts.add("(" + d.expr(outerSide) + " = " + d.expr(innerSide) + ")");
                        hashTextsSwapped.add("(" + d.expr(innerSide) + " = " + d.expr(outerSide) + ")");
                        continue;
                    }
                }
            }
            residual.add(wholeQual);
            residualNodes.add(c);
            if (!mergeKey) {
                mergeResidual.add(wholeQual);
                mergeResidualNodes.add(c);
            }
        }
        List<Qual> post = new ArrayList<>();
        for (SqlNode c : j.postQuals) {
            post.add(new Qual(bool(analyzeIn(j.lo, j.hi, c, null), c, "WHERE").eval, d.expr(c)));
        }
        Qual joinQual = Qual.all(residual);
        Qual postQual = Qual.all(post);
        double rows = Estimates.joinRows(left, right, !outerKeys.isEmpty() || !mergeKeys.isEmpty(), j.type);
        return chooseJoin(j, left, right, leftWidth, rightWidth, outerKeys, innerKeys, hashTexts, hashTextsSwapped,
                joinQual, residualNodes, allQuals, conds, mergeKeys, mergeResidual, mergeResidualNodes, postQual, rows);
    }

    /**
     * sort helper: the join method with the lowest PostgreSQL cost ({@link JoinPaths}) among
     * nested loops (either input outer, not for FULL), hash joins (either input hashed) and
     * merge joins (either input outer), each charged disable_cost when its enable_* is off.
     */
    private PlanNode chooseJoin(Join j, PlanNode left, PlanNode right, int leftWidth, int rightWidth, List<Eval> outerKeys,
                                List<Eval> innerKeys, List<String> hashTexts, List<String> hashTextsSwapped, Qual joinQual,
                                List<SqlNode> residualNodes, List<Qual> allQuals, List<SqlNode> allNodes,
                                List<JoinPaths.MergeKey> mergeKeys, List<Qual> mergeResidual, List<SqlNode> mergeResidualNodes,
                                Qual postQual, double rows) {
        JoinPaths.Methods m = JoinPaths.Methods.of(session);
        double postOps = Estimates.operators(j.postQuals);
        PlanNode best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        List<PlanNode> candidates = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        if (j.type != JoinType.FULL) {
            // nested loop, the left input outer (RIGHT JOIN: the right one, as a LEFT join)
            boolean rightOuter = j.type == JoinType.RIGHT;
            Qual all = Qual.all(allQuals);
            double ops = Estimates.operators(allNodes) + postOps;
            PlanNode nl = rightOuter
                    ? new NestedLoopNode(JoinType.LEFT, right, materialize(left), rightWidth, leftWidth, true, all, postQual, rows)
                    : new NestedLoopNode(j.type, left, materialize(right), leftWidth, rightWidth, false, all, postQual, rows);
            JoinPaths.Cost c = JoinPaths.nestLoop(nl.children().get(0), nl.children().get(1), ops);
            nl.startupCost = c.startup();
            nl.totalCost = c.total();
            candidates.add(nl);
            costs.add(c.withPenalty(m.nestLoop()));
            if (j.type == JoinType.INNER) {
                PlanNode nl2 = new NestedLoopNode(JoinType.INNER, right, materialize(left), rightWidth, leftWidth, true, all,
                        postQual, rows);
                JoinPaths.Cost c2 = JoinPaths.nestLoop(nl2.children().get(0), nl2.children().get(1), ops);
                nl2.startupCost = c2.startup();
                nl2.totalCost = c2.total();
                candidates.add(nl2);
                costs.add(c2.withPenalty(m.nestLoop()));
            }
        }
        if (!mergeKeys.isEmpty()) {
            List<PgType> leftTypes = rowTypes(j.left);
            List<PgType> rightTypes = rowTypes(j.right);
            double otherOps = Estimates.operators(mergeResidualNodes) + postOps;
            Qual other = Qual.all(mergeResidual);
            for (boolean outerIsLeft : new boolean[] {true, false}) {
                JoinType t = outerIsLeft ? j.type : JoinPaths.mirror(j.type);
                if (other != null && t.keepsInner()) {
                    continue; // RIGHT/FULL merge joins need every join clause to be a merge clause
                }
                JoinPaths.Merge mj = JoinPaths.mergeJoin(session, j.type, outerIsLeft, left, right, leftWidth, rightWidth,
                        leftTypes, rightTypes, mergeKeys, other, postQual, otherOps, rows);
                candidates.add(mj.node());
                costs.add(mj.cost().withPenalty(m.mergeJoin()));
            }
        }
        if (!outerKeys.isEmpty()) {
            double otherOps = Estimates.operators(residualNodes) + postOps;
            // hash the right input (the probing outer is the left), then the left one
            String cond = hashTexts.size() == 1 ? hashTexts.get(0) : "(" + String.join(" AND ", hashTexts) + ")";
            PlanNode hr = new HashJoinNode(j.type, left, right, leftWidth, rightWidth, outerKeys.toArray(new Eval[0]),
                    innerKeys.toArray(new Eval[0]), cond, joinQual, postQual, rows);
            JoinPaths.Cost c = JoinPaths.hashJoin(left, right, outerKeys.size(), otherOps, session);
            hr.startupCost = c.startup();
            hr.totalCost = c.total();
            candidates.add(hr);
            costs.add(c.withPenalty(m.hashJoin()));
            String swappedCond = hashTextsSwapped.size() == 1 ? hashTextsSwapped.get(0)
                    : "(" + String.join(" AND ", hashTextsSwapped) + ")";
            PlanNode hl = new HashJoinNode(JoinPaths.mirror(j.type), right, left, rightWidth, leftWidth, true,
                    innerKeys.toArray(new Eval[0]), outerKeys.toArray(new Eval[0]), swappedCond, joinQual, postQual, rows);
            JoinPaths.Cost c2 = JoinPaths.hashJoin(right, left, outerKeys.size(), otherOps, session);
            hl.startupCost = c2.startup();
            hl.totalCost = c2.total();
            candidates.add(hl);
            costs.add(c2.withPenalty(m.hashJoin()));
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (costs.get(i) < bestCost) {
                bestCost = costs.get(i);
                best = candidates.get(i);
            }
        }
        if (best == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
        }
        boolean disabled = best instanceof NestedLoopNode ? !m.nestLoop() : best instanceof HashJoinNode ? !m.hashJoin()
                : !m.mergeJoin();
        if (disabled) {
            // PostgreSQL shows the disable_cost in the plan it had to take
            best.startupCost += SortCosts.DISABLE_COST;
            best.totalCost += SortCosts.DISABLE_COST;
        }
        return best;
    }

    /**
     * The types of a FROM subtree's row slots, for the tape codec of a merge join's sorts: table
     * columns have values of their types; other items' slots (views, functions, subqueries)
     * count as void, which keeps such a sort in memory (dropped columns too).
     */
    private List<PgType> rowTypes(From f) {
        List<PgType> out = new ArrayList<>();
        for (int i = f.lo; i < f.hi; i++) {
            RangeItem it = items.get(i);
            for (int k = 0; k < it.width; k++) {
                PgType t = it.kind == RangeItem.Kind.TABLE && k < it.types.size() ? it.types.get(k) : null;
                out.add(t == null ? PgTypes.VOID : t);
            }
        }
        return out;
    }

    /**
     * sort helper: the type both sides of a merge-joinable equality compare in (after
     * HashJoinNode.normalizeKey), or null: the hash-joinable families (integers as int8, floats
     * as float8, text and varchar as text, ...), or two sides of one type that has an ordering.
     */
    static PgType mergeCompareType(PgType a, int amod, PgType b, int bmod) {
        if (hashable(a, amod, b, bmod)) {
            switch (family(a)) {
                case "int": return PgTypes.INT8;
                case "float": return PgTypes.FLOAT8;
                case "text": return PgTypes.TEXT;
                default: return a;
            }
        }
        if (a.oid() == b.oid() && !(a instanceof org.pgmini.executor.types.ArrayType)) {
            try {
                SortNode.keyType(a);
                return a;
            } catch (PgException e) {
                return null;
            }
        }
        return null;
    }

    /** A join whose right side is LATERAL: a nested loop that reopens the right side per left row. */
    private PlanNode lateralJoin(Join j, PlanNode left, PlanNode right, RangeItem lateral) {
        if (j.type != JoinType.INNER && j.type != JoinType.LEFT) {
            throw new PgException(SqlState.INVALID_COLUMN_REFERENCE, "invalid reference to FROM-clause entry for table \""
                    + items.get(0).refname + "\"", "The combining JOIN type must be INNER or LEFT for a LATERAL reference.",
                    null, 0, null, null);
        }
        if (j.lo != 0) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "LATERAL inside a parenthesized join is not supported");
        }
        QueryScope joinScope = scopeFor(j.lo, j.hi);
        Deparser d = new Deparser(joinScope, items.size() > 1);
        List<SqlNode> conds = new ArrayList<>(j.on);
        conds.addAll(j.extraQuals);
        for (String u : j.using) {
            SqlIdentifier l = new SqlIdentifier(List.of(refOf(j.left, u), u), SqlParserPos.ZERO);
            SqlIdentifier r = new SqlIdentifier(List.of(refOf(j.right, u), u), SqlParserPos.ZERO);
            conds.add(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS.createCall(SqlParserPos.ZERO, l, r));
        }
        List<Qual> residual = new ArrayList<>();
        for (SqlNode c : conds) {
            residual.add(new Qual(bool(analyzeIn(j.lo, j.hi, c, null), c, "JOIN/ON").eval, d.expr(c)));
        }
        List<Qual> post = new ArrayList<>();
        for (SqlNode c : j.postQuals) {
            post.add(new Qual(bool(analyzeIn(j.lo, j.hi, c, null), c, "WHERE").eval, d.expr(c)));
        }
        double rows = Math.max(1, left.rows * Math.max(1, right.rows));
        return new LateralJoinNode(j.type, left, right, width(j.left), width(j.right), lateral.lateralParams,
                Qual.all(residual), Qual.all(post), rows);
    }

    private static PlanNode materialize(PlanNode inner) {
        return inner instanceof FunctionScanNode ? inner : new MaterializeNode(inner);
    }

    /** Equal values of these types are equal hash keys after {@code HashJoinNode.normalize}. */
    static boolean hashable(PgType a, int amod, PgType b, int bmod) {
        String x = family(a);
        String y = family(b);
        if (x == null || !x.equals(y)) {
            return false;
        }
        return !x.equals("bpchar") || amod == bmod;
    }

    private static String family(PgType t) {
        switch (t.name()) {
            case "int2": case "int4": case "int8": return "int";
            case "float4": case "float8": return "float";
            case "text": case "varchar": return "text";
            case "numeric": case "bool": case "bpchar": case "name": case "timestamptz": case "oid": case "date":
            case "timestamp": return t.name();
            default: return null;
        }
    }

    private String refOf(From f, String column) {
        for (int i = f.lo; i < f.hi; i++) {
            if (items.get(i).column(column) >= 0) {
                return items.get(i).refname;
            }
        }
        throw new IllegalStateException("USING column " + column + " vanished");
    }

    private int width(From f) {
        int w = 0;
        for (int i = f.lo; i < f.hi; i++) {
            w += items.get(i).width;
        }
        return w;
    }

    ExpressionAnalyzer analyzer() {
        return analyzer;
    }

    int position(SqlNode n) {
        return pos(n);
    }

    /** Where an infix operator was written (the first {@code symbol} after the left operand), else the call's start. */
    int operatorPosition(SqlNode left, String symbol, SqlNode call) {
        int from = positions.endPosition(left.getParserPosition());
        String src = positions.source();
        if (from > 0 && from - 1 <= src.length()) {
            int i = src.indexOf(symbol, from - 1);
            if (i >= 0) {
                return i + 1;
            }
        }
        return pos(call);
    }

    /** Where a parenthesized subquery starts: PostgreSQL points at its opening parenthesis. */
    int subqueryPosition(SqlNode query) {
        int p = pos(query);
        String src = positions.source();
        int i = p - 2;
        while (i >= 0 && Character.isWhitespace(src.charAt(i))) {
            i--;
        }
        return i >= 0 && src.charAt(i) == '(' ? i + 1 : p;
    }
}
