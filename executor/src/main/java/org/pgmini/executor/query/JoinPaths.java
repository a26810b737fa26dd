package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.HashJoinNode;
import org.pgmini.executor.exec.JoinType;
import org.pgmini.executor.exec.MergeJoinNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectNode;
import org.pgmini.executor.exec.Qual;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The join method, chosen by PostgreSQL 15's costs (costsize.c cost_nestloop,
 * initial/final_cost_hashjoin, initial/final_cost_mergejoin, without statistics) among Nested
 * Loop (inner input materialized), Hash Join (either input hashed) and Merge Join (both inputs
 * sorted on the join keys, either as outer), with enable_nestloop / enable_hashjoin /
 * enable_mergejoin off adding disable_cost as PostgreSQL does. Costs computed here are also
 * what EXPLAIN prints for the chosen join.
 *
 * <p>Without statistics PostgreSQL assumes a hash bucket holds a tenth of the inner rows (its
 * estimate_hash_bucket_stats default), which makes hashing costly for larger inputs: merge
 * joins of two unfiltered tables are PostgreSQL's usual plan then, and so they are here.
 * Simplifications (stated where they matter): every join clause selects 0.5% (default
 * eqjoinsel), the inner input's statistics are always the default ones, and mergejoinscansel
 * reads whole inputs.
 */
final class JoinPaths {
    private JoinPaths() {}

    static final double CPU_TUPLE_COST = 0.01;
    static final double CPU_OPERATOR_COST = 0.0025;

    /** One merge-joinable equality: each side's key (over its own input row) and how both compare. */
    record MergeKey(Eval left, Eval right, PgType compareType, String leftText, String rightText,
                    String leftSortText, String rightSortText) {}

    /** Startup and total cost. */
    record Cost(double startup, double total) {
        double withPenalty(boolean enabled) {
            return total + (enabled ? 0 : SortCosts.DISABLE_COST);
        }
    }

    /** Settings the choice reads. */
    record Methods(boolean nestLoop, boolean hashJoin, boolean mergeJoin, boolean material, long workMemKB) {
        static Methods of(SessionContext session) {
            return new Methods(on(session, "enable_nestloop"), on(session, "enable_hashjoin"),
                    on(session, "enable_mergejoin"), on(session, "enable_material"), SortPaths.workMemKB(session));
        }

        private static boolean on(SessionContext session, String name) {
            if (session == null) {
                return true;
            }
            try {
                return !"off".equals(session.settings().currentSetting(name, true));
            } catch (RuntimeException e) {
                return true;
            }
        }
    }

    /** approx_tuple_count without statistics: each join clause keeps 0.5% of the pairs. */
    static double joinTuples(PlanNode outer, PlanNode inner, int clauses) {
        return clampRows(outer.rows * inner.rows * Math.pow(0.005, clauses));
    }

    static double clampRows(double r) {
        return r <= 1 ? 1 : Math.rint(r);
    }

    // ------------------------------------------------------------------ nested loop

    /**
     * cost_nestloop with a rescannable inner input (Materialize, or a function scan): the outer
     * input, the inner's first scan, cpu_operator_cost per inner row for each rescan, and
     * cpu_tuple_cost plus the join quals' operators for every pair.
     */
    static Cost nestLoop(PlanNode outer, PlanNode inner, double qualOperators) {
        double startup = outer.startupCost + inner.startupCost;
        double run = outer.totalCost - outer.startupCost;
        run += inner.totalCost - inner.startupCost;
        double outerRows = Math.max(outer.rows, 1);
        if (outerRows > 1) {
            run += (outerRows - 1) * (CPU_OPERATOR_COST * inner.rows);
        }
        double ntuples = outerRows * inner.rows;
        run += (CPU_TUPLE_COST + qualOperators * CPU_OPERATOR_COST) * ntuples;
        return new Cost(startup, startup + run);
    }

    // ------------------------------------------------------------------ hash join

    /**
     * cost_hashjoin: reading both inputs, hashing every row (a cpu_operator_cost per clause, a
     * cpu_tuple_cost per inner row inserted), batches' page traffic when the inner rows exceed
     * hash memory, probing a bucket of a tenth of the inner rows for half of its entries per
     * outer row, and cpu_tuple_cost plus the other quals per matching pair.
     */
    static Cost hashJoin(PlanNode outer, PlanNode inner, int clauses, double otherQualOperators, SessionContext session) {
        double outerRows = outer.rows;
        double innerRows = inner.rows;
        double startup = 0;
        double run = 0;
        startup += outer.startupCost;
        run += outer.totalCost - outer.startupCost;
        startup += inner.totalCost;
        startup += (CPU_OPERATOR_COST * clauses + CPU_TUPLE_COST) * innerRows;
        run += CPU_OPERATOR_COST * clauses * outerRows;
        long hashMem = GroupingPaths.Settings.of(session).hashMemBytes();
        int batches = hashBatches(innerRows, inner.width, hashMem);
        if (batches > 1) {
            double outerPages = pageSize(outerRows, outer.width);
            double innerPages = pageSize(innerRows, inner.width);
            startup += innerPages;
            run += innerPages + 2 * outerPages;
        }
        double bucketSize = 0.1;
        run += CPU_OPERATOR_COST * clauses * outerRows * clampRows(innerRows * bucketSize) * 0.5;
        double tuples = joinTuples(outer, inner, clauses);
        run += (CPU_TUPLE_COST + otherQualOperators * CPU_OPERATOR_COST) * tuples;
        return new Cost(startup, startup + run);
    }

    private static double pageSize(double rows, int width) {
        return Math.ceil(SortCosts.relationBytes(rows, width) / 8192.0);
    }

    /** ExecChooseHashTableSize's batch count (skew buckets taking their 2% first). */
    static int hashBatches(double rows, int width, long hashMem) {
        double tupsize = 16 + 16 + ((width + 7) & ~7);
        double innerBytes = rows * tupsize;
        double tableBytes = hashMem;
        double bytesPerMcv = tupsize + 8 * 8 + 4 + 8;
        long skewMcvs = (long) ((long) (tableBytes / bytesPerMcv) * 2 / 100);
        if (skewMcvs > 0) {
            tableBytes -= skewMcvs * bytesPerMcv;
        }
        long maxPointers = (long) (tableBytes / 8);
        long pow2 = Long.highestOneBit(Math.max(1, maxPointers));
        if (pow2 != maxPointers) {
            maxPointers = pow2;
        }
        double buckets = Math.min(Math.ceil(rows), maxPointers);
        long nbuckets = Math.max(1024, (long) buckets);
        nbuckets = Long.highestOneBit(nbuckets - 1) << 1;
        if (innerBytes + nbuckets * 8.0 <= tableBytes) {
            return 1;
        }
        double bucketSize = tupsize + 8;
        long lbuckets = Long.highestOneBit(Math.max(1, (long) (tableBytes / bucketSize)));
        lbuckets = Math.min(lbuckets, maxPointers);
        double bucketBytes = lbuckets * 8.0;
        double dbatch = Math.ceil(innerBytes / (tableBytes - bucketBytes));
        int minBatch = (int) Math.max(2, Math.min(dbatch, 1 << 30));
        return Integer.highestOneBit(minBatch - 1) << 1;
    }

    // ------------------------------------------------------------------ merge join

    /** A merge join plan and its cost (without the disable penalty). */
    record Merge(MergeJoinNode node, Cost cost) {}

    /**
     * Merge Join with {@code outerIsLeft ? left : right} as the outer input: each input
     * projected to [its slots..., normalized keys...] and sorted by the keys (the inner sort
     * random-access, under a Materialize when it is expected to spill, as PostgreSQL does).
     *
     * @param type           the join type relative to the query (LEFT keeps the left side)
     * @param otherQual      join conditions besides the merge clauses (must be null for RIGHT/FULL)
     * @param otherOperators their operators plus the WHERE conditions' at this join
     */
    static Merge mergeJoin(SessionContext session, JoinType type, boolean outerIsLeft, PlanNode left, PlanNode right,
                           int leftWidth, int rightWidth, List<PgType> leftTypes, List<PgType> rightTypes,
                           List<MergeKey> keys, Qual otherQual, Qual postQual, double otherOperators, double rows) {
        Methods m = Methods.of(session);
        PlanNode outer = outerIsLeft ? left : right;
        PlanNode inner = outerIsLeft ? right : left;
        int outerWidth = outerIsLeft ? leftWidth : rightWidth;
        int innerWidth = outerIsLeft ? rightWidth : leftWidth;
        List<PgType> compareTypes = new ArrayList<>();
        List<Eval> outerKeys = new ArrayList<>();
        List<Eval> innerKeys = new ArrayList<>();
        List<String> outerSort = new ArrayList<>();
        List<String> innerSort = new ArrayList<>();
        List<String> conds = new ArrayList<>();
        for (MergeKey k : keys) {
            compareTypes.add(k.compareType());
            outerKeys.add(outerIsLeft ? k.left() : k.right());
            innerKeys.add(outerIsLeft ? k.right() : k.left());
            outerSort.add(outerIsLeft ? k.leftSortText() : k.rightSortText());
            innerSort.add(outerIsLeft ? k.rightSortText() : k.leftSortText());
            conds.add("(" + (outerIsLeft ? k.leftText() + " = " + k.rightText() : k.rightText() + " = " + k.leftText()) + ")");
        }
        boolean sortOn = GroupingPaths.Settings.of(session).sort();
        SortNode outerSorted = keyedSort(outer, outerWidth, outerIsLeft ? leftTypes : rightTypes, outerKeys, compareTypes,
                outerSort, m.workMemKB(), sortOn);
        SortNode innerSorted = keyedSort(inner, innerWidth, outerIsLeft ? rightTypes : leftTypes, innerKeys, compareTypes,
                innerSort, m.workMemKB(), sortOn).withRandomAccess();
        JoinType t = outerIsLeft ? type : mirror(type);
        int clauses = keys.size();

        // initial_cost_mergejoin: whole inputs (no statistics for mergejoinscansel)
        double startup = outerSorted.startupCost + innerSorted.startupCost;
        double run = outerSorted.totalCost - outerSorted.startupCost;
        double innerRun = innerSorted.totalCost - innerSorted.startupCost;
        double outerRows = clampRows(outerSorted.rows);
        double innerRows = clampRows(innerSorted.rows);
        // final_cost_mergejoin: inner rows read again for equal outer keys
        double mergeTuples = joinTuples(outerSorted, innerSorted, clauses);
        double rescanned = Math.max(0, mergeTuples - innerSorted.rows);
        double rescanRatio = 1.0 + rescanned / innerRows;
        double bareInner = innerRun * rescanRatio;
        double matInner = innerRun + CPU_OPERATOR_COST * innerRows * rescanRatio;
        boolean materialize = m.material() && (matInner < bareInner
                || SortCosts.relationBytes(inner.rows, inner.width) > m.workMemKB() * 1024.0);
        run += materialize ? matInner : bareInner;
        run += CPU_OPERATOR_COST * clauses * (outerRows + innerRows * rescanRatio);
        run += (CPU_TUPLE_COST + otherOperators * CPU_OPERATOR_COST) * mergeTuples;

        PlanNode innerInput = innerSorted;
        if (materialize) {
            innerInput = new org.pgmini.executor.exec.MaterializeNode(innerSorted);
            innerInput.startupCost = innerSorted.startupCost;
            innerInput.totalCost = innerSorted.totalCost + CPU_OPERATOR_COST * innerSorted.rows;
        }
        String cond = conds.size() == 1 ? conds.get(0) : "(" + String.join(" AND ", conds) + ")";
        MergeJoinNode node = new MergeJoinNode(t, outerSorted, innerInput, outerWidth, innerWidth, !outerIsLeft,
                compareTypes, cond, otherQual, postQual, rows);
        Cost cost = new Cost(startup, startup + run);
        node.startupCost = cost.startup();
        node.totalCost = cost.total();
        return new Merge(node, cost);
    }

    /** LEFT and RIGHT trade places when the inputs do. */
    static JoinType mirror(JoinType t) {
        return t == JoinType.LEFT ? JoinType.RIGHT : t == JoinType.RIGHT ? JoinType.LEFT : t;
    }

    /** The input projected to [its slots..., keys normalized...] and sorted by the keys. */
    private static SortNode keyedSort(PlanNode input, int width, List<PgType> types, List<Eval> keys, List<PgType> compareTypes,
                                      List<String> texts, long workMemKB, boolean sortOn) {
        Eval[] targets = new Eval[width + keys.size()];
        List<PgType> columnTypes = new ArrayList<>(types);
        while (columnTypes.size() < width) {
            columnTypes.add(PgTypes.VOID);
        }
        for (int i = 0; i < width; i++) {
            int slot = i;
            targets[i] = c -> c.row[slot];
        }
        List<SortNode.Key> sortKeys = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Eval key = keys.get(k);
            String cmp = compareTypes.get(k).name();
            if (cmp.equals("int8") || cmp.equals("float8") || cmp.equals("numeric")) {
                // integers of any width as int8, float4 as float8, numerics without trailing zeros
                targets[width + k] = c -> HashJoinNode.normalizeKey(key.eval(c));
            } else {
                targets[width + k] = key; // one type on both sides: its own values and order
            }
            columnTypes.add(compareTypes.get(k));
            sortKeys.add(new SortNode.Key(width + k, compareTypes.get(k), false, false, texts.get(k)));
        }
        ProjectNode projected = new ProjectNode(input, targets);
        SortNode sort = new SortNode(projected, sortKeys, columnTypes);
        SortCosts.sort(sort, projected, workMemKB, -1, sortOn);
        return sort;
    }
}
