package org.pgmini.executor.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.StatementKind;

/**
 * A parsed statement: its text, kind and Calcite tree, and where it sits in the query string
 * it came from (errors found later report positions in that whole string). Immutable; the tree
 * is never modified after parsing, so one instance may be shared by sessions through the cache.
 */
public final class PgStatement implements ParsedStatement {
    private final PgParser.RawStatement raw;
    private final String whole;
    private final StatementKind kind;

    public PgStatement(PgParser.RawStatement raw, String whole, StatementKind kind) {
        this.raw = raw;
        this.whole = whole;
        this.kind = kind;
    }

    public static PgStatement empty(String whole) {
        return new PgStatement(new PgParser.RawStatement("", 0, null, ""), whole, StatementKind.EMPTY);
    }

    @Override
    public String sql() {
        return raw.sql();
    }

    @Override
    public StatementKind kind() {
        return kind;
    }

    public SqlNode node() {
        return raw.node();
    }

    public PgParser.RawStatement raw() {
        return raw;
    }

    public String whole() {
        return whole;
    }

    /** 1-based position just after the end of a parser position's span. */
    public int endPosition(SqlParserPos pos) {
        if (pos == null || pos.getEndLineNum() <= 0) {
            return 0;
        }
        return raw.offset() + PgParser.offsetOf(raw.pieceText(), pos.getEndLineNum(), pos.getEndColumnNum()) + 2;
    }

    /** 1-based character position in the whole query string of a parser position. */
    public int position(SqlParserPos pos) {
        if (pos == null || pos.getLineNum() <= 0) {
            return 0;
        }
        return raw.offset() + PgParser.offsetOf(raw.pieceText(), pos.getLineNum(), pos.getColumnNum()) + 1;
    }
}
