package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** SHOW name, or SHOW ALL when {@link #name()} is null. */
public final class PgShowStatement extends SqlCall {
    private final String name;

    public PgShowStatement(SqlParserPos pos, String name) {
        super(pos);
        this.name = name;
    }

    /** The parameter name (case-folded as written), or null for SHOW ALL. */
    public String name() {
        return name;
    }

    @Override
    public SqlOperator getOperator() {
        return PgUtilityOperator.SHOW;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        writer.identifier(name == null ? "ALL" : name, true);
    }
}
