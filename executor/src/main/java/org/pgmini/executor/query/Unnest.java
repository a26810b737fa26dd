package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.GenerateSeries;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.ArrayType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * unnest(anyarray) as a set-returning function (in FROM and in the select list): one row per
 * element, typed as the element type. The multi-argument form (zipping several arrays) is 0A000.
 */
record Unnest(PgType type, Eval[] args, GenerateSeries.Maker maker) {
    static Unnest resolve(List<Typed> args, int position) {
        if (args.size() != 1) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "unnest with more than one argument is not supported",
                    position);
        }
        Typed a = args.get(0);
        if (a.isUnknown()) {
            // PostgreSQL cannot decide an anyarray from an unknown literal either
            throw new PgException(SqlState.INDETERMINATE_DATATYPE, "could not determine polymorphic type because input has type unknown",
                    null, null, position, null, null);
        }
        if (!(a.type instanceof ArrayType at)) {
            throw new PgException(SqlState.UNDEFINED_FUNCTION, "function unnest(" + PgTypes.displayName(a.type)
                    + ") does not exist", null,
                    "No function matches the given name and argument types. You might need to add explicit type casts.",
                    position, null, null);
        }
        Eval array = Casts.coerce(a, at, -1, Casts.Context.IMPLICIT).eval;
        return new Unnest(at.element(), new Eval[] {array, c -> null}, GenerateSeries.unnest());
    }
}
