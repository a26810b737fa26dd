package org.pgmini.executor.expr;

import org.pgmini.executor.types.PgType;

/**
 * One parameter $n of a statement being analyzed. Its type is fixed either by the client's
 * declaration or by the first context that needs a type (then it is final for the statement).
 * Only the analyzing thread touches it; after analysis it is read-only.
 */
public final class ParamSlot {
    public final int index;
    public PgType type;
    /** Whether the statement mentions this parameter (declared-only ones may be unused). */
    public boolean referenced;
    /** 1-based position of the first reference in the query string (0 while unreferenced). */
    public int firstPosition;

    public ParamSlot(int index, PgType type) {
        this.index = index;
        this.type = type;
    }
}
