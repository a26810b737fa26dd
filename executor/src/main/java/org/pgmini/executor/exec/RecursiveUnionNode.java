package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive Union (WITH RECURSIVE): returns the non-recursive term's rows, then runs the
 * recursive term again and again over the previous iteration's rows (its {@link WorkTable})
 * until an iteration produces none. Rows stream out as they are produced, so a LIMIT above ends
 * an unbounded recursion. Under UNION (not ALL) a row equal to one already returned (NULLs equal,
 * numerics by value) is dropped and does not enter the working table. Interrupts (cancel,
 * statement_timeout) are checked once per iteration.
 */
public final class RecursiveUnionNode extends PlanNode {
    private final PlanNode nonRecursive;
    private final PlanNode recursive;
    private final boolean distinct;
    private final WorkTable workTable;

    public RecursiveUnionNode(PlanNode nonRecursive, PlanNode recursive, boolean distinct, WorkTable workTable) {
        this.nonRecursive = nonRecursive;
        this.recursive = recursive;
        this.distinct = distinct;
        this.workTable = workTable;
        double rows = nonRecursive.rows + 10 * recursive.rows;
        estimate(this, 0, nonRecursive.totalCost + 10 * recursive.totalCost, rows,
                Math.max(nonRecursive.width, recursive.width));
    }

    @Override
    public String explainName() {
        return "Recursive Union";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(nonRecursive, recursive);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Set<List<Object>> seen = distinct ? new HashSet<>() : null;
        return new Cursor() {
            Cursor current = s.open(nonRecursive);
            List<Object[]> produced = new ArrayList<>();

            private boolean isNew(Object[] r) {
                if (seen == null) {
                    return true;
                }
                Object[] norm = new Object[r.length];
                for (int i = 0; i < r.length; i++) {
                    norm[i] = HashJoinNode.normalize(r[i]);
                }
                return seen.add(Arrays.asList(norm));
            }

            @Override
            public Object[] next() {
                while (true) {
                    if (current == null) {
                        return null;
                    }
                    Object[] r = current.next();
                    if (r != null) {
                        if (isNew(r)) {
                            produced.add(r);
                            return r.clone();
                        }
                        continue;
                    }
                    current.close();
                    current = null;
                    if (produced.isEmpty()) {
                        return null;
                    }
                    s.session.checkForInterrupts();
                    workTable.set(s, produced);
                    produced = new ArrayList<>();
                    current = s.open(recursive);
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
}
