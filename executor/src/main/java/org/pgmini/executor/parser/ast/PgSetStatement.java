package org.pgmini.executor.parser.ast;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * SET / RESET of a configuration parameter, optionally after ALTER SYSTEM (scope "SYSTEM").
 * It extends SqlAlter only because Calcite's grammar routes "ALTER scope SET ..." through the
 * set-option production, which must return a SqlAlter.
 */
public final class PgSetStatement extends SqlAlter {
    private final SqlIdentifier name;
    private final SqlNodeList values;
    private final boolean local;
    private final boolean reset;

    /**
     * @param name   the parameter, null for RESET ALL
     * @param values the values (character literals), null for DEFAULT / RESET
     * @param local  SET LOCAL
     * @param reset  RESET rather than SET
     */
    public PgSetStatement(SqlParserPos pos, String scope, SqlIdentifier name, SqlNodeList values,
                          boolean local, boolean reset) {
        super(pos, scope);
        this.name = name;
        this.values = values;
        this.local = local;
        this.reset = reset;
    }

    private List<String> transactionModes = List.of();

    /** SET TRANSACTION modes: alternating GUC names and values. */
    public PgSetStatement(SqlParserPos pos, String scope, List<String> transactionModes) {
        this(pos, scope, null, null, true, false);
        this.transactionModes = List.copyOf(transactionModes);
    }

    /** Non-empty for SET TRANSACTION. */
    public List<String> transactionModes() {
        return transactionModes;
    }

    /** True after ALTER SYSTEM. */
    public boolean isSystem() {
        return "SYSTEM".equals(getScope());
    }

    /** True after ALTER SESSION, which PostgreSQL does not have. */
    public boolean isAlterSession() {
        return "SESSION".equals(getScope());
    }

    /** The parameter's name with its parts joined by dots; null for RESET ALL. */
    public String name() {
        return name == null ? null : String.join(".", name.names);
    }

    public boolean isLocal() {
        return local;
    }

    public boolean isReset() {
        return reset;
    }

    /** The values as strings; empty for SET ... TO DEFAULT and for RESET. */
    public List<String> values() {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (SqlNode v : values) {
                out.add(((SqlLiteral) v).getValueAs(String.class));
            }
        }
        return out;
    }

    @Override
    public SqlOperator getOperator() {
        return PgUtilityOperator.SET;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(reset ? "RESET" : "SET");
        writer.identifier(name == null ? "ALL" : name(), true);
    }
}
