package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.expr.Eval;

/** A compiled condition and its text as EXPLAIN shows it (e.g. {@code (a > 1)}). */
public record Qual(Eval eval, String text) implements java.io.Serializable {
    /** The conjunction of {@code parts} (null when empty), shown flat as PostgreSQL does: {@code ((a) AND (b) AND (c))}. */
    public static Qual all(List<Qual> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Eval[] evals = new Eval[parts.size()];
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < evals.length; i++) {
            evals[i] = parts.get(i).eval;
            text.append(i == 0 ? "" : " AND ").append(parts.get(i).text);
        }
        Eval both = c -> {
            boolean sawNull = false;
            for (Eval e : evals) {
                Object v = e.eval(c);
                if (Boolean.FALSE.equals(v)) {
                    return false;
                }
                sawNull |= v == null;
            }
            return sawNull ? null : true;
        };
        return new Qual(both, text.append(')').toString());
    }

    /**
     * The EXPLAIN lines every join prints after its own condition: "Join Filter" (the join's
     * extra condition) and "Filter" (applied to joined rows), each with its ANALYZE removal count.
     */
    static void explainJoinFilters(List<String> out, Instrumentation ins, Qual joinQual, Qual qual) {
        if (joinQual != null) {
            out.add("Join Filter: " + joinQual.text());
            if (ins != null && ins.removedByJoinFilter > 0) {
                out.add("Rows Removed by Join Filter: " + ins.removedByJoinFilter);
            }
        }
        explainFilter(out, ins, qual);
    }

    /**
     * The EXPLAIN lines of a node's own condition: "Filter" (none when {@code qual} is null) and,
     * under ANALYZE, "Rows Removed by Filter" with the total over all loops.
     */
    public static void explainFilter(List<String> out, Instrumentation ins, Qual qual) {
        if (qual != null) {
            out.add("Filter: " + qual.text());
            if (ins != null && ins.removedByFilter > 0) {
                out.add("Rows Removed by Filter: " + ins.removedByFilter);
            }
        }
    }

    /**
     * As {@link #explainFilter}, with the removed rows averaged per loop as PostgreSQL prints
     * them, for scans that run once per iteration, reference, outer row or parallel participant
     * (CTE, WorkTable, Seq and Index scans).
     */
    public static void explainFilterPerLoop(List<String> out, Instrumentation ins, Qual qual) {
        if (qual != null) {
            out.add("Filter: " + qual.text());
            if (ins != null && ins.removedByFilter > 0) {
                out.add("Rows Removed by Filter: " + ins.perLoop(ins.removedByFilter));
            }
        }
    }
}
