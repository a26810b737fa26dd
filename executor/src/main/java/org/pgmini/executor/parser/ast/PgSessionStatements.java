package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/** PREPARE / EXECUTE / DEALLOCATE and CREATE [OR REPLACE] VIEW (grammar: includes/pgSession.ftl). */
public final class PgSessionStatements {
    private PgSessionStatements() {}

    /** PREPARE name [(types)] AS statement. */
    public static final class Prepare extends PgWriteStatement {
        public final String name;
        public final List<SqlDataTypeSpec> types;
        public final SqlNode statement;

        public Prepare(SqlParserPos pos, String name, List<SqlDataTypeSpec> types, SqlNode statement) {
            super(pos, "PREPARE", SqlKind.OTHER, StatementKind.UTILITY);
            this.name = name;
            this.types = List.copyOf(types);
            this.statement = statement;
        }
    }

    /** EXECUTE name [(arguments)]. */
    public static final class Execute extends PgWriteStatement {
        public final String name;
        public final List<SqlNode> arguments;

        public Execute(SqlParserPos pos, String name, List<SqlNode> arguments) {
            super(pos, "EXECUTE", SqlKind.OTHER, StatementKind.UTILITY);
            this.name = name;
            this.arguments = List.copyOf(arguments);
        }
    }

    /** DEALLOCATE [PREPARE] name | ALL ({@code name} null). */
    public static final class Deallocate extends PgWriteStatement {
        public final String name;

        public Deallocate(SqlParserPos pos, String name) {
            super(pos, "DEALLOCATE", SqlKind.OTHER, StatementKind.UTILITY);
            this.name = name;
        }
    }

    /** CREATE [OR REPLACE] VIEW name [(columns)] AS query; {@code querySpan} is the query's source text span. */
    public static final class CreateView extends PgWriteStatement {
        public final SqlIdentifier name;
        public final boolean replace;
        public final List<String> columns;
        public final SqlNode query;
        public final SqlParserPos querySpan;

        public CreateView(SqlParserPos pos, SqlIdentifier name, boolean replace, List<String> columns, SqlNode query,
                          SqlParserPos querySpan) {
            super(pos, "CREATE VIEW", SqlKind.CREATE_VIEW, StatementKind.DDL);
            this.name = name;
            this.replace = replace;
            this.columns = columns == null ? null : List.copyOf(columns);
            this.query = query;
            this.querySpan = querySpan;
        }
    }
}
