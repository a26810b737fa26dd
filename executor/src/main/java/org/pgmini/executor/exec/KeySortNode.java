package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.sort.RowOrdering;
import org.pgmini.executor.sort.SortColumn;
import org.pgmini.executor.sort.SortKeyType;

/**
 * Sort by key expressions evaluated over the input row (rather than by columns of it), in
 * memory and stable: the Sort PostgreSQL puts below a WindowAgg (PARTITION BY keys ascending,
 * then the window's ORDER BY). EXPLAIN prints it like any Sort.
 */
public final class KeySortNode extends PlanNode {
    private final PlanNode child;
    private final Eval[] keys;
    private final RowOrdering ordering;
    private final List<String> keyTexts;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    public KeySortNode(PlanNode child, Eval[] keys, SortKeyType[] types, boolean[] descending, boolean[] nullsFirst,
                       List<String> keyTexts) {
        this.child = child;
        this.keys = keys;
        this.keyTexts = List.copyOf(keyTexts);
        this.descending = descending;
        this.nullsFirst = nullsFirst;
        List<SortColumn> cols = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            cols.add(new SortColumn(i, types[i], descending[i], nullsFirst[i], false));
        }
        this.ordering = new RowOrdering(cols);
        double n = Math.max(child.rows, 2);
        double cost = 2.0 * 0.0025 * n * (Math.log(n) / Math.log(2));
        estimate(this, child.totalCost + cost, child.totalCost + cost + 0.0025 * n, child.rows, child.width);
    }

    @Override
    public String explainName() {
        return "Sort";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        SortKeyLine line = new SortKeyLine();
        for (int i = 0; i < keyTexts.size(); i++) {
            line.key(keyTexts.get(i), descending[i], nullsFirst[i]);
        }
        out.add(line.toString());
        if (ins != null) {
            out.addAll(ins.extraLines);
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> keyRows = new ArrayList<>();
        s.push(child, r -> {
            Object[] row = r.clone();
            s.eval.row = row;
            Object[] k = new Object[keys.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = keys[i].eval(s.eval);
            }
            rows.add(row);
            keyRows.add(k);
        });
        Integer[] ord = new Integer[rows.size()];
        for (int i = 0; i < ord.length; i++) {
            ord[i] = i;
        }
        Arrays.sort(ord, (a, b) -> ordering.compare(keyRows.get(a), keyRows.get(b)));
        Instrumentation ins = s.instrumentation(this);
        if (ins != null) {
            ins.extraLines.clear();
            ins.extraLines.add("Sort Method: quicksort  Memory: " + Math.max(25, (rows.size() * 64L + 1023) / 1024) + "kB");
        }
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                return i < ord.length ? rows.get(ord[i++]) : null;
            }
        };
    }
}
