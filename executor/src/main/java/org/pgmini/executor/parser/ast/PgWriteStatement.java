package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/**
 * Base of the AST nodes our grammar builds for DDL, DML and utility statements of the write path
 * (see the subclasses in {@link PgDdl}, {@link PgDml}, {@link PgUtility}). They are plain holders
 * of what the statement said; the planner (plan.DdlPlanner, plan.ModifyPlanner,
 * plan.UtilityStatements) gives them meaning. Calcite's SqlCall needs an operator; ours only
 * carries the SqlKind and the name used when the tree is printed.
 */
public abstract class PgWriteStatement extends SqlCall {
    private final SqlOperator operator;
    private final StatementKind statementKind;

    protected PgWriteStatement(SqlParserPos pos, String name, SqlKind kind, StatementKind statementKind) {
        super(pos);
        this.operator = new SqlSpecialOperator(name, kind);
        this.statementKind = statementKind;
    }

    /** How the session layer classifies the statement (DDL, DML, UTILITY, SAVEPOINT ...). */
    public StatementKind statementKind() {
        return statementKind;
    }

    /** The command as PostgreSQL names it in messages, e.g. "CREATE TABLE". */
    public String commandName() {
        return operator.getName();
    }

    @Override
    public SqlOperator getOperator() {
        return operator;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(operator.getName());
    }
}
