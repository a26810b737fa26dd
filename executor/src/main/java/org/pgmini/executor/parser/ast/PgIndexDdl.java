package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/** Index DDL as written: CREATE INDEX (DROP INDEX is a {@link PgDdl.Drop} of type INDEX). */
public final class PgIndexDdl {
    private PgIndexDdl() {}

    /**
     * One index column as written: a column name, or an expression ({@code expression} non-null,
     * for the error), with its ordering options; {@code descending}/{@code nullsFirst} are null
     * when not written; {@code collation}/{@code opclass} the words given, or null.
     */
    public record IndexElem(SqlParserPos pos, String column, SqlNode expression, Boolean descending, Boolean nullsFirst,
                            String collation, String opclass) {}

    /**
     * CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method]
     * (elements) [INCLUDE (...)] [WITH (...)] [WHERE predicate]. The parts that are not supported
     * are kept as positions so that the planner can raise 0A000 at them.
     */
    public static final class CreateIndex extends PgWriteStatement {
        public final boolean unique;
        public final boolean concurrently;
        public final boolean ifNotExists;
        /** The index's name, or null for PostgreSQL's default name. */
        public final String name;
        public final SqlIdentifier table;
        public final String method;
        public final SqlParserPos methodPos;
        public final List<IndexElem> elements;
        /** Position of INCLUDE, WITH (...) or WHERE when written (null otherwise). */
        public final SqlParserPos includePos;
        public final SqlParserPos withPos;
        public final SqlParserPos wherePos;

        public CreateIndex(SqlParserPos pos, boolean unique, boolean concurrently, boolean ifNotExists, String name,
                           SqlIdentifier table, String method, SqlParserPos methodPos, List<IndexElem> elements,
                           SqlParserPos includePos, SqlParserPos withPos, SqlParserPos wherePos) {
            super(pos, "CREATE INDEX", SqlKind.CREATE_INDEX, StatementKind.DDL);
            this.unique = unique;
            this.concurrently = concurrently;
            this.ifNotExists = ifNotExists;
            this.name = name;
            this.table = table;
            this.method = method;
            this.methodPos = methodPos;
            this.elements = List.copyOf(elements);
            this.includePos = includePos;
            this.withPos = withPos;
            this.wherePos = wherePos;
        }
    }
}
