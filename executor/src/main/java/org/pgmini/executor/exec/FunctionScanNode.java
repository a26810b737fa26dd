package org.pgmini.executor.exec;

import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.types.PgType;

/**
 * Function Scan over generate_series: the arguments are evaluated once per scan (they may use
 * parameters, or the outer row of a nested loop), then the series is produced lazily. Row layout:
 * one slot, the value; for a function returning a record of known columns (_pg_expandarray), one
 * slot per column.
 */
public final class FunctionScanNode extends FilteringLeafNode {
    private final String function;
    private final String refname;
    private final PgType type;
    private final Eval[] args;
    private final GenerateSeries.Maker maker;

    public FunctionScanNode(String function, String refname, PgType type, Eval[] args, Qual qual) {
        this(function, refname, type, args, qual, GenerateSeries.numbers(type));
    }

    public FunctionScanNode(String function, String refname, PgType type, Eval[] args, Qual qual, GenerateSeries.Maker maker) {
        super(qual);
        this.maker = maker;
        this.function = function;
        this.refname = refname;
        this.type = type;
        this.args = args;
    }

    @Override
    public String explainName() {
        return "Function Scan on " + function + (refname.equals(function) ? "" : " " + refname);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Object a = args[0].eval(s.eval);
        Object b = args[1].eval(s.eval);
        Object c = args.length > 2 ? args[2].eval(s.eval) : ProjectSetNode.one(type);
        GenerateSeries.Series series = maker.start(a, b, c, s.eval);
        Instrumentation ins = s.instrumentation(this);
        long[] produced = {0};
        return () -> {
            for (Object v; (v = series.next()) != null; ) {
                if ((++produced[0] & 4095) == 0) {
                    s.session.checkForInterrupts();
                }
                // a function returning a record of known columns fills one slot per column
                Object[] row = v instanceof org.pgmini.executor.types.RecordValue r && type instanceof org.pgmini.executor.types.RecordType
                        ? r.fields().clone() : new Object[] {GenerateSeries.rowValue(v)};
                if (filter(row, qual, s, ins)) {
                    return row;
                }
            }
            return null;
        };
    }
}
