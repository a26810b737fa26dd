package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.types.PgType;

/**
 * ProjectSet: set-returning functions in the select list (generate_series). For each input row
 * the functions run in lockstep, as PostgreSQL 10+ does: output rows continue while any of them
 * still produces a value, the exhausted ones giving NULL. Output row: the input slots, then one
 * slot per function (expressions reach them counting from the end of the row).
 */
public final class ProjectSetNode extends PlanNode {
    /** One set-returning call: result type and its arguments over the input row. */
    public record Srf(PgType type, Eval[] args, GenerateSeries.Maker maker) {
        public Srf(PgType type, Eval[] args) {
            this(type, args, GenerateSeries.numbers(type));
        }
    }

    private final PlanNode child;
    private final Srf[] srfs;

    public ProjectSetNode(PlanNode child, List<Srf> srfs) {
        this.child = child;
        this.srfs = srfs.toArray(new Srf[0]);
        estimate(this, child.startupCost, child.totalCost + child.rows * 10 * 0.01, child.rows * 1000, child.width + 4 * this.srfs.length);
    }

    @Override
    public String explainName() {
        return "ProjectSet";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor in = s.open(child);
        return new Cursor() {
            Object[] current;
            GenerateSeries.Series[] running;
            long produced;

            @Override
            public Object[] next() {
                while (true) {
                    if (current == null) {
                        current = in.next();
                        if (current == null) {
                            return null;
                        }
                        running = new GenerateSeries.Series[srfs.length];
                        for (int k = 0; k < srfs.length; k++) {
                            s.eval.row = current;
                            Eval[] a = srfs[k].args();
                            Object step = a.length > 2 ? a[2].eval(s.eval) : one(srfs[k].type());
                            running[k] = srfs[k].maker().start(a[0].eval(s.eval), a[1].eval(s.eval), step, s.eval);
                        }
                    }
                    Object[] out = java.util.Arrays.copyOf(current, current.length + srfs.length);
                    boolean any = false;
                    for (int k = 0; k < srfs.length; k++) {
                        Object v = running[k] == null ? null : running[k].next();
                        if (v == null) {
                            running[k] = null;
                        } else {
                            any = true;
                        }
                        out[current.length + k] = GenerateSeries.rowValue(v);
                    }
                    if (any) {
                        if ((++produced & 4095) == 0) {
                            s.session.checkForInterrupts();
                        }
                        return out;
                    }
                    current = null;
                }
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    static Object one(PgType t) {
        switch (t.name()) {
            case "int8": return 1L;
            case "numeric": return java.math.BigDecimal.ONE;
            default: return 1;
        }
    }
}
