package org.pgmini.executor.api;

import java.util.List;

import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/** A planned statement: what Describe reports, and what Execute runs (possibly many times). */
public interface PreparedQuery {
    /** The type OID of each parameter $1..$n, inferred where the client left it 0. */
    int[] parameterTypeOids();

    /**
     * The type of each parameter $1..$n, in the order of {@link #parameterTypeOids()}. The
     * session decodes Bind values with their input (text) or receive (binary) function before
     * calling {@link #execute}.
     */
    default List<PgType> parameterTypes() {
        int[] oids = parameterTypeOids();
        PgType[] types = new PgType[oids.length];
        for (int i = 0; i < oids.length; i++) {
            types[i] = PgTypes.byOid(oids[i]);
        }
        return List.of(types);
    }

    /** The result columns; empty when the statement returns no rows (NoData). */
    List<ColumnDescription> columns();

    /** Whether execution produces rows (RowDescription/DataRow) rather than only a command tag. */
    boolean returnsRows();

    /**
     * Runs the statement with bound parameter values (Java values as {@link org.pgmini.executor.types.PgType}
     * represents them, null for SQL NULL). Rows are pulled from the cursor on demand, so a portal
     * with a row limit can be suspended and resumed.
     */
    ResultCursor execute(Object[] parameters, SessionContext session);
}
