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
    private final List<String> modes;

    public PgTransactionStatement(SqlParserPos pos, Action action) {
        this(pos, action, List.of());
    }

    /** @param modes transaction modes as alternating GUC names and values (BEGIN ISOLATION LEVEL ...) */
    public PgTransactionStatement(SqlParserPos pos, Action action, List<String> modes) {
        super(pos);
        this.action = action;
        this.modes = List.copyOf(modes);
    }

    /** Alternating GUC name, value pairs to set for the new transaction. */
    public List<String> modes() {
        return modes;
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
