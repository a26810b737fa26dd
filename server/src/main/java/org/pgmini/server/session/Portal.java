package org.pgmini.server.session;

import org.pgmini.executor.api.ResultCursor;

/**
 * A bound statement ready to execute, possibly in several Execute steps. A portal lives only
 * as long as the transaction it was created in ({@link #transactionGeneration}).
 */
final class Portal {
    final String name;
    final PreparedStatementEntry statement;
    final Object[] parameters;
    /** One format code per result column. */
    final short[] resultFormats;
    final long transactionGeneration;

    ResultCursor cursor;
    /** All rows were fetched (a row-returning portal) or the command ran (any other). */
    boolean exhausted;

    Portal(String name, PreparedStatementEntry statement, Object[] parameters, short[] resultFormats,
           long transactionGeneration) {
        this.name = name;
        this.statement = statement;
        this.parameters = parameters;
        this.resultFormats = resultFormats;
        this.transactionGeneration = transactionGeneration;
    }

    void close() {
        ResultCursor c = cursor;
        cursor = null;
        if (c != null) {
            c.close();
        }
    }
}
