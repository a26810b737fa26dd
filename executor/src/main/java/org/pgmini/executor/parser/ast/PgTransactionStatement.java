package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** BEGIN / START TRANSACTION, COMMIT / END, ROLLBACK / ABORT. */
public final class PgTransactionStatement extends SqlCall {
    public enum Action { BEGIN, COMMIT, ROLLBACK }

    private final Action action;

    public PgTransactionStatement(SqlParserPos pos, Action action) {
        super(pos);
        this.action = action;
    }

    public Action action() {
        return action;
    }

    @Override
    public SqlOperator getOperator() {
        return PgUtilityOperator.TRANSACTION;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(action.name());
    }
}
