package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Nested Loop: every outer row against every row of the inner input (read once per execution and
 * kept, usually below a {@link MaterializeNode}). INNER and LEFT (keeps unmatched outer rows)
 * only; a RIGHT join is planned as a LEFT one with the inputs swapped ({@code swapped}: the
 * output still has the SQL left input's slots first). {@code joinQual} is the join condition
 * (Join Filter), {@code qual} the conditions after the join (Filter).
 */
public final class NestedLoopNode extends PlanNode {
    private final JoinType type;
    private final PlanNode outer;
    private final PlanNode inner;
    private final int outerWidth;
    private final int innerWidth;
    private final boolean swapped;
    private final Qual joinQual;
    private final Qual qual;

    public NestedLoopNode(JoinType type, PlanNode outer, PlanNode inner, int outerWidth, int innerWidth,
                          boolean swapped, Qual joinQual, Qual qual, double rows) {
        if (type != JoinType.INNER && type != JoinType.LEFT) {
            throw new IllegalArgumentException("nested loop joins are INNER or LEFT");
        }
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        this.swapped = swapped;
        this.joinQual = joinQual;
        this.qual = qual;
        estimate(this, outer.startupCost + inner.startupCost,
                outer.totalCost + inner.totalCost + outer.rows * inner.rows * 0.01, rows, outer.width + inner.width);
    }

    @Override
    public String explainName() {
        return "Nested Loop" + (type == JoinType.INNER ? "" : type.label + " Join");
    }

    @Override
    public List<PlanNode> children() {
        return List.of(outer, inner);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        Qual.explainJoinFilters(out, ins, joinQual, qual);
    }

    private Object[] combine(Object[] o, Object[] i) {
        return swapped ? JoinRows.concat(i, innerWidth, o, outerWidth) : JoinRows.concat(o, outerWidth, i, innerWidth);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Instrumentation ins = s.instrumentation(this);
        List<Object[]> innerRows = new ArrayList<>();
        s.push(inner, r -> innerRows.add(r.clone()));
        Cursor outerCursor = s.open(outer);
        return new Cursor() {
            Object[] outerRow;
            int next;
            boolean matched;

            @Override
            public Object[] next() {
                while (true) {
                    if (outerRow == null) {
                        outerRow = outerCursor.next();
                        if (outerRow == null) {
                            return null;
                        }
                        next = 0;
                        matched = false;
                        s.session.checkForInterrupts();
                    }
                    while (next < innerRows.size()) {
                        Object[] out = combine(outerRow, innerRows.get(next++));
                        s.eval.row = out;
                        if (joinQual != null && !passes(joinQual.eval(), s)) {
                            if (ins != null) {
                                ins.removedByJoinFilter++;
                            }
                            continue;
                        }
                        matched = true;
                        if (emit(out)) {
                            return out;
                        }
                    }
                    Object[] current = outerRow;
                    outerRow = null;
                    if (!matched && type == JoinType.LEFT) {
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
