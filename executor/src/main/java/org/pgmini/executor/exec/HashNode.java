package org.pgmini.executor.exec;

import java.util.List;

/** Hash: the inner side of a hash join, shown as its own node; the join builds the table from the rows pushed through it. */
public final class HashNode extends PlanNode {
    private final PlanNode child;

    public HashNode(PlanNode child) {
        this.child = child;
        estimate(this, child.totalCost, child.totalCost, child.rows, child.width);
    }

    @Override
    public String explainName() {
        return "Hash";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (ins != null) {
            out.addAll(ins.extraLines);
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        throw new IllegalStateException("a Hash node is only read by its hash join");
    }

    @Override
    protected void pushRows(ExecState s, RowSink sink) {
        s.push(child, sink);
    }
}
