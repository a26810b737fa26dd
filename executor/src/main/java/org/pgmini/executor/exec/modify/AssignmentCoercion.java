package org.pgmini.executor.exec.modify;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.TypeCategory;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * PostgreSQL's transformAssignedExpr: a value stored into a column is coerced to the column's
 * type and typmod in assignment context. Assignment allows numeric narrowing and anything to a
 * string type, but not a string type to a non-string one (only explicit casts read text).
 * Without a cast: 42804 "column "c" is of type T but expression is of type U" with the hint.
 */
public final class AssignmentCoercion {
    private AssignmentCoercion() {}

    public static Typed coerce(Typed e, PgType target, int typmod, String column, int position) {
        if (!e.isUnknown() && e.type != target && e.type != PgTypes.UNKNOWN
                && TypeCategory.of(e.type) == TypeCategory.STRING && TypeCategory.of(target) != TypeCategory.STRING) {
            throw mismatch(e.type, target, column, position);
        }
        try {
            if (e.isUnknown() && typmod >= 0) {
                // like PostgreSQL's coerce_type: an untyped literal is read by the type's input
                // function without the typmod (errors point at the literal), then the length or
                // precision coercion follows as a separate step (its errors have no position)
                e = Casts.coerce(e, target, -1, Casts.Context.ASSIGNMENT);
            }
            Typed r = Casts.coerce(e, target, typmod, Casts.Context.ASSIGNMENT);
            if (e.constant && e.type == target && typmod >= 0) {
                // the planner folds a constant length/precision coercion, so its error comes
                // before execution (before a DEFAULT's nextval, say), as PostgreSQL's
                // eval_const_expressions does; Casts.fold leaves a failing one for run time
                return Typed.constant(target, typmod, r.eval.eval(new EvalContext(new Object[0], null, null)));
            }
            return r;
        } catch (PgException ex) {
            if (SqlState.CANNOT_COERCE.equals(ex.sqlState())) {
                throw mismatch(e.type, target, column, position);
            }
            throw ex;
        }
    }

    private static PgException mismatch(PgType from, PgType to, String column, int position) {
        return new PgException(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type " + PgTypes.displayName(to)
                + " but expression is of type " + PgTypes.displayName(from), null,
                "You will need to rewrite or cast the expression.", position, null, null);
    }
}
