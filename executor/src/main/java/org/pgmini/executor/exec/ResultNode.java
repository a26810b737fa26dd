package org.pgmini.executor.exec;

import java.util.List;

/** Result: one empty input row (a SELECT without FROM), optionally filtered once (One-Time Filter). */
public final class ResultNode extends PlanNode {
    private final Qual qual;

    public ResultNode(Qual qual) {
        this.qual = qual;
        estimate(this, 0, 0.01, 1, 0);
    }

    @Override
    public String explainName() {
        return "Result";
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (qual != null) {
            out.add("One-Time Filter: " + qual.text());
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Object[] row = new Object[0];
        s.eval.row = row;
        boolean pass = passes(qual == null ? null : qual.eval(), s);
        boolean[] done = {!pass};
        return () -> {
            if (done[0]) {
                return null;
            }
            done[0] = true;
            return new Object[0];
        };
    }
}
