package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.AggFunction;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.exec.WindowAggNode;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Window functions ({@code f(...) OVER (...)} and {@code OVER name} with a WINDOW clause) in the
 * select list and ORDER BY. As an analyzer hook over the query's row hook (the FROM scope, or
 * the aggregation's when the query groups), it turns each OVER call into a reference to the
 * WindowAgg node's output, which is the input row followed by one value per function; the
 * function's arguments, PARTITION BY and ORDER BY are analyzed with the row hook (so they may
 * use aggregates of a grouped query). Windows with the same definition share one sort.
 */
final class Windowing implements ExpressionAnalyzer.Hook {
    private final SelectPlanner planner;
    private final ExpressionAnalyzer analyzer;
    private final ExpressionAnalyzer.Hook base;
    private final SqlSelect select;
    private final List<WindowAggNode.Window> windows = new ArrayList<>();
    private final List<String> windowKeys = new ArrayList<>();
    private final List<WindowAggNode.Func> funcs = new ArrayList<>();
    private final List<SqlNode> funcNodes = new ArrayList<>();
    private final List<Typed> funcResults = new ArrayList<>();
    /** The number of functions, final once analysis ends (results are addressed from the row's end). */
    private final int[] count = {0};
    /** Per function, its place among the values the WindowAgg nodes append (filled by {@link #node}). */
    private int[] place = new int[0];
    /** Per window, its sort key expressions (PARTITION BY then ORDER BY) as written, for EXPLAIN. */
    private final List<List<SqlNode>> keyNodes = new ArrayList<>();
    private final Deparser deparser;

    Windowing(SelectPlanner planner, ExpressionAnalyzer.Hook base, SqlSelect select, Deparser deparser) {
        this.deparser = deparser;
        this.planner = planner;
        this.analyzer = planner.analyzer();
        this.base = base;
        this.select = select;
    }

    /** Whether {@code n} contains a window function (not looking into subqueries). */
    static boolean contains(SqlNode n) {
        return find(n) != null;
    }

    static SqlCall find(SqlNode n) {
        if (n == null || Subqueries.isQuery(n)) {
            return null;
        }
        if (n instanceof SqlNodeList list) {
            for (SqlNode o : list) {
                SqlCall f = find(o);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
        if (!(n instanceof SqlCall call)) {
            return null;
        }
        if (call.getKind() == SqlKind.OVER) {
            return call;
        }
        for (SqlNode o : call.getOperandList()) {
            SqlCall f = find(o);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Override
    public Typed intercept(SqlNode node) {
        if (node.getKind() == SqlKind.OVER) {
            return over((SqlCall) node);
        }
        return base.intercept(node);
    }

    @Override
    public Typed column(SqlIdentifier id) {
        return base.column(id);
    }

    @Override
    public PgException columnNotFound(SqlIdentifier id) {
        return base.columnNotFound(id);
    }

    private Typed analyzeBase(SqlNode n) {
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(base);
        try {
            SqlCall nested = find(n);
            if (nested != null) {
                throw PgException.atPosition("42P20", "window function calls cannot be nested",
                        planner.position(nested));
            }
            return analyzer.analyze(n);
        } finally {
            analyzer.setHook(saved);
        }
    }

    private Typed over(SqlCall over) {
        for (int i = 0; i < funcNodes.size(); i++) {
            if (funcNodes.get(i).equalsDeep(over, org.apache.calcite.util.Litmus.IGNORE)) {
                return funcResults.get(i);
            }
        }
        SqlNode fnNode = over.operand(0);
        SqlNode filter = null;
        if (fnNode.getKind() == SqlKind.FILTER) {
            filter = ((SqlCall) fnNode).operand(1);
            fnNode = ((SqlCall) fnNode).operand(0);
        }
        if (!(fnNode instanceof SqlCall fn)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "this window function call is not supported",
                    planner.position(fnNode));
        }
        String name = fn.getOperator().getName().toLowerCase(Locale.ROOT);
        if (fn.getFunctionQuantifier() != null && "DISTINCT".equalsIgnoreCase(fn.getFunctionQuantifier().toValue())) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions",
                    planner.position(fn));
        }
        if (filter != null && !AggFunction.NAMES.contains(name)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "FILTER is not implemented for non-aggregate window functions",
                    planner.position(fn));
        }
        int window = window(over.operand(1));
        List<SqlNode> ops = fn.getOperandList();
        List<Typed> args = new ArrayList<>();
        boolean star = ops.size() == 1 && ops.get(0) instanceof SqlIdentifier id && id.isStar();
        if (!star) {
            for (SqlNode o : ops) {
                args.add(analyzeBase(o));
            }
        }
        WindowAggNode.Kind kind;
        PgType type;
        int typmod = -1;
        Eval[] evals;
        AggFunction agg = null;
        switch (name) {
            case "row_number": case "rank": case "dense_rank": case "percent_rank": case "cume_dist":
                expectArgs(name, args, star, 0, 0, fn);
                kind = WindowAggNode.Kind.valueOf(name.toUpperCase(Locale.ROOT));
                type = name.endsWith("_rank") && name.startsWith("percent") || name.equals("cume_dist") ? PgTypes.FLOAT8 : PgTypes.INT8;
                evals = new Eval[0];
                break;
            case "ntile":
                expectArgs(name, args, star, 1, 1, fn);
                kind = WindowAggNode.Kind.NTILE;
                type = PgTypes.INT4;
                evals = new Eval[] {Casts.coerce(args.get(0), PgTypes.INT4, -1, Casts.Context.IMPLICIT).eval};
                break;
            case "lag": case "lead": {
                expectArgs(name, args, star, 1, 3, fn);
                kind = name.equals("lag") ? WindowAggNode.Kind.LAG : WindowAggNode.Kind.LEAD;
                List<Typed> values = new ArrayList<>(List.of(args.get(0)));
                if (args.size() == 3) {
                    values.add(args.get(2));
                }
                ExpressionAnalyzer.TypeRef t = analyzer.commonType(values, name, fn);
                type = t.type();
                typmod = args.size() == 3 ? t.typmod() : args.get(0).typmod;
                evals = new Eval[args.size()];
                evals[0] = Casts.coerce(args.get(0), type, -1, Casts.Context.IMPLICIT).eval;
                if (args.size() > 1) {
                    evals[1] = Casts.coerce(args.get(1), PgTypes.INT4, -1, Casts.Context.IMPLICIT).eval;
                }
                if (args.size() > 2) {
                    evals[2] = Casts.coerce(args.get(2), type, -1, Casts.Context.IMPLICIT).eval;
                }
                break;
            }
            case "first_value": case "last_value": case "nth_value": {
                boolean nth = name.equals("nth_value");
                expectArgs(name, args, star, nth ? 2 : 1, nth ? 2 : 1, fn);
                kind = WindowAggNode.Kind.valueOf(name.toUpperCase(Locale.ROOT));
                Typed v = args.get(0);
                if (v.isUnknown()) {
                    v = Casts.coerce(v, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
                }
                type = v.type;
                typmod = v.typmod;
                evals = nth ? new Eval[] {v.eval, Casts.coerce(args.get(1), PgTypes.INT4, -1, Casts.Context.IMPLICIT).eval}
                        : new Eval[] {v.eval};
                break;
            }
            default: {
                if (!AggFunction.NAMES.contains(name)) {
                    throw PgException.atPosition("42809", "OVER specified, but " + name
                            + " is not a window function nor an aggregate function", planner.position(fn));
                }
                kind = WindowAggNode.Kind.AGGREGATE;
                if (star) {
                    if (!name.equals("count")) {
                        throw new PgException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(*) does not exist", null,
                                null, planner.position(fn), null, null);
                    }
                    agg = AggFunction.countStar();
                    evals = new Eval[0];
                } else if (name.equals("string_agg")) {
                    AggregateCalls.Built b = AggregateCalls.stringAgg(args, planner, fn);
                    agg = b.function();
                    evals = new Eval[] {b.arg()};
                } else {
                    if (args.size() != 1) {
                        throw undefined(name, args, fn);
                    }
                    Typed a = args.get(0);
                    if (a.isUnknown()) {
                        a = Casts.coerce(a, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
                    }
                    agg = AggFunction.resolve(name, a.type, a.typmod, planner.position(fn));
                    evals = new Eval[] {a.eval};
                }
                if (filter != null) {
                    // a row the FILTER rejects is not fed to the aggregate (fed as NULL, which aggregates skip)
                    Eval test = AggregateCalls.filterTest(analyzeBase(filter), planner.position(filter));
                    Eval value = evals.length == 0 ? c -> Boolean.TRUE : evals[0];
                    Object skip = org.pgmini.executor.exec.MoreAggregates.skipValue(agg);
                    if (skip != null) {
                        agg = org.pgmini.executor.exec.MoreAggregates.skipping(agg, false);
                    }
                    evals = new Eval[] {c -> Boolean.TRUE.equals(test.eval(c)) ? value.eval(c) : skip};
                }
                type = agg.resultType;
                typmod = agg.resultTypmod;
                break;
            }
        }
        int k = funcs.size();
        funcs.add(new WindowAggNode.Func(window, kind, evals, agg));
        count[0] = funcs.size();
        int[] total = count;
        Windowing self = this;
        Typed result = new Typed(type, typmod, c -> c.row[c.row.length - total[0] + self.place[k]], false);
        funcNodes.add(over);
        funcResults.add(result);
        return result;
    }

    private void expectArgs(String name, List<Typed> args, boolean star, int min, int max, SqlCall fn) {
        if (star || args.size() < min || args.size() > max) {
            throw undefined(name, args, fn);
        }
    }

    private PgException undefined(String name, List<Typed> args, SqlCall fn) {
        return SelectPlanner.undefinedFunction(name, args, planner.position(fn));
    }

    /** The index of the window an OVER clause names or writes (same definitions share one). */
    private int window(SqlNode spec) {
        SqlWindow w;
        if (spec instanceof SqlIdentifier id) {
            w = named(id, id);
        } else {
            w = (SqlWindow) spec;
            if (w.getRefName() != null) {
                w = merge(named(w.getRefName(), w), w);
            }
        }
        SqlNodeList partition = w.getPartitionList();
        SqlNodeList order = w.getOrderList();
        if (w.getExclude() != null && !SqlWindow.isExcludeNoOthers(w.getExclude())) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "frame exclusion is not supported", planner.position(w));
        }
        String key = (partition == null ? "" : partition.toString()) + "|" + (order == null ? "" : order.toString()) + "|"
                + w.isRows() + "|" + w.getLowerBound() + "|" + w.getUpperBound();
        int found = windowKeys.indexOf(key);
        if (found >= 0) {
            return found;
        }
        List<SqlNode> texts = new ArrayList<>();
        int pk = partition == null ? 0 : partition.size();
        Eval[] pe = new Eval[pk];
        SortKeyType[] pt = new SortKeyType[pk];
        for (int i = 0; i < pk; i++) {
            texts.add(partition.get(i));
            Typed t = keyExpr(partition.get(i));
            pe[i] = t.eval;
            pt[i] = SortNode.keyType(t.type);
        }
        SortKeyList orderKeys = SortKeyList.of(order == null ? List.of() : order, this::analyzeBase);
        int ok = orderKeys.size();
        texts.addAll(List.of(orderKeys.exprs()));
        boolean rows = w.isRows();
        PgType offsetType = PgTypes.INT8;
        if (!rows && (isOffset(w.getLowerBound()) || isOffset(w.getUpperBound()))) {
            if (ok != 1) {
                throw PgException.atPosition("42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                        planner.position(w));
            }
            offsetType = rangeOffsetType(orderKeys.pgTypes()[0], w);
        }
        WindowAggNode.Bound start = bound(w.getLowerBound(), true, ok > 0, w, offsetType);
        WindowAggNode.Bound end = bound(w.getUpperBound(), false, ok > 0, w, offsetType);
        if (w.getLowerBound() != null && w.getUpperBound() == null) {
            end = new WindowAggNode.Bound(WindowAggNode.BoundKind.CURRENT_ROW, null);
        }
        checkFrame(start, end, w);
        if (w.getLowerBound() == null && w.getUpperBound() == null) {
            rows = false;
        }
        windows.add(new WindowAggNode.Window(pe, pt, orderKeys.evals(), orderKeys.types(), orderKeys.descending(),
                orderKeys.nullsFirst(), rows, start, end));
        keyNodes.add(texts);
        windowKeys.add(key);
        return windows.size() - 1;
    }

    private Typed keyExpr(SqlNode n) {
        Typed t = analyzeBase(n);
        if (t.isUnknown()) {
            t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
        }
        return t;
    }

    private static boolean isOffset(SqlNode b) {
        return b != null && (b.getKind() == SqlKind.PRECEDING || b.getKind() == SqlKind.FOLLOWING);
    }

    /** RANGE offsets are supported over numeric keys (the offset takes the key's arithmetic). */
    private PgType rangeOffsetType(PgType key, SqlWindow w) {
        switch (key.name()) {
            case "int2": case "int4": case "int8": return PgTypes.INT8;
            case "numeric": return PgTypes.NUMERIC;
            case "float4": case "float8": return PgTypes.FLOAT8;
            default:
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING over type "
                        + PgTypes.displayName(key) + " is not supported", planner.position(w));
        }
    }

    /** PostgreSQL's checks of a frame's two bounds against each other. */
    private void checkFrame(WindowAggNode.Bound start, WindowAggNode.Bound end, SqlWindow w) {
        WindowAggNode.BoundKind s = start.kind();
        WindowAggNode.BoundKind e = end.kind();
        SqlNode at = w.getUpperBound() != null ? w.getUpperBound() : w;
        if (s == WindowAggNode.BoundKind.CURRENT_ROW && e == WindowAggNode.BoundKind.PRECEDING) {
            throw PgException.atPosition("42P20", "frame starting from current row cannot have preceding rows", planner.position(at));
        }
        if (s == WindowAggNode.BoundKind.FOLLOWING
                && (e == WindowAggNode.BoundKind.PRECEDING || e == WindowAggNode.BoundKind.CURRENT_ROW)) {
            throw PgException.atPosition("42P20", "frame starting from following row cannot have preceding rows", planner.position(at));
        }
    }

    private WindowAggNode.Bound bound(SqlNode b, boolean start, boolean ordered, SqlWindow w, PgType offsetType) {
        if (b == null) {
            // the default frame: RANGE UNBOUNDED PRECEDING to CURRENT ROW (the whole partition without ORDER BY)
            return new WindowAggNode.Bound(start ? WindowAggNode.BoundKind.UNBOUNDED_PRECEDING
                    : ordered ? WindowAggNode.BoundKind.CURRENT_ROW : WindowAggNode.BoundKind.UNBOUNDED_FOLLOWING, null);
        }
        if (SqlWindow.isUnboundedPreceding(b)) {
            if (!start) {
                throw PgException.atPosition("42P20", "frame end cannot be UNBOUNDED PRECEDING", planner.position(b));
            }
            return new WindowAggNode.Bound(WindowAggNode.BoundKind.UNBOUNDED_PRECEDING, null);
        }
        if (SqlWindow.isUnboundedFollowing(b)) {
            if (start) {
                throw PgException.atPosition("42P20", "frame start cannot be UNBOUNDED FOLLOWING", planner.position(b));
            }
            return new WindowAggNode.Bound(WindowAggNode.BoundKind.UNBOUNDED_FOLLOWING, null);
        }
        if (SqlWindow.isCurrentRow(b)) {
            return new WindowAggNode.Bound(WindowAggNode.BoundKind.CURRENT_ROW, null);
        }
        if (b instanceof SqlCall call && (b.getKind() == SqlKind.PRECEDING || b.getKind() == SqlKind.FOLLOWING)) {
            Typed off = analyzeBase(call.operand(0));
            Eval e = Casts.coerce(off, offsetType, -1, Casts.Context.IMPLICIT).eval;
            return new WindowAggNode.Bound(b.getKind() == SqlKind.PRECEDING ? WindowAggNode.BoundKind.PRECEDING
                    : WindowAggNode.BoundKind.FOLLOWING, e);
        }
        throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "this window frame is not supported", planner.position(w));
    }

    private SqlWindow named(SqlIdentifier id, SqlNode where) {
        if (select.getWindowList() != null) {
            for (SqlNode n : select.getWindowList()) {
                SqlWindow w = (SqlWindow) n;
                if (w.getDeclName() != null && w.getDeclName().getSimple().equals(id.getSimple())) {
                    return w.getRefName() != null ? merge(named(w.getRefName(), w), w) : w;
                }
            }
        }
        throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "window \"" + id.getSimple() + "\" does not exist",
                planner.position(where));
    }

    /** OVER (w ORDER BY ...): the referenced window's PARTITION BY with this clause's ORDER BY and frame. */
    private SqlWindow merge(SqlWindow ref, SqlWindow w) {
        String name = w.getRefName().getSimple();
        if (w.getPartitionList() != null && !w.getPartitionList().isEmpty()) {
            throw PgException.atPosition("42P20", "cannot override PARTITION BY clause of window \"" + name + "\"",
                    planner.position(w.getPartitionList()));
        }
        boolean refOrdered = ref.getOrderList() != null && !ref.getOrderList().isEmpty();
        boolean ordered = w.getOrderList() != null && !w.getOrderList().isEmpty();
        if (refOrdered && ordered) {
            throw PgException.atPosition("42P20", "cannot override ORDER BY clause of window \"" + name + "\"",
                    planner.position(w.getOrderList()));
        }
        if (ref.getLowerBound() != null || ref.getUpperBound() != null) {
            throw PgException.atPosition("42P20", "cannot copy window \"" + name + "\" because it has a frame clause",
                    planner.position(w));
        }
        return SqlWindow.create(null, null, ref.getPartitionList(), ordered ? w.getOrderList() : ref.getOrderList(),
                SqlLiteral.createBoolean(w.isRows(), w.getParserPosition()), w.getLowerBound(), w.getUpperBound(),
                null, w.getExclude(), w.getParserPosition());
    }

    /**
     * Sort + WindowAgg per window. Like PostgreSQL, windows whose sort keys share a prefix are
     * evaluated next to each other, the one with more keys first, so a window whose keys are a
     * prefix of the current sort order needs no Sort of its own.
     */
    PlanNode node(PlanNode input) {
        place = new int[funcs.size()];
        List<Integer> order = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            order.add(w);
        }
        order.sort((a, b) -> compareKeys(keyStrings(a), keyStrings(b)));
        int appended = 0;
        List<String> sorted = null;
        for (int w : order) {
            WindowAggNode.Window win = windows.get(w);
            List<WindowAggNode.Func> mine = new ArrayList<>();
            for (int k = 0; k < funcs.size(); k++) {
                if (funcs.get(k).window() == w) {
                    place[k] = appended++;
                    mine.add(funcs.get(k));
                }
            }
            int pk = win.partition().length;
            int ok = win.order().length;
            List<String> mineKeys = keyStrings(w);
            boolean prefix = sorted != null && mineKeys.size() <= sorted.size() && sorted.subList(0, mineKeys.size()).equals(mineKeys);
            if (pk + ok > 0 && !prefix) {
                Eval[] keys = new Eval[pk + ok];
                org.pgmini.executor.sort.SortKeyType[] types = new org.pgmini.executor.sort.SortKeyType[pk + ok];
                boolean[] desc = new boolean[pk + ok];
                boolean[] nullsFirst = new boolean[pk + ok];
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < pk + ok; i++) {
                    keys[i] = i < pk ? win.partition()[i] : win.order()[i - pk];
                    types[i] = i < pk ? win.partitionTypes()[i] : win.orderTypes()[i - pk];
                    desc[i] = i >= pk && win.descending()[i - pk];
                    nullsFirst[i] = i >= pk && win.nullsFirst()[i - pk];
                    SqlNode n = keyNodes.get(w).get(i);
                    String text = deparser.expr(n);
                    texts.add(n instanceof SqlIdentifier || text.startsWith("(") ? text : "(" + text + ")");
                }
                input = new org.pgmini.executor.exec.KeySortNode(input, keys, types, desc, nullsFirst, texts);
                sorted = mineKeys;
            } else if (sorted == null) {
                sorted = mineKeys;
            }
            input = new WindowAggNode(input, win, mine);
        }
        return input;
    }

    /** A window's sort keys (PARTITION BY, then ORDER BY with direction) as comparable texts. */
    private List<String> keyStrings(int w) {
        WindowAggNode.Window win = windows.get(w);
        List<String> out = new ArrayList<>();
        List<SqlNode> nodes = keyNodes.get(w);
        int pk = win.partition().length;
        for (int i = 0; i < nodes.size(); i++) {
            boolean d = i >= pk && win.descending()[i - pk];
            boolean nf = i >= pk && win.nullsFirst()[i - pk];
            out.add(nodes.get(i).toString() + (d ? " DESC" : "") + (nf ? " NULLS FIRST" : ""));
        }
        return out;
    }

    /** Windows sharing a key prefix sort together, longer key lists first. */
    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.size(), a.size());
    }
}
