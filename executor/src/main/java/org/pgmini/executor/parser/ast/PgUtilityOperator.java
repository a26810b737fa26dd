package org.pgmini.executor.parser.ast;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;

/** The operators of our utility statements; they exist because Calcite's SqlCall needs one. */
final class PgUtilityOperator {
    private PgUtilityOperator() {}

    static final SqlSpecialOperator SHOW = new SqlSpecialOperator("SHOW", SqlKind.OTHER);
    static final SqlSpecialOperator SET = new SqlSpecialOperator("SET", SqlKind.SET_OPTION);
    static final SqlSpecialOperator TRANSACTION = new SqlSpecialOperator("TRANSACTION", SqlKind.OTHER);
}
