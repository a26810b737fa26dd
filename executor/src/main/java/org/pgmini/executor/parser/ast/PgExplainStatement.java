package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** EXPLAIN [options] statement: the statement's tree and the options as PostgreSQL's EXPLAIN takes them. */
public final class PgExplainStatement extends SqlCall {
    private static final SqlSpecialOperator EXPLAIN = new SqlSpecialOperator("EXPLAIN", SqlKind.OTHER);

    /** EXPLAIN's options; booleans PostgreSQL defaults: costs on, timing on (with analyze), summary = analyze. */
    public record Options(boolean analyze, boolean verbose, boolean costs, boolean timing, boolean summary,
                          boolean buffers, String format) {}

    private final SqlNode statement;
    private final Options options;

    public PgExplainStatement(SqlParserPos pos, SqlNode statement, Options options) {
        super(pos);
        this.statement = statement;
        this.options = options;
    }

    public SqlNode statement() {
        return statement;
    }

    public Options options() {
        return options;
    }

    @Override
    public SqlOperator getOperator() {
        return EXPLAIN;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        statement.unparse(writer, leftPrec, rightPrec);
    }
}
