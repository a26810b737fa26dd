package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;
import org.pgmini.executor.expr.Eval;

/** Values Scan: the rows of a VALUES list in FROM, each cell evaluated per execution (they may use parameters). */
final class ValuesScanNode extends PlanNode {
    private final Eval[][] cells;
    private final Qual qual;

    ValuesScanNode(Eval[][] cells, Qual qual) {
        this.cells = cells;
        this.qual = qual;
        estimate(this, 0, cells.length * 0.0125, cells.length, 4 * (cells.length == 0 ? 0 : cells[0].length));
    }

    @Override
    public String explainName() {
        return "Values Scan on \"*VALUES*\"";
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (qual != null) {
            out.add("Filter: " + qual.text());
            if (ins != null && ins.removedByFilter > 0) {
                out.add("Rows Removed by Filter: " + ins.removedByFilter);
            }
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                while (i < cells.length) {
                    Eval[] r = cells[i++];
                    Object[] row = new Object[r.length];
                    for (int k = 0; k < row.length; k++) {
                        row[k] = r[k].eval(s.eval);
                    }
                    s.eval.row = row;
                    if (qual == null || Boolean.TRUE.equals(qual.eval().eval(s.eval))) {
                        return row;
                    }
                    if (ins != null) {
                        ins.removedByFilter++;
                    }
                }
                return null;
            }
        };
    }
}
