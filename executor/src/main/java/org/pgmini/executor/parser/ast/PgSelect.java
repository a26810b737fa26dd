package org.pgmini.executor.parser.ast;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/** A SELECT with PostgreSQL's {@code DISTINCT ON (expr, ...)} (Calcite's SqlSelect has no slot for it). */
public final class PgSelect extends SqlSelect {
    /** The DISTINCT ON expressions. */
    public final SqlNodeList distinctOn;

    public PgSelect(SqlParserPos pos, SqlNodeList keywordList, SqlNodeList selectList, SqlNode from, SqlNode where,
                    SqlNodeList groupBy, SqlNode having, SqlNodeList windowDecls, SqlNode qualify, SqlNodeList hints,
                    SqlNodeList distinctOn) {
        super(pos, keywordList, selectList, from, where, groupBy, having, windowDecls, qualify, null, null, null, hints);
        this.distinctOn = distinctOn;
    }
}
