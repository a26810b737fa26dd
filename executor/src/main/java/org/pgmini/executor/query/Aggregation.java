package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.util.Litmus;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.AggFunction;
import org.pgmini.executor.exec.AggregateNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgTypes;

/**
 * GROUP BY and aggregates: the group keys (analyzed over the FROM row), the aggregate calls found
 * in the select list, HAVING and ORDER BY, and the analysis of those clauses over the
 * aggregate's output row [keys..., aggregate results...]. As an analyzer hook it replaces group
 * key expressions and aggregate calls by references to that row, and rejects any other column
 * with 42803, as PostgreSQL does.
 */
final class Aggregation implements ExpressionAnalyzer.Hook {
    private final SelectPlanner planner;
    private final ExpressionAnalyzer analyzer;
    private final QueryScope full;
    private final Deparser deparser;
    private final List<SqlNode> keyNodes = new ArrayList<>();
    private final List<QueryScope.Ref> keyRefs = new ArrayList<>();
    private final List<Typed> keys = new ArrayList<>();
    private final List<String> keyTexts = new ArrayList<>();
    private final List<SqlNode> aggNodes = new ArrayList<>();
    private final List<AggregateNode.Agg> aggs = new ArrayList<>();
    private final List<Typed> aggResults = new ArrayList<>();
    private Qual having;
    private SqlNode havingNode;

    Aggregation(SelectPlanner planner, QueryScope full, Deparser deparser, SqlSelect sel, List<SqlNode> targetNodes,
                List<OrderByItem> order) {
        this.planner = planner;
        this.analyzer = planner.analyzer();
        this.full = full;
        this.deparser = deparser;
        if (sel.getGroup() != null) {
            List<SqlNode> items = new ArrayList<>();
            for (SqlNode g : sel.getGroup()) {
                items.add(resolveGroupItem(g, sel, targetNodes));
            }
            for (GroupKeyOrder.Key k : GroupKeyOrder.arrange(items, order, o -> resolveOrderItem(o, sel, targetNodes))) {
                addKey(k.node());
                keyOrder.add(k);
            }
            orderSatisfied = GroupKeyOrder.satisfies(keyOrder, order, o -> resolveOrderItem(o, sel, targetNodes));
        }
        if (sel.getHaving() != null) {
            ExpressionAnalyzer.Hook saved = analyzer.hook();
            analyzer.setHook(this);
            try {
                Typed h = analyzer.analyze(sel.getHaving());
                if (h.isUnknown()) {
                    h = Casts.coerce(h, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
                } else if (h.type != PgTypes.BOOL) {
                    throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of HAVING must be type boolean, not type "
                            + PgTypes.displayName(h.type), planner.position(sel.getHaving()));
                }
                having = new Qual(h.eval, deparser.expr(sel.getHaving()));
                havingNode = sel.getHaving();
            } finally {
                analyzer.setHook(saved);
            }
        }
    }

    // ---- sorted grouping (sort helper): the keys' sort order and the Sort below a GroupAggregate

    /** Each group key's sort direction, in key order (see {@link GroupKeyOrder}). */
    private final List<GroupKeyOrder.Key> keyOrder = new ArrayList<>();
    /** Whether output in group key order is the ORDER BY's order (no Sort needed above a sorted aggregation). */
    private boolean orderSatisfied;

    boolean orderSatisfiedByGroups() {
        return orderSatisfied;
    }

    /** The Sort keys of the rows {@link AggregateNode#sortInputTargets} makes: key i in slot i. */
    List<SortNode.Key> groupSortKeys() {
        List<SortNode.Key> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            GroupKeyOrder.Key k = keyOrder.get(i);
            // a computed key is a column of the Sort's input: EXPLAIN wraps its expression once more
            String text = deparser.expr(keyNodes.get(i));
            out.add(new SortNode.Key(i, keys.get(i).type, k.descending(), k.nullsFirst(),
                    keyNodes.get(i) instanceof SqlIdentifier ? text : "(" + text + ")"));
        }
        return out;
    }

    /**
     * The column types of the rows {@link AggregateNode#sortInputTargets} makes: the keys, then
     * each aggregate argument's type ({@code void} for the composite values of ORDER BY/FILTER
     * aggregates and string_agg, which the tape codec cannot hold: such a sort stays in memory).
     */
    List<PgType> sortInputTypes() {
        List<PgType> out = new ArrayList<>();
        for (Typed k : keys) {
            out.add(k.type);
        }
        for (int i = 0; i < aggs.size(); i++) {
            AggregateNode.Agg a = aggs.get(i);
            if (a.arg() != null) {
                out.add(plainArgument.get(i) && a.function().argType != null ? a.function().argType : PgTypes.VOID);
            }
        }
        return out;
    }

    /** ORDER BY 2 and ORDER BY output_name name select-list items (for matching them to group keys). */
    private static SqlNode resolveOrderItem(SqlNode o, SqlSelect sel, List<SqlNode> targetNodes) {
        if (o instanceof SqlNumericLiteral lit) {
            int k = lit.intValue(true);
            return k >= 1 && k <= targetNodes.size() ? targetNodes.get(k - 1) : o;
        }
        if (o instanceof SqlIdentifier id && id.isSimple()) {
            for (SqlNode item : sel.getSelectList()) {
                if (item.getKind() == org.apache.calcite.sql.SqlKind.AS
                        && ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple().equals(id.getSimple())) {
                    return ((SqlCall) item).operand(0);
                }
            }
        }
        return o;
    }

    /** Per aggregate: its argument is the plain value of the function's argument type (not a composite). */
    private final List<Boolean> plainArgument = new ArrayList<>();

    /** GROUP BY 2 and GROUP BY output_name refer to select-list items, as in PostgreSQL. */
    private SqlNode resolveGroupItem(SqlNode g, SqlSelect sel, List<SqlNode> targetNodes) {
        if (g instanceof SqlNumericLiteral lit) {
            int k = lit.intValue(true);
            if (k < 1 || k > targetNodes.size()) {
                throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + k
                        + " is not in select list", planner.position(g));
            }
            return targetNodes.get(k - 1);
        }
        if (g instanceof SqlIdentifier id && id.isSimple() && full != null && safeFind(id) == null
                && !full.merged.containsKey(id.getSimple())) {
            for (SqlNode item : sel.getSelectList()) {
                if (item.getKind() == org.apache.calcite.sql.SqlKind.AS
                        && ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple().equals(id.getSimple())) {
                    return ((SqlCall) item).operand(0);
                }
            }
        }
        return g;
    }

    private QueryScope.Ref safeFind(SqlIdentifier id) {
        boolean q = full.quiet;
        full.quiet = true;
        try {
            return full.find(id);
        } catch (PgException e) {
            return null;
        } finally {
            full.quiet = q;
        }
    }

    private void addKey(SqlNode g) {
        SqlCall agg = SelectPlanner.findAgg(g);
        if (agg != null) {
            throw PgException.atPosition(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY",
                    planner.position(agg));
        }
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(full);
        try {
            Typed t = analyzer.analyze(g);
            if (t.type == PgTypes.UNKNOWN) {
                t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            keyNodes.add(g);
            keyRefs.add(g instanceof SqlIdentifier id && full != null ? safeFind(id) : null);
            keys.add(t);
            String text = deparser.expr(g);
            keyTexts.add(g instanceof SqlIdentifier ? text : text.startsWith("(") ? text : "(" + text + ")");
        } finally {
            analyzer.setHook(saved);
        }
    }

    private Typed keySlot(int i) {
        Typed k = keys.get(i);
        return new Typed(k.type, k.typmod, c -> c.row[i], false);
    }

    @Override
    public Typed intercept(SqlNode node) {
        Typed sub = planner.subqueries.intercept(node);
        if (sub != null) {
            return sub;
        }
        if (AggregateCalls.extended(node)) {
            return extendedAggregate((SqlCall) node);
        }
        if (node instanceof SqlCall call && SelectPlanner.isAggCall(call)) {
            return aggregate(call);
        }
        for (int i = 0; i < keyNodes.size(); i++) {
            if (keyNodes.get(i).equalsDeep(node, Litmus.IGNORE)) {
                return keySlot(i);
            }
        }
        return null;
    }

    /** FILTER, ORDER BY in the call, string_agg and the newer aggregates (see {@link AggregateCalls}). */
    private Typed extendedAggregate(SqlCall node) {
        for (int i = 0; i < aggNodes.size(); i++) {
            if (aggNodes.get(i).equalsDeep(node, Litmus.IGNORE)) {
                return aggResults.get(i);
            }
        }
        AggregateCalls.Built b = AggregateCalls.build(planner, full, node);
        int slot = keys.size() + aggs.size();
        plainArgument.add(false);
        aggNodes.add(node);
        aggs.add(new AggregateNode.Agg(b.function(), b.arg(), b.distinct()));
        Typed result = new Typed(b.function().resultType, b.function().resultTypmod, c -> c.row[slot], false);
        aggResults.add(result);
        return result;
    }

    private Typed aggregate(SqlCall call) {
        for (int i = 0; i < aggNodes.size(); i++) {
            if (aggNodes.get(i).equalsDeep(call, Litmus.IGNORE)) {
                return aggResults.get(i);
            }
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        boolean distinct = call.getFunctionQuantifier() != null
                && "DISTINCT".equalsIgnoreCase(call.getFunctionQuantifier().toValue());
        List<SqlNode> ops = call.getOperandList();
        AggFunction f;
        Eval arg = null;
        boolean star = ops.size() == 1 && ops.get(0) instanceof SqlIdentifier id && id.isStar();
        if (star && name.equals("count")) {
            f = AggFunction.countStar();
        } else {
            if (ops.size() != 1 || star) {
                throw new PgException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + (star ? "*" : "")
                        + ") does not exist", null, star ? null
                        : "No function matches the given name and argument types. You might need to add explicit type casts.",
                        planner.position(call), null, null);
            }
            SqlCall nested = SelectPlanner.findAgg(ops.get(0));
            if (nested != null) {
                throw PgException.atPosition(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested",
                        planner.position(nested));
            }
            ExpressionAnalyzer.Hook saved = analyzer.hook();
            analyzer.setHook(full);
            Typed a;
            try {
                a = AggregateCalls.argument(planner, full, ops.get(0));
            } finally {
                analyzer.setHook(saved);
            }
            if (a.isUnknown()) {
                a = Casts.coerce(a, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            f = AggFunction.resolve(name, a.type, a.typmod, planner.position(call));
            arg = a.eval;
        }
        int slot = keys.size() + aggs.size();
        plainArgument.add(true);
        aggNodes.add(call);
        aggs.add(new AggregateNode.Agg(f, arg, distinct));
        Typed result = new Typed(f.resultType, f.resultTypmod, c -> c.row[slot], false);
        aggResults.add(result);
        return result;
    }

    @Override
    public Typed column(SqlIdentifier id) {
        if (full == null) {
            return planner.outerColumn(id);
        }
        QueryScope.Ref r = id.names.size() == 1 && full.merged.containsKey(id.getSimple()) ? null : safeFind(id);
        if (r == null && !(id.names.size() == 1 && full.merged.containsKey(id.getSimple()))) {
            // an outer query's column (correlated subquery), else let the error (or a niladic
            // function such as current_user) be decided normally
            return planner.outerColumn(id);
        }
        for (int i = 0; i < keyRefs.size(); i++) {
            if (r != null && r.equals(keyRefs.get(i))) {
                return keySlot(i);
            }
        }
        String shown = r == null ? id.getSimple() : r.item().refname + "." + r.item().names.get(r.column());
        throw PgException.atPosition(SqlState.GROUPING_ERROR, "column \"" + shown
                + "\" must appear in the GROUP BY clause or be used in an aggregate function", planner.position(id));
    }

    @Override
    public PgException columnNotFound(SqlIdentifier id) {
        return full == null ? PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + String.join(".", id.names)
                + "\" does not exist", planner.position(id)) : full.columnNotFound(id);
    }

    /**
     * The operators Estimates counts inside aggregate calls (the call and its argument): in
     * PostgreSQL an Aggref costs nothing where it is used, its work is the Agg node's.
     */
    private static double aggregateOperators(SqlNode n) {
        if (!(n instanceof SqlCall call)) {
            if (n instanceof org.apache.calcite.sql.SqlNodeList l) {
                double sum = 0;
                for (SqlNode x : l) {
                    sum += aggregateOperators(x);
                }
                return sum;
            }
            return 0;
        }
        if (SelectPlanner.isAggCall(call) || AggregateCalls.extended(call)) {
            return Estimates.operators(List.of(call));
        }
        double sum = 0;
        for (SqlNode o : call.getOperandList()) {
            sum += aggregateOperators(o);
        }
        return sum;
    }

    PlanNode node(PlanNode input) {
        Eval[] k = new Eval[keys.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.get(i).eval;
        }
        AggregateNode node = new AggregateNode(input, k, keyTexts, aggs, having, groups(input.rows, k.length));
        int keyWidth = 0;
        for (Typed key : keys) {
            keyWidth += Estimates.typeWidth(key.type.oid());
        }
        node.setKeyWidth(keyWidth);
        if (havingNode != null) {
            List<SqlNode> conds = SelectPlanner.conjuncts(havingNode);
            node.setHavingEstimate(Estimates.selectivity(conds), Estimates.operators(conds) - aggregateOperators(havingNode));
        }
        return node;
    }

    /**
     * The planner's estimate of the number of groups of {@code keys} keys over {@code inputRows}
     * rows, as PostgreSQL's estimate_num_groups without statistics: each key has 200 distinct
     * values (fewer in a smaller input); several keys multiply, but are clamped to a tenth of
     * the rows (they are probably correlated), never below one key's count; never more groups
     * than rows. (PostgreSQL clamps by the table's size where we use the input's.)
     */
    static double groups(double inputRows, int keys) {
        return groups(inputRows, keys, inputRows);
    }

    /**
     * The groups of {@code keys} keys over {@code inputRows} of a table estimated at
     * {@code tableRows} rows: several keys are clamped by a tenth of the table (as PostgreSQL
     * does with rel->tuples), so a participant's share of a parallel scan has as many groups as
     * the whole scan when its rows allow (sort helper).
     */
    static double groups(double inputRows, int keys, double tableRows) {
        double one = Math.min(200, tableRows);
        double g = one;
        if (keys > 1) {
            g = Math.min(Math.pow(one, keys), Math.max(tableRows * 0.1, one));
        }
        return Math.max(1, Math.min(g, inputRows));
    }
}
