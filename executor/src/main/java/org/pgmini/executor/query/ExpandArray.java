package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.GenerateSeries;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.ArrayType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.RecordType;
import org.pgmini.executor.types.RecordValue;
import org.pgmini.executor.types.VectorType;

/**
 * information_schema._pg_expandarray(anyarray): one row {@code (x, n)} per element, x the element
 * and n its 1-based position (whatever the array's lower bound: int2vector counts from 0, n still
 * from 1). PostgreSQL declares it {@code OUT x anyelement, OUT n int RETURNS SETOF record}, so the
 * result type is a {@link RecordType} with those two columns. Drivers read index keys with it
 * (pgjdbc's getPrimaryKeys/getIndexInfo: {@code (information_schema._pg_expandarray(i.indkey)).n}).
 * A NULL array gives no rows; a NULL element gives x NULL.
 */
record ExpandArray(RecordType type, Eval[] args, GenerateSeries.Maker maker) {
    static final String NAME = "_pg_expandarray";

    static ExpandArray resolve(List<Typed> args, int position) {
        if (args.size() == 1 && args.get(0).isUnknown()) {
            // PostgreSQL reports this one without a position
            throw new PgException(SqlState.DATATYPE_MISMATCH, "could not determine polymorphic type because input has type unknown");
        }
        PgType element = args.size() != 1 ? null
                : args.get(0).type instanceof ArrayType a ? a.element()
                : args.get(0).type instanceof VectorType v ? v.element() : null;
        if (element == null) {
            StringBuilder names = new StringBuilder();
            for (Typed t : args) {
                names.append(names.length() == 0 ? "" : ", ").append(PgTypes.displayName(t.type));
            }
            throw new PgException(SqlState.UNDEFINED_FUNCTION, "function information_schema." + NAME + "(" + names
                    + ") does not exist", null,
                    "No function matches the given name and argument types. You might need to add explicit type casts.",
                    position, null, null);
        }
        RecordType type = new RecordType(List.of("x", "n"), List.of(element, PgTypes.INT4));
        return new ExpandArray(type, new Eval[] {args.get(0).eval, c -> null}, ExpandArray::rows);
    }

    private static GenerateSeries.Series rows(Object array, Object ignored, Object ignoredStep,
                                              org.pgmini.executor.expr.EvalContext c) {
        Object[] a = (Object[]) array;
        int[] next = {0};
        return () -> {
            if (a == null || next[0] >= a.length) {
                return null;
            }
            int i = next[0]++;
            return new RecordValue(new Object[] {a[i], i + 1});
        };
    }
}
