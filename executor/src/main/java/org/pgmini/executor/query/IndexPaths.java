package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.IndexScanNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;
import org.pgmini.executor.exec.modify.TableIndexes;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.index.ScanKey;

/**
 * Index paths for one table of a query (PostgreSQL's indxpath.c with cost_index and
 * btcostestimate, without statistics): a WHERE conjunct {@code column op value} (=, <, <=, >, >=,
 * either side, BETWEEN) whose value holds no column (constants, parameters, casts of them) is an
 * index condition for a B-tree whose columns it reaches: the leading column must have one, the
 * following ones count while the columns before them have equalities. The cheapest index path is
 * compared with the sequential scan's cost ({@code enable_indexscan}/{@code enable_seqscan} as
 * PostgreSQL's disable_cost) and replaces it when cheaper. An index path without conditions
 * exists only to deliver an order ({@link #ordered}).
 *
 * <p>Costs, PostgreSQL 15's formulas: index tuples = selectivity of the boundary conditions x
 * table tuples (1 for equality on every column of a unique index), index pages read =
 * ceil(tuples x index pages / table tuples) at random_page_cost, cpu_index_tuple_cost +
 * cpu_operator_cost per condition per index tuple, the descent (log2 of the tuples, and 50
 * operator costs per level); heap pages by Mackert and Lohman's formula at random_page_cost (no
 * correlation statistics), cpu_tuple_cost and the remaining filter per fetched tuple. Default
 * selectivities: 0.005 for =, 1/tuples for = on a column with its own unique index, 1/3 for an
 * inequality, 0.005 for a range bounded on both sides.
 */
final class IndexPaths {
    private IndexPaths() {}

    /** PostgreSQL's disable_cost: added to a path whose enable_* is off. */
    static final double DISABLE_COST = 1.0e10;

    /** One WHERE conjunct as an index condition on a column (BETWEEN gives two). */
    private record Cond(int attnum, ScanKey.Op op, SqlNode conjunct, Typed value, String text, Qual qual) {}

    /** The cost settings the planner reads. */
    record Costs(double randomPage, double seqPage, double cpuTuple, double cpuIndexTuple, double cpuOperator,
                 double effectiveCacheSize, boolean enableIndexScan, boolean enableSeqScan) {
        static Costs of(SessionContext s) {
            return new Costs(real(s, "random_page_cost", 4.0), real(s, "seq_page_cost", 1.0), real(s, "cpu_tuple_cost", 0.01),
                    real(s, "cpu_index_tuple_cost", 0.005), real(s, "cpu_operator_cost", 0.0025),
                    real(s, "effective_cache_size", 524288), bool(s, "enable_indexscan"), bool(s, "enable_seqscan"));
        }

        private static String get(SessionContext s, String name) {
            try {
                return s == null ? null : s.settings().currentSetting(name, true);
            } catch (PgException e) {
                return null;
            }
        }

        private static double real(SessionContext s, String name, double fallback) {
            String v = get(s, name);
            if (v == null) {
                return fallback;
            }
            try {
                if (name.equals("effective_cache_size")) {
                    return ParallelSettings.pages(v);
                }
                return Double.parseDouble(v);
            } catch (RuntimeException e) {
                return fallback;
            }
        }

        private static boolean bool(SessionContext s, String name) {
            String v = get(s, name);
            return v == null || v.equals("on") || v.equals("true");
        }
    }

    /** What the planner gives for one table: its conjuncts with their compiled quals, and how to analyze and print. */
    record Input(DatabaseAccess db, SessionContext session, RelationDescriptor rel, String refname, int decode,
                 java.util.BitSet used, boolean wantCtid, List<SqlNode> conjuncts, List<Qual> quals,
                 Function<SqlNode, Typed> analyze, Function<SqlNode, String> text, double seqCost) {}

    /**
     * The table's row estimate after its WHERE conjuncts (clauselist_selectivity without
     * statistics: ranges paired, equality on a unique column 1/tuples, other conjuncts by
     * {@link Estimates#selectivity}).
     */
    static double rows(Input in) {
        double tuples = Estimates.tuples(in.db, in.rel);
        List<Cond> conds = conditions(in);
        return clampRows(tuples * selectivity(in, conds, tuples) * restSelectivity(in, in.conjuncts));
    }

    /**
     * The cheapest index scan satisfying some WHERE conjuncts, if it is cheaper than the
     * sequential scan ({@code in.seqCost}); null otherwise. The node carries PostgreSQL's
     * estimates.
     */
    static IndexScanNode choose(Input in) {
        if (in.rel.indexes().isEmpty() || in.db == null) {
            return null;
        }
        List<Cond> conds = conditions(in);
        if (conds.isEmpty()) {
            return null;
        }
        Costs costs = Costs.of(in.session);
        double seq = in.seqCost + (costs.enableSeqScan ? 0 : DISABLE_COST);
        IndexScanNode best = null;
        for (RelationDescriptor.Index idx : in.rel.indexes()) {
            IndexScanNode n = path(in, idx, conds, costs, false, false);
            if (n != null && n.totalCost < seq && (best == null || n.totalCost < best.totalCost)) {
                best = n;
            }
        }
        return best;
    }

    /**
     * An index scan delivering the order of {@code keys} (attnums with their DESC flags, NULLs
     * in the index's own placement) with the conditions it can use, or null when no index has
     * those columns as a prefix in the same or the reverse direction.
     */
    static IndexScanNode ordered(Input in, List<Integer> attnums, List<Boolean> descending) {
        if (in.rel.indexes().isEmpty() || in.db == null) {
            return null;
        }
        List<Cond> conds = conditions(in);
        Costs costs = Costs.of(in.session);
        IndexScanNode best = null;
        for (RelationDescriptor.Index idx : in.rel.indexes()) {
            if (idx.attnums().size() < attnums.size()) {
                continue;
            }
            Boolean backward = null;
            boolean ok = true;
            for (int i = 0; i < attnums.size() && ok; i++) {
                boolean reversed = idx.descending().get(i) != descending.get(i);
                ok = idx.attnums().get(i).equals(attnums.get(i)) && (backward == null || backward == reversed);
                backward = reversed;
            }
            if (!ok) {
                continue;
            }
            IndexScanNode n = path(in, idx, conds, costs, true, backward);
            if (n != null && (best == null || n.totalCost < best.totalCost)) {
                best = n;
            }
        }
        return best;
    }

    /**
     * ORDER BY over one table: when every sort key is a column of the table and an index has
     * them as a prefix (forward or backward, with the NULL placement the index stores), the
     * projection of that index scan replaces {@code sorted} if it is cheaper for the fraction of
     * rows the LIMIT reads ({@code limit} < 0: all). Returns the new plan or null.
     */
    static PlanNode orderedPlan(Input in, List<org.pgmini.executor.exec.SortNode.Key> keys, List<SqlNode> targetNodes,
                                org.pgmini.executor.expr.Eval[] targets, PlanNode sorted, double limit) {
        List<Integer> attnums = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        for (org.pgmini.executor.exec.SortNode.Key k : keys) {
            RelationDescriptor.Column col = k.index() < targetNodes.size() ? column(in, targetNodes.get(k.index())) : null;
            if (col == null || k.nullsFirst() != k.descending()) {
                return null; // not a plain column, or a NULL placement no B-tree order gives
            }
            attnums.add(col.attnum());
            desc.add(k.descending());
        }
        IndexScanNode scan = ordered(in, attnums, desc);
        if (scan == null) {
            return null;
        }
        PlanNode projected = new org.pgmini.executor.exec.ProjectNode(scan, targets);
        double fraction = limit > 0 ? Math.min(1, limit / Math.max(1, sorted.rows)) : 1;
        double mine = SortCosts.fractional(projected, fraction);
        double theirs = SortCosts.fractional(sorted, fraction);
        return mine < theirs ? projected : null;
    }

    /**
     * PostgreSQL's adjust_limit_rows_costs for constant OFFSET/LIMIT: the Limit pays the
     * startup of its input plus the share of the run cost for the rows it skips (into its
     * startup) and reads (into its total). Matters once the input streams (an index scan);
     * over a Sort the run share is tiny.
     */
    static void limitCosts(PlanNode limit, PlanNode input, SqlNode offset, SqlNode fetch) {
        if (offset != null && !(offset instanceof org.apache.calcite.sql.SqlNumericLiteral)
                || fetch != null && !(fetch instanceof org.apache.calcite.sql.SqlNumericLiteral)) {
            return;
        }
        double inRows = input.rows;
        double startup = input.startupCost;
        double total = input.totalCost;
        double rows = inRows;
        if (offset != null) {
            double off = Math.min(((org.apache.calcite.sql.SqlNumericLiteral) offset).bigDecimalValue().doubleValue(), rows);
            if (inRows > 0) {
                startup += (input.totalCost - input.startupCost) * off / inRows;
            }
            rows = Math.max(1, rows - off);
        }
        if (fetch != null) {
            double count = Math.min(((org.apache.calcite.sql.SqlNumericLiteral) fetch).bigDecimalValue().doubleValue(), rows);
            if (inRows > 0) {
                total = startup + (input.totalCost - input.startupCost) * count / inRows;
            }
            rows = Math.max(1, count);
        } else {
            total = Math.max(total, startup);
        }
        limit.startupCost = startup;
        limit.totalCost = total;
        limit.rows = Math.max(1, Math.rint(rows));
    }

    // ------------------------------------------------------------------ conditions

    private static List<Cond> conditions(Input in) {
        List<Cond> out = new ArrayList<>();
        for (int i = 0; i < in.conjuncts.size(); i++) {
            SqlNode c = in.conjuncts.get(i);
            Qual q = in.quals.get(i);
            try {
                conjunct(in, c, q, out);
            } catch (PgException e) {
                // a value that does not coerce to the column's type: no index condition
            }
        }
        return out;
    }

    private static void conjunct(Input in, SqlNode c, Qual q, List<Cond> out) {
        if (!(c instanceof SqlCall call)) {
            return;
        }
        SqlKind k = call.getKind();
        if (k == SqlKind.BETWEEN && call.operandCount() == 3 && call.getOperator() instanceof org.apache.calcite.sql.fun.SqlBetweenOperator b
                && !b.isNegated() && b.flag != org.apache.calcite.sql.fun.SqlBetweenOperator.Flag.SYMMETRIC) {
            RelationDescriptor.Column col = column(in, call.operand(0));
            if (col == null || !isValue(call.operand(1)) || !isValue(call.operand(2))) {
                return;
            }
            Typed lo = coerced(in, call.operand(1), col);
            Typed hi = coerced(in, call.operand(2), col);
            String name = in.text.apply(call.operand(0));
            out.add(new Cond(col.attnum(), ScanKey.Op.GE, c, lo, "(" + name + " >= " + in.text.apply(call.operand(1)) + ")", q));
            out.add(new Cond(col.attnum(), ScanKey.Op.LE, c, hi, "(" + name + " <= " + in.text.apply(call.operand(2)) + ")",
                    new Qual(x -> true, "")));
            return;
        }
        ScanKey.Op op = switch (k) {
            case EQUALS -> ScanKey.Op.EQ;
            case LESS_THAN -> ScanKey.Op.LT;
            case LESS_THAN_OR_EQUAL -> ScanKey.Op.LE;
            case GREATER_THAN -> ScanKey.Op.GT;
            case GREATER_THAN_OR_EQUAL -> ScanKey.Op.GE;
            default -> null;
        };
        if (op == null || call.operandCount() != 2) {
            return;
        }
        SqlNode left = call.operand(0);
        SqlNode right = call.operand(1);
        RelationDescriptor.Column col = column(in, left);
        SqlNode value = right;
        boolean commuted = false;
        if (col == null || !isValue(right)) {
            col = column(in, right);
            value = left;
            commuted = true;
            if (col == null || !isValue(left)) {
                return;
            }
            op = switch (op) {
                case LT -> ScanKey.Op.GT;
                case LE -> ScanKey.Op.GE;
                case GT -> ScanKey.Op.LT;
                case GE -> ScanKey.Op.LE;
                default -> op;
            };
        }
        Typed v = coerced(in, value, col);
        String text = commuted ? "(" + in.text.apply(commuted ? right : left) + " " + symbol(op) + " " + in.text.apply(value) + ")"
                : q.text();
        out.add(new Cond(col.attnum(), op, c, v, text, q));
    }

    private static String symbol(ScanKey.Op op) {
        return switch (op) {
            case EQ -> "=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
        };
    }

    /** The table's column {@code n} names (a bare or table-qualified identifier), or null. */
    private static RelationDescriptor.Column column(Input in, SqlNode n) {
        if (!(n instanceof SqlIdentifier id) || id.isStar()) {
            return null;
        }
        if (id.names.size() == 2 && !id.names.get(0).equals(in.refname)) {
            return null;
        }
        if (id.names.size() > 2) {
            return null;
        }
        return in.rel.column(id.names.get(id.names.size() - 1));
    }

    /** A value known when the scan starts: literals, parameters, casts and arithmetic of them (no columns, no subqueries, no functions). */
    private static boolean isValue(SqlNode n) {
        if (n instanceof SqlLiteral || n instanceof SqlDynamicParam || n instanceof SqlDataTypeSpec) {
            return true;
        }
        if (n instanceof SqlNodeList || n instanceof SqlIdentifier || !(n instanceof SqlBasicCall call)) {
            return false;
        }
        switch (call.getKind()) {
            case CAST: case MINUS_PREFIX: case PLUS_PREFIX: case PLUS: case MINUS: case TIMES: case DIVIDE:
                break;
            default:
                if (!call.getOperator().getName().equals("::")) {
                    return false;
                }
        }
        for (SqlNode o : call.getOperandList()) {
            if (o != null && !isValue(o)) {
                return false;
            }
        }
        return true;
    }

    /** The value analyzed and coerced (implicitly, as the comparison would) to the column's type; PgException if it does not coerce. */
    private static Typed coerced(Input in, SqlNode value, RelationDescriptor.Column col) {
        PgType t = PgTypes.byOid(col.typeOid());
        Typed v = in.analyze.apply(value);
        if (v.type != t) {
            v = Casts.coerce(v, t, -1, Casts.Context.IMPLICIT);
        }
        return v;
    }

    // ------------------------------------------------------------------ paths and costs

    /**
     * The index scan on {@code idx} with the usable conditions (none may be usable when
     * {@code forOrder}), or null when the index cannot serve.
     */
    private static IndexScanNode path(Input in, RelationDescriptor.Index idx, List<Cond> conds, Costs costs, boolean forOrder,
                                      boolean backward) {
        List<Cond> used = new ArrayList<>();
        List<Cond> boundary = new ArrayList<>();
        boolean boundaryOpen = true;
        boolean allEq = true;
        for (int col = 0; col < idx.attnums().size(); col++) {
            int attnum = idx.attnums().get(col);
            boolean eqHere = false;
            boolean any = false;
            for (Cond c : conds) {
                if (c.attnum == attnum) {
                    used.add(c);
                    any = true;
                    eqHere |= c.op == ScanKey.Op.EQ;
                    if (boundaryOpen) {
                        boundary.add(c);
                    }
                }
            }
            if (col == 0 && !any && !forOrder) {
                return null;
            }
            allEq &= eqHere;
            boundaryOpen &= eqHere;
        }
        // the index conditions in index column order, as EXPLAIN prints them
        List<IndexScanNode.IndexCond> keys = new ArrayList<>();
        List<Qual> condQuals = new ArrayList<>();
        List<SqlNode> usedConjuncts = new ArrayList<>();
        for (Cond c : used) {
            keys.add(new IndexScanNode.IndexCond(idx.attnums().indexOf(c.attnum), c.op, c.value.eval, PgTypes.byOid(
                    in.rel.columns().get(c.attnum - 1).typeOid()).oid()));
            condQuals.add(new Qual(c.qual.eval(), c.text));
            if (!usedConjuncts.contains(c.conjunct)) {
                usedConjuncts.add(c.conjunct);
            }
        }
        List<Qual> rest = new ArrayList<>();
        List<SqlNode> restNodes = new ArrayList<>();
        for (int i = 0; i < in.conjuncts.size(); i++) {
            if (!usedConjuncts.contains(in.conjuncts.get(i))) {
                rest.add(in.quals.get(i));
                restNodes.add(in.conjuncts.get(i));
            }
        }
        Qual indexQual = condQuals.isEmpty() ? null : Qual.all(condQuals);
        IndexScanNode n = new IndexScanNode(in.rel, idx, in.refname, in.decode, in.wantCtid, backward, keys, indexQual,
                Qual.all(rest));
        cost(n, in, idx, used, boundary, allEq && !used.isEmpty(), restNodes, costs);
        return n;
    }

    private static void cost(IndexScanNode n, Input in, RelationDescriptor.Index idx, List<Cond> used, List<Cond> boundary,
                             boolean allColumnsEqual, List<SqlNode> rest, Costs c) {
        double pages = Estimates.pages(in.db, in.rel);
        double tuples = Estimates.tuples(in.db, in.rel);
        double indexPages = Math.max(1, in.db.btree().nblocks(TableIndexes.relation(in.rel, idx)));
        int height = treeHeight(indexPages);
        double indexSel = selectivity(in, used, tuples);
        double numIndexTuples;
        if (idx.unique() && allColumnsEqual && boundary.size() >= idx.attnums().size()) {
            numIndexTuples = 1.0;
        } else {
            numIndexTuples = Math.rint(selectivity(in, boundary, tuples) * tuples);
        }
        if (numIndexTuples > tuples) {
            numIndexTuples = tuples;
        }
        if (numIndexTuples < 1.0) {
            numIndexTuples = 1.0;
        }
        double numIndexPages = indexPages > 1 && tuples > 1 ? Math.ceil(numIndexTuples * indexPages / tuples) : 1.0;
        double indexTotal = numIndexPages * c.randomPage;
        double qualOpCost = c.cpuOperator * used.size();
        indexTotal += numIndexTuples * (c.cpuIndexTuple + qualOpCost);
        double indexStartup = 0;
        if (tuples > 1) {
            double descent = Math.ceil(Math.log(tuples) / Math.log(2.0)) * c.cpuOperator;
            indexStartup += descent;
            indexTotal += descent;
        }
        double descent = (height + 1) * 50.0 * c.cpuOperator;
        indexStartup += descent;
        indexTotal += descent;

        double tuplesFetched = clampRows(indexSel * tuples);
        double totalPages = pages + indexPages;
        double maxPages = pagesFetched(tuplesFetched, pages, totalPages, c);
        double maxIo = maxPages * c.randomPage;
        double run = indexTotal - indexStartup + maxIo;
        double restOps = Estimates.operators(rest);
        run += (c.cpuTuple + restOps * c.cpuOperator) * tuplesFetched;
        double startup = indexStartup + (c.enableIndexScan ? 0 : DISABLE_COST);
        n.startupCost = startup;
        n.totalCost = startup + run;
        n.rows = rows(in);
        n.width = Estimates.width(in.rel, in.used);
    }

    /** Selectivity of the conjuncts that are no index-style condition (PostgreSQL's defaults). */
    private static double restSelectivity(Input in, List<SqlNode> rest) {
        List<Cond> conds = conditions(in);
        List<SqlNode> plain = new ArrayList<>();
        for (SqlNode r : rest) {
            boolean isCond = false;
            for (Cond c : conds) {
                isCond |= c.conjunct == r;
            }
            if (!isCond) {
                plain.add(r);
            }
        }
        return Estimates.selectivity(plain);
    }

    /**
     * clauselist_selectivity of index-style conditions without statistics: per column, the
     * equalities (0.005 each, 1/tuples on a column with its own unique index), and the
     * inequalities: 1/3 for one side, 0.005 (DEFAULT_RANGE_INEQ_SEL) for a pair of sides.
     */
    static double selectivity(Input in, List<Cond> conds, double tuples) {
        double s = 1;
        Map<Integer, int[]> ranges = new HashMap<>(); // attnum -> {lower bounds, upper bounds}
        for (Cond c : conds) {
            switch (c.op) {
                case EQ -> s *= uniqueColumn(in.rel, c.attnum) ? 1.0 / Math.max(1, tuples) : eqSelectivity(tuples);
                case LT, LE -> ranges.computeIfAbsent(c.attnum, a -> new int[2])[1]++;
                case GT, GE -> ranges.computeIfAbsent(c.attnum, a -> new int[2])[0]++;
            }
        }
        for (int[] r : ranges.values()) {
            if (r[0] > 0 && r[1] > 0) {
                s *= 0.005;
                for (int i = 2; i < r[0] + r[1]; i++) {
                    s *= 1.0 / 3.0;
                }
            } else {
                for (int i = 0; i < r[0] + r[1]; i++) {
                    s *= 1.0 / 3.0;
                }
            }
        }
        return s;
    }

    /** var = const without statistics: 1/ndistinct with ndistinct = tuples below 200, else 200. */
    private static double eqSelectivity(double tuples) {
        return tuples < 200 ? 1.0 / Math.max(1, Math.rint(tuples)) : 0.005;
    }

    private static boolean uniqueColumn(RelationDescriptor rel, int attnum) {
        for (RelationDescriptor.Index i : rel.indexes()) {
            if (i.unique() && i.attnums().size() == 1 && i.attnums().get(0) == attnum) {
                return true;
            }
        }
        return false;
    }

    /** A B-tree's levels above the leaves, from its size (PostgreSQL reads the metapage; ~300 downlinks per page). */
    static int treeHeight(double indexPages) {
        double leaves = Math.max(1, indexPages - 1);
        int h = 0;
        while (leaves > 1) {
            leaves = Math.ceil(leaves / 300.0);
            h++;
        }
        return h;
    }

    /** index_pages_fetched: Mackert and Lohman's estimate of heap pages read for {@code tuples} fetches. */
    private static double pagesFetched(double tuples, double pages, double totalPages, Costs c) {
        double t = Math.max(pages, 1);
        double total = Math.max(totalPages, 1);
        double b = c.effectiveCacheSize * t / total;
        b = b <= 1 ? 1 : Math.ceil(b);
        double fetched;
        if (t <= b) {
            fetched = (2.0 * t * tuples) / (2.0 * t + tuples);
            fetched = fetched >= t ? t : Math.ceil(fetched);
        } else {
            double lim = (2.0 * t * b) / (2.0 * t - b);
            if (tuples <= lim) {
                fetched = (2.0 * t * tuples) / (2.0 * t + tuples);
            } else {
                fetched = b + (tuples - lim) * (t - b) / t;
            }
            fetched = Math.ceil(fetched);
        }
        return fetched;
    }

    private static double clampRows(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
    }
}
