package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HashSetOp Intersect / Except [All]: the input rows carry the set operation's columns followed
 * by one int flag column (0 = the row came from the left operand, 1 = from the right). Rows are
 * grouped by all columns but the flag (NULLs are equal, numerics equal in value are one group,
 * as in PostgreSQL's hashing), counting each side; then each group is emitted as many times as
 * the operation says: INTERSECT min(l, r) or 1 if both > 0; EXCEPT l - r or 1 if r = 0 (for l > 0).
 * The groups live in memory (no spilling).
 */
public final class HashSetOpNode extends PlanNode {
    public enum Kind { INTERSECT, EXCEPT }

    private final PlanNode child;
    private final Kind kind;
    private final boolean all;
    private final int columns;

    public HashSetOpNode(PlanNode child, Kind kind, boolean all, int columns) {
        this.child = child;
        this.kind = kind;
        this.all = all;
        this.columns = columns;
        double rows = Math.max(1, Math.min(200, child.rows / 2));
        estimate(this, child.totalCost + child.rows * 0.0025 * columns, child.totalCost + child.rows * 0.0025 * columns
                + rows * 0.01, rows, child.width);
    }

    @Override
    public String explainName() {
        return "HashSetOp " + (kind == Kind.INTERSECT ? "Intersect" : "Except") + (all ? " All" : "");
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    /** One group: its first row (the columns only) and how many rows each side had. */
    private static final class Group {
        final Object[] row;
        long left;
        long right;

        Group(Object[] row) {
            this.row = row;
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        s.push(child, r -> {
            Object[] norm = new Object[columns];
            for (int i = 0; i < columns; i++) {
                norm[i] = HashJoinNode.normalize(r[i]);
            }
            Group g = groups.computeIfAbsent(Arrays.asList(norm), k -> new Group(Arrays.copyOf(r, columns)));
            if (((Number) r[columns]).intValue() == 0) {
                g.left++;
            } else {
                g.right++;
            }
        });
        List<Group> out = new ArrayList<>(groups.values());
        return new Cursor() {
            int i;
            long remaining;

            @Override
            public Object[] next() {
                while (remaining == 0) {
                    if (i >= out.size()) {
                        return null;
                    }
                    Group g = out.get(i++);
                    remaining = times(g);
                    if (remaining > 0) {
                        remaining--;
                        return g.row.clone();
                    }
                }
                remaining--;
                return out.get(i - 1).row.clone();
            }
        };
    }

    private long times(Group g) {
        if (g.left == 0) {
            return 0;
        }
        if (kind == Kind.INTERSECT) {
            return g.right == 0 ? 0 : all ? Math.min(g.left, g.right) : 1;
        }
        return all ? Math.max(0, g.left - g.right) : g.right == 0 ? 1 : 0;
    }
}
