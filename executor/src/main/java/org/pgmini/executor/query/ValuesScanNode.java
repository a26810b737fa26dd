package org.pgmini.executor.query;

import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.FilteringLeafNode;
import org.pgmini.executor.exec.Qual;
import org.pgmini.executor.expr.Eval;

/** Values Scan: the rows of a VALUES list in FROM, each cell evaluated per execution (they may use parameters). */
final class ValuesScanNode extends FilteringLeafNode {
    private final Eval[][] cells;

    ValuesScanNode(Eval[][] cells, Qual qual) {
        super(qual);
        this.cells = cells;
        estimate(this, 0, cells.length * 0.0125, cells.length, 4 * (cells.length == 0 ? 0 : cells[0].length));
    }

    @Override
    public String explainName() {
        return "Values Scan on \"*VALUES*\"";
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
                    if (filter(row, qual, s, ins)) {
                        return row;
                    }
                }
                return null;
            }
        };
    }
}
