package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;

/** Materialize: reads its child once and hands the rows out again on each rescan (the inner side of a nested loop). */
public final class MaterializeNode extends PlanNode {
    private final PlanNode child;

    public MaterializeNode(PlanNode child) {
        this.child = child;
        estimate(this, child.startupCost, child.totalCost + child.rows * 0.0025 * 2, child.rows, child.width);
    }

    @Override
    public String explainName() {
        return "Materialize";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    /** Reads the child's rows into memory (copies: pushed rows are reused by the producer). */
    List<Object[]> load(ExecState s) {
        List<Object[]> rows = new ArrayList<>();
        s.push(child, r -> rows.add(r.clone()));
        return rows;
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        if (child instanceof SortNode sort && sort.randomAccess()) {
            // sort helper: above a Merge Join's random-access inner Sort (expected to spill) the
            // rows are already rereadable on the sort's result tape: pass them through and
            // delegate mark/restore instead of holding them all in memory
            Cursor c = s.open(child);
            if (c instanceof MarkableCursor m) {
                return m;
            }
            c.close();
        }
        List<Object[]> rows = load(s);
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                return i < rows.size() ? rows.get(i++) : null;
            }
        };
    }
}
