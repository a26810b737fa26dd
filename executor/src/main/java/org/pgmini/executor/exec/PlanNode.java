package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.expr.Eval;

/**
 * A physical operator of a plan tree. Immutable after planning and shared between sessions
 * (plans are cached): everything an execution changes lives in the {@link Cursor} it opens or in
 * the {@link ExecState}. Rows are {@code Object[]} in the node's output layout, described by the
 * planner that built the node. A node runs pull-style ({@link #openCursor}) or, when its consumer
 * takes every row (aggregation, sort, hash build), push-style ({@link #pushRows}), which scans
 * implement without copying rows. Children are opened through {@link ExecState#open} /
 * {@link ExecState#push} so that EXPLAIN ANALYZE can count them.
 *
 * <p>Serializable: the partial plan below a Gather is shipped to parallel workers as Java
 * serialization bytes ({@code parallel.FragmentCodec}); types, relations and functions travel as
 * references resolved in the worker. A node whose fields do not serialize is simply not shippable.
 */
public abstract class PlanNode implements java.io.Serializable {
    /** Planner estimates for EXPLAIN (PostgreSQL's cost units). */
    public double startupCost;
    public double totalCost;
    public double rows;
    public int width;

    /** The node's name as EXPLAIN prints it, e.g. {@code Seq Scan on t} or {@code Hash Join}. */
    public abstract String explainName();

    public abstract List<PlanNode> children();

    /** Detail lines under the node (Hash Cond, Filter, Sort Key, ...), without indentation. */
    public void explainDetails(List<String> out, Instrumentation ins) {
    }

    /** As {@link #explainDetails(List, Instrumentation)}, for nodes whose lines depend on EXPLAIN's COSTS option. */
    public void explainDetails(List<String> out, Instrumentation ins, boolean costs) {
        explainDetails(out, ins);
    }

    /** Whether EXPLAIN prints this node (projections are folded into the node below, as in PostgreSQL). */
    public boolean visibleInExplain() {
        return true;
    }

    /**
     * Plans EXPLAIN prints under this node with a label, after its details and before its
     * children (PostgreSQL's {@code CTE name} sections); invisible nodes pass theirs to the
     * visible node below.
     */
    public List<java.util.Map.Entry<String, PlanNode>> labeledPlans() {
        return List.of();
    }

    protected abstract Cursor openCursor(ExecState s);

    /** Default push: pull every row. */
    protected void pushRows(ExecState s, RowSink sink) {
        try (Cursor c = openCursor(s)) {
            for (Object[] r; (r = c.next()) != null; ) {
                sink.accept(r);
            }
        }
    }

    /** True when {@code qual} (which may be null) accepts the current row of {@code s.eval}. */
    protected static boolean passes(Eval qual, ExecState s) {
        return qual == null || Boolean.TRUE.equals(qual.eval(s.eval));
    }

    /**
     * Makes {@code row} the current row and tests the node's filter {@code qual} (may be null) on
     * it; a rejected row is counted for EXPLAIN ANALYZE's "Rows Removed by Filter" when
     * {@code ins} is not null.
     */
    protected static boolean filter(Object[] row, Qual qual, ExecState s, Instrumentation ins) {
        s.eval.row = row;
        if (passes(qual == null ? null : qual.eval(), s)) {
            return true;
        }
        if (ins != null) {
            ins.removedByFilter++;
        }
        return false;
    }

    protected static void estimate(PlanNode n, double startup, double total, double rows, int width) {
        n.startupCost = startup;
        n.totalCost = total;
        n.rows = Math.max(1, Math.rint(rows));
        n.width = width;
    }
}
