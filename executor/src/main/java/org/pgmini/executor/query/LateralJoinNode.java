package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.JoinType;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;

/**
 * Nested Loop over a LATERAL right side: for each left row the right side is opened again with
 * the left row current (a generate_series whose arguments use left columns reads them when it
 * opens) and, for a LATERAL subquery, its outer values bound from the left row first
 * ({@link Correlation}). Inner (and cross) or LEFT joins; output rows are the left slots then the
 * right slots (null-extended for LEFT). The left input is pulled, so the right side never runs
 * inside a scan's page visitor.
 */
final class LateralJoinNode extends PlanNode {
    private final JoinType type;
    private final PlanNode left;
    private final PlanNode right;
    private final int leftWidth;
    private final int rightWidth;
    private final Correlation correlation;
    private final Qual joinQual;
    private final Qual postQual;

    LateralJoinNode(JoinType type, PlanNode left, PlanNode right, int leftWidth, int rightWidth, Correlation correlation,
                    Qual joinQual, Qual postQual, double rows) {
        this.type = type;
        this.left = left;
        this.right = right;
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
        this.correlation = correlation;
        this.joinQual = joinQual;
        this.postQual = postQual;
        estimate(this, left.startupCost + right.startupCost, left.totalCost + left.rows * right.totalCost, rows,
                left.width + right.width);
    }

    @Override
    public String explainName() {
        return type == JoinType.LEFT ? "Nested Loop Left Join" : "Nested Loop";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(left, right);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (joinQual != null) {
            out.add("Join Filter: " + joinQual.text());
        }
        if (postQual != null) {
            out.add("Filter: " + postQual.text());
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor outer = s.open(left);
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            Object[] leftRow;
            Cursor inner;
            boolean matched;

            @Override
            public Object[] next() {
                while (true) {
                    if (inner == null) {
                        leftRow = outer.next();
                        if (leftRow == null) {
                            return null;
                        }
                        s.eval.row = leftRow;
                        if (correlation != null) {
                            correlation.bind(s.eval);
                        }
                        s.eval.row = leftRow;
                        inner = s.open(right);
                        matched = false;
                    }
                    Object[] r = inner.next();
                    if (r == null) {
                        inner.close();
                        inner = null;
                        if (type == JoinType.LEFT && !matched) {
                            Object[] row = combine(leftRow, null);
                            if (filter(row, postQual, s, ins)) {
                                return row;
                            }
                        }
                        continue;
                    }
                    Object[] row = combine(leftRow, r);
                    s.eval.row = row;
                    if (joinQual != null && !Boolean.TRUE.equals(joinQual.eval().eval(s.eval))) {
                        continue;
                    }
                    matched = true;
                    if (filter(row, postQual, s, ins)) {
                        return row;
                    }
                }
            }

            @Override
            public void close() {
                if (inner != null) {
                    inner.close();
                }
                outer.close();
            }
        };
    }

    private Object[] combine(Object[] l, Object[] r) {
        Object[] row = new Object[leftWidth + rightWidth];
        System.arraycopy(l, 0, row, 0, Math.min(l.length, leftWidth));
        if (r != null) {
            System.arraycopy(r, 0, row, leftWidth, Math.min(r.length, rightWidth));
        }
        return row;
    }
}
