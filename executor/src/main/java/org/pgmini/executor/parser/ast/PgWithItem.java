package org.pgmini.executor.parser.ast;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/** A WITH item written with PostgreSQL's {@code AS MATERIALIZED} or {@code AS NOT MATERIALIZED}. */
public final class PgWithItem extends SqlWithItem {
    /** TRUE for MATERIALIZED, FALSE for NOT MATERIALIZED. */
    public final boolean materialized;

    public PgWithItem(SqlParserPos pos, SqlIdentifier name, SqlNodeList columnList, SqlNode query, SqlLiteral recursive,
                      boolean materialized) {
        super(pos, name, columnList, query, recursive);
        this.materialized = materialized;
    }
}
