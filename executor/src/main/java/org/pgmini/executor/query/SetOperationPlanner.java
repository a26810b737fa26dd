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
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.exec.AggregateNode;
import org.pgmini.executor.exec.AppendNode;
import org.pgmini.executor.exec.HashSetOpNode;
import org.pgmini.executor.exec.LimitNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * UNION [ALL], INTERSECT [ALL], EXCEPT [ALL] with ORDER BY / LIMIT / OFFSET on the result, as
 * PostgreSQL plans them: each operand query is planned on its own; column types are resolved
 * per set operation node bottom-up with select_common_type (an operand column that is an untyped
 * literal, e.g. {@code 'a'} or NULL, stays unknown and takes the other side's type); UNION ALL is
 * an Append, UNION a HashAggregate over an Append (chains of UNIONs are flattened into one Append),
 * INTERSECT / EXCEPT a HashSetOp over an Append whose operands carry a side flag. Result column
 * names come from the leftmost operand. ORDER BY may name result columns only (by name or ordinal).
 */
final class SetOperationPlanner {
    private final SelectPlanner owner;
    private final ExpressionAnalyzer analyzer;
    private final List<Integer> relationOids = new ArrayList<>();
    private final List<InitPlan> initPlans = new ArrayList<>();
    private int leafCount;

    SetOperationPlanner(SelectPlanner owner) {
        this.owner = owner;
        this.analyzer = owner.analyzer();
    }

    static boolean isSetOperation(SqlNode n) {
        SqlKind k = n.getKind();
        return k == SqlKind.UNION || k == SqlKind.INTERSECT || k == SqlKind.EXCEPT;
    }

    /** An operand or a set operation node, planned, with its column types. */
    private static final class Branch {
        /** For a set operation node: the kind, ALL, and its two inputs; null for an operand query. */
        SqlKind kind;
        boolean all;
        Branch left;
        Branch right;
        /** For an operand query: its plan and the "*SELECT* n" name. */
        Planned planned;
        String name;
        /** Per column: type, typmod, whether still an untyped literal, the leftmost operand's expression. */
        final List<PgType> types = new ArrayList<>();
        final List<Integer> typmods = new ArrayList<>();
        final List<Boolean> unknown = new ArrayList<>();
        final List<String> literalTexts = new ArrayList<>();
        final List<SqlNode> columnNodes = new ArrayList<>();
        /** For an operand: how EXPLAIN names each column when the operand's rows pass unchanged (e.g. {@code t.a}). */
        final List<String> ownTexts = new ArrayList<>();
        List<String> names;
        SqlNode firstNode;
        Branch leftmostLeaf() {
            return planned != null ? this : left.leftmostLeaf();
        }
    }

    Planned plan(SqlNode node) {
        SqlNodeList orderList = null;
        SqlNode offset = null;
        SqlNode fetch = null;
        if (node instanceof SqlOrderBy ob) {
            orderList = ob.orderList;
            offset = ob.offset;
            fetch = ob.fetch;
            node = ob.query;
        }
        Branch top = branch(node);
        resolveTypes(top);
        PlanNode plan = build(top, top.types, top.typmods, null);
        Branch first = top.leftmostLeaf();
        List<ColumnDescription> columns = new ArrayList<>();
        List<String> keyTexts = new ArrayList<>();
        for (int i = 0; i < top.types.size(); i++) {
            PgType t = top.types.get(i);
            columns.add(new ColumnDescription(first.names.get(i), 0, (short) 0, t, top.typmods.get(i)));
            keyTexts.add(columnText(first, i, t, top.kind == SqlKind.UNION));
        }
        if (orderList != null && !orderList.isEmpty()) {
            List<SortNode.Key> keys = new ArrayList<>();
            for (SqlNode o : orderList) {
                keys.add(sortKey(o, first.names, top.types, keyTexts));
            }
            plan = new SortNode(plan, keys, top.types);
        }
        if (offset != null || fetch != null) {
            Eval o = offset == null ? null : limitValue(offset);
            Eval f = fetch == null ? null : limitValue(fetch);
            double rows = plan.rows;
            if (fetch instanceof SqlNumericLiteral lit) {
                rows = Math.min(rows, lit.intValue(true));
            }
            plan = new LimitNode(plan, o, f, rows);
        }
        lastKeyTexts = keyTexts;
        return new Planned(plan, columns, List.copyOf(relationOids), List.copyOf(initPlans));
    }

    /** The result columns as EXPLAIN names them (for a Sort above, e.g. in a subquery). */
    List<String> lastKeyTexts;

    private Branch branch(SqlNode node) {
        if (isSetOperation(node)) {
            SqlCall call = (SqlCall) node;
            Branch b = new Branch();
            b.kind = node.getKind();
            b.all = call.getOperator().getName().toUpperCase(Locale.ROOT).endsWith(" ALL");
            b.left = branch(call.operand(0));
            b.right = branch(call.operand(1));
            return b;
        }
        Branch b = new Branch();
        b.name = "*SELECT* " + (++leafCount);
        b.planned = owner.child().plan(node);
        relationOids.addAll(b.planned.relationOids());
        initPlans.addAll(b.planned.initPlans());
        b.names = new ArrayList<>();
        SqlSelect sel = node instanceof SqlSelect s ? s : node instanceof SqlOrderBy ob && ob.query instanceof SqlSelect s2 ? s2 : null;
        List<SqlNode> items = sel == null ? null : sel.getSelectList().getList();
        boolean star = items != null && items.stream().anyMatch(n -> n instanceof SqlIdentifier id && id.isStar());
        List<ColumnDescription> cols = b.planned.columns();
        for (int i = 0; i < cols.size(); i++) {
            ColumnDescription c = cols.get(i);
            b.names.add(c.name());
            SqlNode item = items != null && !star && i < items.size() ? items.get(i) : null;
            if (item != null && item.getKind() == SqlKind.AS) {
                item = ((SqlCall) item).operand(0);
            }
            String text = null;
            boolean unknown = false;
            if (item instanceof SqlLiteral lit && (lit.getTypeName() == SqlTypeName.CHAR || lit.getTypeName() == SqlTypeName.NULL)
                    && !(lit instanceof org.apache.calcite.sql.SqlUnknownLiteral)) {
                unknown = true;
                text = lit.getTypeName() == SqlTypeName.NULL ? null : lit.getValueAs(String.class);
            }
            b.types.add(unknown ? PgTypes.UNKNOWN : c.type());
            b.typmods.add(unknown ? -1 : c.typmod());
            b.unknown.add(unknown);
            b.literalTexts.add(text);
            b.columnNodes.add(item != null ? item : node);
            b.ownTexts.add(ownText(sel, item, c.name()));
        }
        b.firstNode = items != null && !items.isEmpty() ? items.get(0) : node;
        return b;
    }

    /**
     * A plain column of a one-table operand is shown as {@code table.column} where the operand's
     * plan is not wrapped (PostgreSQL pulls such an operand up); otherwise {@code "*SELECT* n".name}.
     */
    private static String ownText(SqlSelect sel, SqlNode item, String name) {
        if (sel == null || !(item instanceof SqlIdentifier id) || id.isStar()) {
            return null;
        }
        SqlNode from = sel.getFrom();
        String ref = null;
        if (from instanceof SqlIdentifier t) {
            ref = t.names.get(t.names.size() - 1);
        } else if (from != null && from.getKind() == SqlKind.AS && ((SqlCall) from).operand(0) instanceof SqlIdentifier) {
            ref = ((SqlIdentifier) ((SqlCall) from).operand(1)).getSimple();
        }
        if (ref == null) {
            return null;
        }
        return quoteIdent(ref) + "." + quoteIdent(id.names.get(id.names.size() - 1));
    }

    private static String opName(SqlKind k) {
        return k == SqlKind.UNION ? "UNION" : k == SqlKind.INTERSECT ? "INTERSECT" : "EXCEPT";
    }

    /** select_common_type per column at each set operation node, bottom-up (transformSetOperationTree). */
    private void resolveTypes(Branch b) {
        if (b.planned != null) {
            return;
        }
        resolveTypes(b.left);
        resolveTypes(b.right);
        String op = opName(b.kind);
        if (b.left.types.size() != b.right.types.size()) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "each " + op + " query must have the same number of columns",
                    owner.position(b.right.leftmostLeaf().firstNode));
        }
        Branch rightLeaf = b.right.leftmostLeaf();
        for (int i = 0; i < b.left.types.size(); i++) {
            Typed l = placeholder(b.left, i);
            Typed r = placeholder(b.right, i);
            ExpressionAnalyzer.TypeRef t = analyzer.commonType(List.of(l, r), op, rightLeaf.columnNodes.get(i));
            b.types.add(t.type());
            b.typmods.add(t.typmod());
            b.unknown.add(false);
            b.literalTexts.add(null);
            b.columnNodes.add(b.left.columnNodes.get(i));
            checkLiteral(b.left, i, t.type());
            checkLiteral(b.right, i, t.type());
        }
    }

    private static Typed placeholder(Branch b, int i) {
        if (b.unknown.get(i)) {
            return Typed.unknownLiteral(null);
        }
        Object none = null;
        return new Typed(b.types.get(i), b.typmods.get(i), c -> none, false);
    }

    /** An untyped literal operand column is read as the resolved type now, so bad input fails at its position. */
    private void checkLiteral(Branch b, int i, PgType t) {
        if (b.planned != null && b.unknown.get(i) && b.literalTexts.get(i) != null) {
            Casts.coerce(Typed.unknownLiteral(b.literalTexts.get(i), owner.position(b.columnNodes.get(i))), t, -1,
                    Casts.Context.IMPLICIT);
        }
    }

    /**
     * The plan of {@code b} producing rows of {@code types}; with {@code flag} non-null each row
     * also carries that side flag as its last column (for HashSetOp).
     */
    private PlanNode build(Branch b, List<PgType> types, List<Integer> typmods, Integer flag) {
        if (b.planned != null) {
            return operand(b, b.planned.root(), types, typmods, flag);
        }
        PlanNode node;
        if (b.kind == SqlKind.UNION) {
            List<PlanNode> inputs = new ArrayList<>();
            flattenUnion(b, b.all, types, typmods, inputs);
            node = new AppendNode(inputs);
            if (!b.all) {
                Eval[] keys = new Eval[types.size()];
                for (int i = 0; i < keys.length; i++) {
                    int slot = i;
                    keys[i] = c -> c.row[slot];
                }
                node = new AggregateNode(node, keys, groupKeyTexts(b, types), List.of(), null, Math.min(200, node.rows));
            }
        } else {
            PlanNode l = build(b.left, types, typmods, 0);
            PlanNode r = build(b.right, types, typmods, 1);
            node = new HashSetOpNode(new AppendNode(List.of(l, r)),
                    b.kind == SqlKind.INTERSECT ? HashSetOpNode.Kind.INTERSECT : HashSetOpNode.Kind.EXCEPT, b.all, types.size());
        }
        if (flag == null) {
            return node;
        }
        return operand(b, node, types, typmods, flag);
    }

    private List<String> groupKeyTexts(Branch b, List<PgType> types) {
        Branch first = b.leftmostLeaf();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            out.add(columnText(first, i, types.get(i), true));
        }
        return out;
    }

    /** How EXPLAIN names result column i (the leftmost operand's column, converted when its type differs). */
    private static String columnText(Branch first, int i, PgType type, boolean unwrapped) {
        boolean converted = !first.types.get(i).equals(type) || first.unknown.get(i);
        String col = "\"" + first.name + "\"." + quoteIdent(first.names.get(i));
        if (converted) {
            return "((" + col + ")::" + PgTypes.displayName(type) + ")";
        }
        return unwrapped && first.ownTexts.get(i) != null ? first.ownTexts.get(i) : col;
    }

    /** UNION's inputs: nested UNIONs are merged into one Append (ALL ones only under UNION ALL). */
    private void flattenUnion(Branch b, boolean all, List<PgType> types, List<Integer> typmods, List<PlanNode> out) {
        for (Branch side : List.of(b.left, b.right)) {
            if (side.planned == null && side.kind == SqlKind.UNION && (!all || side.all)) {
                flattenUnion(side, all, types, typmods, out);
            } else {
                out.add(build(side, types, typmods, null));
            }
        }
    }

    /** Converts an input's rows to the result types (plus the flag); visible in EXPLAIN when it changes them. */
    private PlanNode operand(Branch b, PlanNode input, List<PgType> types, List<Integer> typmods, Integer flag) {
        Eval[] proj = new Eval[types.size() + (flag == null ? 0 : 1)];
        boolean changes = flag != null;
        for (int i = 0; i < types.size(); i++) {
            int slot = i;
            PgType from = b.unknown.get(i) ? PgTypes.TEXT : b.types.get(i);
            Typed in = new Typed(from, b.typmods.get(i), c -> c.row[slot], false);
            if (from.equals(types.get(i))) {
                proj[i] = in.eval;
            } else {
                proj[i] = Casts.coerce(in, types.get(i), -1, b.unknown.get(i) ? Casts.Context.EXPLICIT
                        : Casts.Context.IMPLICIT).eval;
                changes = true;
            }
        }
        if (flag != null) {
            Integer f = flag;
            proj[types.size()] = c -> f;
        }
        String name = b.planned != null ? b.name : b.leftmostLeaf().name;
        return new SetOperandNode(input, name, changes ? proj : null);
    }

    private SortNode.Key sortKey(SqlNode o, List<String> names, List<PgType> types, List<String> keyTexts) {
        OrderByItem item = OrderByItem.of(o);
        o = item.expr();
        boolean desc = item.descending();
        boolean nullsFirst = item.nullsFirst();
        int index = -1;
        if (o instanceof SqlNumericLiteral lit) {
            int k = lit.intValue(true);
            if (k < 1 || k > names.size()) {
                throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + k
                        + " is not in select list", owner.position(o));
            }
            index = k - 1;
        } else if (o instanceof SqlIdentifier id) {
            if (!id.isSimple()) {
                throw PgException.atPosition(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                        + id.names.get(id.names.size() - 2) + "\"", owner.position(o));
            }
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(id.getSimple())) {
                    if (index >= 0) {
                        throw PgException.atPosition(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + id.getSimple()
                                + "\" is ambiguous", owner.position(o));
                    }
                    index = i;
                }
            }
            if (index < 0) {
                throw PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + id.getSimple() + "\" does not exist",
                        owner.position(o));
            }
        } else {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
                    "Only result column names can be used, not expressions or functions.",
                    "Add the expression/function to every SELECT, or move the UNION into a FROM clause.", owner.position(o),
                    null, null);
        }
        SortNode.keyType(types.get(index));
        return new SortNode.Key(index, types.get(index), desc, nullsFirst, keyTexts.get(index));
    }

    private Eval limitValue(SqlNode n) {
        Typed t = analyzer.analyze(n);
        if (t.isUnknown() || t.type != PgTypes.INT8) {
            t = Casts.coerce(t, PgTypes.INT8, -1, Casts.Context.IMPLICIT);
        }
        return t.eval;
    }

    /** An identifier as PostgreSQL's EXPLAIN prints it: quoted unless it is a plain lower-case name. */
    static String quoteIdent(String s) {
        return s.matches("[a-z_][a-z0-9_$]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
