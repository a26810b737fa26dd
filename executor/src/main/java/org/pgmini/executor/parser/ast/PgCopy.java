package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/**
 * COPY table [(columns)] FROM STDIN | TO STDOUT, COPY (query) TO STDOUT, with the options as
 * written (new-style list or the old keyword forms, normalized to name/value pairs). Built by
 * {@code parser.CopyStatementParser}; {@code copy.CopyPlanner} checks and plans it.
 */
public final class PgCopy extends PgWriteStatement {
    /** One option: lower-case name, its value (String, or List of column names, or "*"), null when absent. */
    public record Option(String name, Object value, int position) {}

    /** The table, or null for COPY (query). */
    public final SqlIdentifier table;
    public final int tablePosition;
    /** Column names as written (empty: all columns). */
    public final List<String> columns;
    /** The query of COPY (query) TO, else null. */
    public final SqlNode query;
    public final boolean from;
    /** STDIN/STDOUT: null; a file name or program otherwise (copy.CopyFilePlan). */
    public final String file;
    public final boolean program;
    public final List<Option> options;
    /** Position of a WHERE clause, 0 when absent. */
    public final int wherePosition;
    /** COPY FROM's WHERE condition (positions those of the statement), or null. */
    public final SqlNode whereCondition;

    public PgCopy(SqlParserPos pos, SqlIdentifier table, int tablePosition, List<String> columns, SqlNode query,
                  boolean from, String file, boolean program, List<Option> options, int wherePosition, SqlNode whereCondition) {
        super(pos, "COPY", SqlKind.OTHER, from ? StatementKind.DML : StatementKind.QUERY);
        this.table = table;
        this.tablePosition = tablePosition;
        this.columns = List.copyOf(columns);
        this.query = query;
        this.from = from;
        this.file = file;
        this.program = program;
        this.options = List.copyOf(options);
        this.wherePosition = wherePosition;
        this.whereCondition = whereCondition;
    }
}
