package org.pgmini.executor.exec;

import java.util.List;

/**
 * Append: the rows of each child in turn (UNION ALL, and the input of UNION / INTERSECT /
 * EXCEPT). Every child produces rows of the same layout; the node does not copy or change them.
 */
public final class AppendNode extends PlanNode {
    private final List<PlanNode> inputs;

    public AppendNode(List<PlanNode> inputs) {
        this.inputs = List.copyOf(inputs);
        double startup = inputs.isEmpty() ? 0 : inputs.get(0).startupCost;
        double total = 0;
        double rows = 0;
        int width = 0;
        for (PlanNode c : inputs) {
            total += c.totalCost;
            rows += c.rows;
            width = Math.max(width, c.width);
        }
        estimate(this, startup, total, rows, width);
    }

    @Override
    public String explainName() {
        return "Append";
    }

    @Override
    public List<PlanNode> children() {
        return inputs;
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        return new Cursor() {
            int next;
            Cursor current;

            @Override
            public Object[] next() {
                while (true) {
                    if (current == null) {
                        if (next >= inputs.size()) {
                            return null;
                        }
                        current = s.open(inputs.get(next++));
                    }
                    Object[] r = current.next();
                    if (r != null) {
                        return r;
                    }
                    current.close();
                    current = null;
                }
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }
        };
    }

    @Override
    protected void pushRows(ExecState s, RowSink sink) {
        for (PlanNode c : inputs) {
            s.push(c, sink);
        }
    }
}
