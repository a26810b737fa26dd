package org.pgmini.executor.parser.ast;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlPostfixOperator;

/**
 * {@code expr COLLATE name}: a postfix operator carrying the collation's (optionally
 * schema-qualified) name, one instance per occurrence. It binds tighter than the arithmetic
 * and comparison operators and looser than {@code ::}, as in PostgreSQL. The analyzer checks
 * the collation and the operand's type and otherwise passes the operand through.
 */
public final class PgCollateOperator extends SqlPostfixOperator {
    private final String schema;
    private final String collation;

    public PgCollateOperator(String schema, String collation) {
        super("COLLATE", SqlKind.OTHER, 80, null, null, null);
        this.schema = schema;
        this.collation = collation;
    }

    /** The schema written before the name, or null. */
    public String schema() {
        return schema;
    }

    public String collation() {
        return collation;
    }
}
