package org.pgmini.executor.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.pgmini.executor.expr.Eval;

/**
 * Hash Join: builds a hash table on the inner input's join keys (through a {@link HashNode}),
 * then probes it with each outer row. Keys on both sides have the same type family (the planner
 * only hashes such equalities); values are normalized so that equal SQL values are equal Java
 * keys (integers as Long, floats as Double with -0 = 0, numerics without trailing zeros).
 * NULL keys never match. {@code joinQual} is the rest of the join condition (Join Filter),
 * {@code qual} the WHERE conditions checked after the join (Filter). Output: outer slots, then
 * inner slots; unmatched rows of the kept side are null-extended. The hash table lives in
 * memory (no batching to disk yet).
 */
public final class HashJoinNode extends PlanNode {
    private final JoinType type;
    private final PlanNode outer;
    private final HashNode hash;
    private final Eval[] outerKeys;
    private final Eval[] innerKeys;
    private final String hashCond;
    private final Qual joinQual;
    private final Qual qual;
    private final int outerWidth;
    private final int innerWidth;
    /** The outer input is the query's right side: output rows still put the left side's slots first. */
    private final boolean swapped;

    public HashJoinNode(JoinType type, PlanNode outer, PlanNode inner, int outerWidth, int innerWidth,
                        Eval[] outerKeys, Eval[] innerKeys, String hashCond, Qual joinQual, Qual qual, double rows) {
        this(type, outer, inner, outerWidth, innerWidth, false, outerKeys, innerKeys, hashCond, joinQual, qual, rows);
    }

    /**
     * @param swapped the outer (probing) input is the query's right-hand side, so rows are
     *                built as inner slots then outer slots; {@code joinQual}/{@code qual} are
     *                compiled against that left-then-right layout
     */
    public HashJoinNode(JoinType type, PlanNode outer, PlanNode inner, int outerWidth, int innerWidth, boolean swapped,
                        Eval[] outerKeys, Eval[] innerKeys, String hashCond, Qual joinQual, Qual qual, double rows) {
        this.swapped = swapped;
        this.type = type;
        this.outer = outer;
        this.hash = new HashNode(inner);
        this.outerKeys = outerKeys;
        this.innerKeys = innerKeys;
        this.hashCond = hashCond;
        this.joinQual = joinQual;
        this.qual = qual;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        double startup = inner.totalCost + inner.rows * 0.0125;
        estimate(this, startup, startup + outer.totalCost + outer.rows * 0.0125 + rows * 0.01, rows, outer.width + inner.width);
    }

    @Override
    public String explainName() {
        return "Hash" + type.label + " Join";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(outer, hash);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        out.add("Hash Cond: " + hashCond);
        Qual.explainJoinFilters(out, ins, joinQual, qual);
    }

    private Object[] combine(Object[] outerRow, Object[] innerRow) {
        return swapped ? JoinRows.concat(innerRow, innerWidth, outerRow, outerWidth)
                : JoinRows.concat(outerRow, outerWidth, innerRow, innerWidth);
    }

    /** An inner row in the table, with the flag RIGHT/FULL joins need. */
    private static final class Entry {
        final Object[] row;
        boolean matched;

        Entry(Object[] row) {
            this.row = row;
        }
    }

    /** The hash key of a row (null when a key column is NULL: such rows match nothing). */
    static Object key(Eval[] keys, ExecState s, Object[] row) {
        s.eval.row = row;
        if (keys.length == 1) {
            return normalize(keys[0].eval(s.eval));
        }
        Object[] k = new Object[keys.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = normalize(keys[i].eval(s.eval));
            if (k[i] == null) {
                return null;
            }
        }
        return Arrays.asList(k);
    }

    /** Equal SQL values of one hash family map to equal Java keys (for IN (subquery) sets too). */
    public static Object normalizeKey(Object v) {
        return normalize(v);
    }

    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof Double) {
            double d = ((Number) v).doubleValue();
            return d == 0.0 ? 0.0 : d;
        }
        if (v instanceof BigDecimal b) {
            return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        }
        if (v instanceof Object[] array) {
            // an array value: equal arrays must be equal keys (Object[] compares by identity)
            Object[] n = new Object[array.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = normalize(array[i]);
            }
            return Arrays.asList(n);
        }
        return v;
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Instrumentation ins = s.instrumentation(this);
        Map<Object, List<Entry>> table = new HashMap<>();
        List<Entry> nullKeyed = type.keepsInner() ? new ArrayList<>() : null;
        long[] count = {0};
        s.push(hash, r -> {
            Object[] row = r.clone();
            Object k = key(innerKeys, s, row);
            count[0]++;
            if (k == null) {
                if (nullKeyed != null) {
                    nullKeyed.add(new Entry(row));
                }
                return;
            }
            table.computeIfAbsent(k, x -> new ArrayList<>(2)).add(new Entry(row));
        });
        Instrumentation hashIns = s.instrumentation(hash);
        if (hashIns != null) {
            long buckets = 1024;
            while (buckets < count[0]) {
                buckets <<= 1;
            }
            hashIns.extraLines.clear();
            hashIns.extraLines.add("Buckets: " + buckets + "  Batches: 1  Memory Usage: "
                    + Math.max(1, (count[0] * (hash.width + 64) + 1023) / 1024) + "kB");
        }
        Cursor outerCursor = s.open(outer);
        return new Cursor() {
            Object[] outerRow;
            List<Entry> candidates;
            int next;
            boolean outerMatched;
            Iterator<Entry> unmatched;

            @Override
            public Object[] next() {
                while (true) {
                    if (unmatched != null) {
                        while (unmatched.hasNext()) {
                            Entry e = unmatched.next();
                            if (!e.matched) {
                                Object[] out = combine(null, e.row);
                                if (emit(out)) {
                                    return out;
                                }
                            }
                        }
                        return null;
                    }
                    if (outerRow == null) {
                        outerRow = outerCursor.next();
                        if (outerRow == null) {
                            if (!type.keepsInner()) {
                                return null;
                            }
                            List<Entry> all = new ArrayList<>(nullKeyed);
                            for (List<Entry> l : table.values()) {
                                all.addAll(l);
                            }
                            unmatched = all.iterator();
                            continue;
                        }
                        Object k = key(outerKeys, s, outerRow);
                        candidates = k == null ? null : table.get(k);
                        next = 0;
                        outerMatched = false;
                    }
                    while (candidates != null && next < candidates.size()) {
                        Entry e = candidates.get(next++);
                        Object[] out = combine(outerRow, e.row);
                        s.eval.row = out;
                        if (joinQual != null && !passes(joinQual.eval(), s)) {
                            if (ins != null) {
                                ins.removedByJoinFilter++;
                            }
                            continue;
                        }
                        outerMatched = true;
                        e.matched = true;
                        if (emit(out)) {
                            return out;
                        }
                    }
                    Object[] current = outerRow;
                    outerRow = null;
                    if (!outerMatched && type.keepsOuter()) {
                        Object[] out = combine(current, null);
                        if (emit(out)) {
                            return out;
                        }
                    }
                }
            }

            private boolean emit(Object[] out) {
                return filter(out, qual, s, ins);
            }

            @Override
            public void close() {
                outerCursor.close();
            }
        };
    }
}
