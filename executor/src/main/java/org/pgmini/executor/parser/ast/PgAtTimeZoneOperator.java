package org.pgmini.executor.parser.ast;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code x AT TIME ZONE zone}, PostgreSQL's infix form of {@code timezone(zone, x)}. It binds
 * tighter than {@code ^}, {@code *} and {@code +} and looser than {@code ::}, as in PostgreSQL's
 * precedence table. The analyzer turns it into the timezone function call.
 */
public final class PgAtTimeZoneOperator extends SqlBinaryOperator {
    public static final PgAtTimeZoneOperator INSTANCE = new PgAtTimeZoneOperator();

    private PgAtTimeZoneOperator() {
        super("AT TIME ZONE", SqlKind.OTHER, 70, true, null, null, null);
    }
}
