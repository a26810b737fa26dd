package org.pgmini.executor.query;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.exec.CteScanNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectNode;
import org.pgmini.executor.exec.Qual;
import org.pgmini.executor.exec.RecursiveUnionNode;
import org.pgmini.executor.exec.WorkTable;
import org.pgmini.executor.exec.WorkTableScanNode;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.parser.ast.PgWithItem;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query), ... body. The items are
 * made visible to the body (and to later items) through a {@link CteScope}; a reference in FROM
 * is resolved by {@link #reference} (inlined subquery, CTE Scan, or under WITH RECURSIVE the
 * work table). A recursive query must be {@code non-recursive-term UNION [ALL] recursive-term}
 * and becomes a Recursive Union (PostgreSQL's 42P19 errors for the other shapes). The plans of
 * materialized queries are printed as {@code CTE name} under the body's top node.
 */
final class WithPlanner {
    /** PostgreSQL's invalid_recursion. */
    private static final String INVALID_RECURSION = "42P19";

    private final SelectPlanner owner;

    WithPlanner(SelectPlanner owner) {
        this.owner = owner;
    }

    Planned plan(SqlNode node) {
        SqlOrderBy ob = node instanceof SqlOrderBy o ? o : null;
        SqlWith with = (SqlWith) (ob != null ? ob.query : node);
        CteScope scope = owner.ctes;
        List<CteDef> defs = new ArrayList<>();
        for (SqlNode n : with.withList) {
            SqlWithItem wi = (SqlWithItem) n;
            String name = wi.name.getSimple();
            for (CteDef d : defs) {
                if (d.name.equals(name)) {
                    throw PgException.atPosition("42712", "WITH query name \"" + name + "\" specified more than once",
                            owner.position(wi.name));
                }
            }
            boolean recursiveWith = wi.recursive != null && wi.recursive.booleanValue();
            CteDef d = new CteDef(name, wi, wi instanceof PgWithItem p ? p.materialized : null, owner);
            d.recursive = recursiveWith && countReferences(wi.query, name) > 0;
            d.scope = scope;
            scope = new CteScope(scope, d);
            if (recursiveWith) {
                d.scope = scope;
            }
            defs.add(d);
        }
        SqlNode body = with.body;
        if (ob != null) {
            body = new SqlOrderBy(ob.getParserPosition(), with.body, ob.orderList, ob.offset, ob.fetch);
        }
        for (int i = 0; i < defs.size(); i++) {
            CteDef d = defs.get(i);
            d.references = countReferences(body, d.name);
            for (int j = i + 1; j < defs.size(); j++) {
                d.references += countReferences(defs.get(j).query(), d.name);
            }
        }
        SelectPlanner p = owner.child();
        p.ctes = scope;
        Planned b = p.plan(body);
        List<Integer> oids = new ArrayList<>(b.relationOids());
        List<InitPlan> inits = new ArrayList<>();
        List<Map.Entry<String, PlanNode>> labeled = new ArrayList<>();
        for (CteDef d : defs) {
            if (d.materialized == null && d.references == 0) {
                // never referenced: PostgreSQL still analyzes it (its errors are reported), then drops it
                Planned unused = planQuery(d);
                oids.addAll(unused.relationOids());
                continue;
            }
            if (d.materialized != null) {
                oids.addAll(d.materialized.relationOids());
                inits.addAll(d.materialized.initPlans());
                labeled.add(new AbstractMap.SimpleImmutableEntry<>("CTE " + d.name, d.materialized.root()));
                if (d.scanRefnames.contains(d.name)) {
                    for (WorkTableScanNode w : d.workScans) {
                        w.renameForExplain(d.name + "_1");
                    }
                }
            }
        }
        inits.addAll(b.initPlans());
        PlanNode root = labeled.isEmpty() ? b.root() : new WithNode(b.root(), labeled);
        return new Planned(root, b.columns(), oids, inits);
    }

    /** A FROM reference to a WITH query: its columns and either an inlined plan or a scan maker. */
    record Reference(List<ColumnDescription> columns, Planned inlined, Function<Qual, PlanNode> scanMaker) {}

    static Reference reference(SelectPlanner at, CteDef d, SqlIdentifier id, String refname) {
        if (d.inNonRecursiveTerm) {
            throw PgException.atPosition(INVALID_RECURSION, "recursive reference to query \"" + d.name
                    + "\" must not appear within its non-recursive term", at.position(id));
        }
        if (d.workTable != null) {
            if (at.depth > d.workDepth) {
                throw PgException.atPosition(INVALID_RECURSION, "recursive reference to query \"" + d.name
                        + "\" must not appear within a subquery", at.position(id));
            }
            if (++d.workReferences > 1) {
                throw PgException.atPosition(INVALID_RECURSION, "recursive reference to query \"" + d.name
                        + "\" must not appear more than once", at.position(id));
            }
            WorkTable wt = d.workTable;
            int width = d.workColumns.size() * 8;
            return new Reference(d.workColumns, null, q -> {
                WorkTableScanNode n = new WorkTableScanNode(wt, refname, q, width);
                d.workScans.add(n);
                return n;
            });
        }
        if (d.inline()) {
            return new Reference(null, planQuery(d), null);
        }
        if (d.materialized == null) {
            d.materialized = planQuery(d);
        }
        d.scanRefnames.add(refname);
        PlanNode source = d.materialized.root();
        Correlation corr = d.withLevel.correlation;
        java.util.function.ToLongFunction<org.pgmini.executor.exec.ExecState> epoch = corr == null ? null : corr::epoch;
        return new Reference(d.materialized.columns(), null, q -> new CteScanNode(d.name, refname, source, q, epoch));
    }

    /** The WITH query's plan, its columns named by the item's column list. */
    private static Planned planQuery(CteDef d) {
        if (d.recursive) {
            return planRecursive(d);
        }
        SelectPlanner p = d.withLevel.child();
        p.ctes = d.scope;
        Planned q = p.plan(d.query());
        return new Planned(q.root(), renamed(d, q.columns()), q.relationOids(), q.initPlans());
    }

    private static List<ColumnDescription> renamed(CteDef d, List<ColumnDescription> cols) {
        List<SqlIdentifier> aliases = d.columnAliases();
        if (aliases.size() > cols.size()) {
            throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE, "WITH query \"" + d.name + "\" has " + cols.size()
                    + " columns available but " + aliases.size() + " columns specified", d.withLevel.position(d.item.name));
        }
        List<ColumnDescription> out = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            ColumnDescription c = cols.get(i);
            String name = i < aliases.size() ? aliases.get(i).getSimple() : c.name();
            out.add(new ColumnDescription(name, c.tableOid(), c.columnNumber(), c.type(), c.typmod()));
        }
        return out;
    }

    private static Planned planRecursive(CteDef d) {
        SelectPlanner level = d.withLevel;
        SqlNode q = d.query();
        if (q instanceof SqlOrderBy ob && SetOperationPlanner.isSetOperation(ob.query)) {
            if (ob.orderList != null && !ob.orderList.isEmpty()) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "ORDER BY in a recursive query is not implemented",
                        level.position(ob.orderList.get(0)));
            }
            String what = ob.offset != null ? "OFFSET" : "LIMIT";
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, what + " in a recursive query is not implemented",
                    level.position(ob.offset != null ? ob.offset : ob.fetch));
        }
        if (q.getKind() != SqlKind.UNION) {
            throw PgException.atPosition(INVALID_RECURSION, "recursive query \"" + d.name
                    + "\" does not have the form non-recursive-term UNION [ALL] recursive-term", level.position(d.item.name));
        }
        SqlCall union = (SqlCall) q;
        boolean all = union.getOperator().getName().toUpperCase(java.util.Locale.ROOT).endsWith(" ALL");
        SqlNode left = union.operand(0);
        SqlNode right = union.operand(1);
        SelectPlanner lp = level.child();
        lp.ctes = d.scope;
        Planned l;
        d.inNonRecursiveTerm = true;
        try {
            l = lp.plan(left);
        } finally {
            d.inNonRecursiveTerm = false;
        }
        List<ColumnDescription> cols = renamed(d, l.columns());
        rejectAggregates(level, right);
        WorkTable wt = new WorkTable(d.name);
        SelectPlanner rp = level.child();
        rp.ctes = d.scope;
        Planned r;
        d.workTable = wt;
        d.workColumns = cols;
        d.workDepth = rp.depth;
        d.workReferences = 0;
        try {
            r = rp.plan(right);
        } finally {
            d.workTable = null;
        }
        for (Object[] ref : d.workItems) {
            if (((RangeItem) ref[0]).nullable) {
                throw PgException.atPosition(INVALID_RECURSION, "recursive reference to query \"" + d.name
                        + "\" must not appear within an outer join", level.position((SqlNode) ref[1]));
            }
        }
        if (r.columns().size() != cols.size()) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns",
                    level.position(right instanceof SqlSelect s && !s.getSelectList().isEmpty() ? s.getSelectList().get(0) : right));
        }
        ExpressionAnalyzer analyzer = level.analyzer();
        Eval[] proj = new Eval[cols.size()];
        boolean converts = false;
        for (int i = 0; i < cols.size(); i++) {
            ColumnDescription lc = cols.get(i);
            ColumnDescription rc = r.columns().get(i);
            int slot = i;
            Typed in = new Typed(rc.type(), rc.typmod(), c -> c.row[slot], false);
            Typed lt = new Typed(lc.type(), lc.typmod(), c -> null, false);
            PgType common = analyzer.commonType(List.of(lt, in), "UNION", right).type();
            if (!common.equals(lc.type())) {
                throw new PgException(SqlState.DATATYPE_MISMATCH, "recursive query \"" + d.name + "\" column " + (i + 1)
                        + " has type " + PgTypes.displayName(lc.type()) + " in non-recursive term but type "
                        + PgTypes.displayName(common) + " overall", null,
                        "Cast the output of the non-recursive term to the correct type.", level.position(columnNode(left, i)),
                        null, null);
            }
            if (rc.type().equals(lc.type())) {
                proj[i] = in.eval;
            } else {
                proj[i] = Casts.coerce(in, lc.type(), -1, Casts.Context.IMPLICIT).eval;
                converts = true;
            }
        }
        PlanNode recursiveTerm = converts ? new ProjectNode(r.root(), proj) : r.root();
        RecursiveUnionNode node = new RecursiveUnionNode(l.root(), recursiveTerm, !all, wt);
        List<Integer> oids = new ArrayList<>(l.relationOids());
        oids.addAll(r.relationOids());
        List<InitPlan> inits = new ArrayList<>(l.initPlans());
        inits.addAll(r.initPlans());
        return new Planned(node, cols, oids, inits);
    }

    /** The expression of column {@code i} of a plain SELECT (errors point there), else the query. */
    private static SqlNode columnNode(SqlNode query, int i) {
        SqlNode q = query instanceof SqlOrderBy ob ? ob.query : query;
        if (q instanceof SqlSelect s && i < s.getSelectList().size()) {
            SqlNode item = s.getSelectList().get(i);
            return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
        }
        return query;
    }

    private static void rejectAggregates(SelectPlanner level, SqlNode term) {
        SqlNode q = term instanceof SqlOrderBy ob ? ob.query : term;
        if (q instanceof SqlSelect s) {
            SqlCall agg = SelectPlanner.findAgg(s.getSelectList());
            if (agg == null && s.getHaving() != null) {
                agg = SelectPlanner.findAgg(s.getHaving());
            }
            if (agg != null) {
                throw PgException.atPosition(INVALID_RECURSION,
                        "aggregate functions are not allowed in a recursive query's recursive term", level.position(agg));
            }
        }
    }

    /** How often {@code name} is used as a table name in FROM clauses anywhere in {@code n}. */
    static int countReferences(SqlNode n, String name) {
        return count(n, name, false);
    }

    private static int count(SqlNode n, String name, boolean inFrom) {
        if (n == null) {
            return 0;
        }
        if (n instanceof SqlIdentifier id) {
            return inFrom && id.names.size() == 1 && id.getSimple().equals(name) ? 1 : 0;
        }
        if (n instanceof SqlNodeList list) {
            int c = 0;
            for (SqlNode o : list) {
                c += count(o, name, inFrom);
            }
            return c;
        }
        if (n instanceof SqlSelect s) {
            int c = count(s.getFrom(), name, true);
            c += count(s.getSelectList(), name, false);
            c += count(s.getWhere(), name, false);
            c += count(s.getHaving(), name, false);
            return c;
        }
        if (n instanceof SqlJoin j) {
            return count(j.getLeft(), name, true) + count(j.getRight(), name, true) + count(j.getCondition(), name, false);
        }
        if (n instanceof SqlWith w) {
            int c = count(w.body, name, false);
            for (SqlNode item : w.withList) {
                c += count(((SqlWithItem) item).query, name, false);
            }
            return c;
        }
        if (n instanceof SqlCall call) {
            boolean keep = inFrom && call.getKind() == SqlKind.AS;
            int c = 0;
            List<SqlNode> ops = call.getOperandList();
            for (int i = 0; i < ops.size(); i++) {
                c += count(ops.get(i), name, keep && i == 0);
            }
            return c;
        }
        return 0;
    }

    /** The top of a query with materialized WITH queries: invisible, it hands their plans to EXPLAIN. */
    static final class WithNode extends PlanNode {
        private final PlanNode body;
        private final List<Map.Entry<String, PlanNode>> ctes;

        WithNode(PlanNode body, List<Map.Entry<String, PlanNode>> ctes) {
            this.body = body;
            this.ctes = List.copyOf(ctes);
            estimate(this, body.startupCost, body.totalCost, body.rows, body.width);
        }

        @Override
        public String explainName() {
            return "With";
        }

        @Override
        public boolean visibleInExplain() {
            return false;
        }

        @Override
        public List<PlanNode> children() {
            return List.of(body);
        }

        @Override
        public List<Map.Entry<String, PlanNode>> labeledPlans() {
            return ctes;
        }

        @Override
        protected org.pgmini.executor.exec.Cursor openCursor(org.pgmini.executor.exec.ExecState s) {
            return s.open(body);
        }

        @Override
        protected void pushRows(org.pgmini.executor.exec.ExecState s, org.pgmini.executor.exec.RowSink sink) {
            s.push(body, sink);
        }
    }
}
