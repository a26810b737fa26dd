package org.pgmini.executor.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.HashJoinNode;
import org.pgmini.executor.exec.PlanNode;

/**
 * Unique for SELECT DISTINCT ON: over input sorted by the DISTINCT ON keys first, returns the
 * first row of each run of rows whose key columns are equal (NULLs equal, numerics by value).
 */
final class DistinctOnNode extends PlanNode {
    private final PlanNode child;
    private final int[] keySlots;

    DistinctOnNode(PlanNode child, int[] keySlots) {
        this.child = child;
        this.keySlots = keySlots;
        estimate(this, child.startupCost, child.totalCost + child.rows * 0.0025, Math.max(1, Math.min(200, child.rows / 10)),
                child.width);
    }

    @Override
    public String explainName() {
        return "Unique";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor in = s.open(child);
        return new Cursor() {
            Object[] last;

            @Override
            public Object[] next() {
                for (Object[] r; (r = in.next()) != null; ) {
                    Object[] key = new Object[keySlots.length];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = HashJoinNode.normalizeKey(r[keySlots[i]]);
                    }
                    if (last == null || !Arrays.equals(last, key, (a, b) -> Objects.equals(a, b) ? 0 : 1)) {
                        last = key;
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
