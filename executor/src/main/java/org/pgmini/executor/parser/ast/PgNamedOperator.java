package org.pgmini.executor.parser.ast;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code a OPERATOR(schema.op) b}, PostgreSQL's explicit operator syntax (psql writes
 * {@code OPERATOR(pg_catalog.~)}). The analyzer resolves {@link #symbol()} like the bare
 * operator; a schema other than pg_catalog names nothing we have.
 */
public final class PgNamedOperator extends SqlBinaryOperator {
    private final String schema;
    private final String symbol;
    private final boolean explicit;

    public PgNamedOperator(String schema, String symbol) {
        this(schema, symbol, true);
    }

    private PgNamedOperator(String schema, String symbol, boolean explicit) {
        super(explicit ? "OPERATOR(" + (schema == null ? "" : schema + ".") + symbol + ")" : symbol, SqlKind.OTHER, 32,
                true, null, null, null);
        this.schema = schema;
        this.symbol = symbol;
        this.explicit = explicit;
    }

    /** An operator our grammar has no rule for, written bare (~~ and friends). */
    public static PgNamedOperator bare(String symbol) {
        return new PgNamedOperator(null, symbol, false);
    }

    /** Written as OPERATOR(...)? */
    public boolean explicit() {
        return explicit;
    }

    public String schema() {
        return schema;
    }

    public String symbol() {
        return symbol;
    }
}
