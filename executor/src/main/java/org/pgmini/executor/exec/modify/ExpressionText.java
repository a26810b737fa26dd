package org.pgmini.executor.exec.modify;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.PgParser;

/**
 * Expressions kept as SQL text in the catalog (pg_attrdef.adbin, pg_constraint.conbin hold the
 * source text, see storage's README) are parsed back here. Errors while analysing them carry no
 * position: the text is not part of the statement the client sent.
 */
public final class ExpressionText {
    private ExpressionText() {}

    /** Positions inside stored expression text mean nothing to the client: report none. */
    public static final ExpressionAnalyzer.PositionMapper NO_POSITIONS = new ExpressionAnalyzer.PositionMapper() {
        @Override
        public int position(SqlParserPos pos) {
            return 0;
        }

        @Override
        public int endPosition(SqlParserPos pos) {
            return 0;
        }

        @Override
        public String source() {
            return "";
        }
    };

    /** The parsed expression of {@code text}. */
    public static SqlNode parse(String text) {
        List<PgParser.RawStatement> parsed = PgParser.parse("SELECT " + text);
        if (parsed.size() != 1 || !(parsed.get(0).node() instanceof SqlSelect)
                || ((SqlSelect) parsed.get(0).node()).getSelectList().size() != 1) {
            throw new PgException(SqlState.DATA_CORRUPTED, "stored expression is not a single expression: " + text);
        }
        return ((SqlSelect) parsed.get(0).node()).getSelectList().get(0);
    }

    /** The source text of a span of the statement (1-based positions from the mapper). */
    public static String sourceText(ExpressionAnalyzer.PositionMapper positions, SqlParserPos span) {
        int from = positions.position(span) - 1;
        int to = positions.endPosition(span) - 1;
        return positions.source().substring(from, to).strip();
    }
}
