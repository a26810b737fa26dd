package org.pgmini.executor.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.impl.ParseException;
import org.pgmini.executor.parser.impl.ParserReuse;
import org.pgmini.executor.parser.impl.PgSqlParserImpl;
import org.pgmini.executor.parser.impl.PgSqlParserImplConstants;
import org.pgmini.executor.parser.impl.Token;
import org.pgmini.executor.parser.impl.TokenMgrError;

/**
 * Raw parsing of a query string with our generated Calcite parser: split into statements,
 * parse each, and turn Calcite's parse errors into PostgreSQL's 42601 with a 1-based character
 * position in the whole string. Thread-safe: each thread reuses its own parser instance
 * ({@link ParserReuse}).
 */
public final class PgParser {
    /** Unquoted identifiers fold to lower case, quoted ones are kept, as in PostgreSQL. */
    static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(PgSqlParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withIdentifierMaxLength(10_000)
            .withConformance(SqlConformanceEnum.LENIENT);

    /** One non-empty statement: its original text, offset and tree. */
    public record RawStatement(String sql, int offset, SqlNode node, String pieceText) {}

    private PgParser() {}

    /** Parses every statement; an empty list when the string holds none. */
    public static List<RawStatement> parse(String sql) {
        List<RawStatement> out = new ArrayList<>();
        for (StatementSplitter.Piece piece : StatementSplitter.split(sql)) {
            if (piece.isBlank()) {
                continue;
            }
            SqlNode node = parseOne(sql, piece);
            out.add(new RawStatement(sql.substring(piece.start(), piece.end()).strip(), piece.start(), node, piece.text()));
        }
        return out;
    }

    /**
     * Runs the generated parser directly (configured as SqlParser.create would) so that a
     * syntax error arrives as JavaCC's raw ParseException, whose failing token is the one
     * PostgreSQL reports; Calcite's own clean-up moves it to an earlier token.
     */
    static SqlNode parseOne(String whole, StatementSplitter.Piece piece) {
        String unqualified = QualifiedUnnest.blank(piece.text());
        if (!unqualified.equals(piece.text())) {
            piece = new StatementSplitter.Piece(piece.start(), piece.end(), unqualified);
        }
        if (CopyStatementParser.isCopy(piece.text())) {
            return CopyStatementParser.parse(whole, piece);
        }
        if (CursorStatementParser.isCursorStatement(piece.text())) {
            return CursorStatementParser.parse(whole, piece); // sort helper: DECLARE/FETCH/MOVE/CLOSE
        }
        if (piece.text().strip().equalsIgnoreCase("select")) {
            // PostgreSQL allows an empty target list (one row, no columns); Calcite's grammar does not
            org.apache.calcite.sql.parser.SqlParserPos pos = new org.apache.calcite.sql.parser.SqlParserPos(1, 1);
            return new org.apache.calcite.sql.SqlSelect(pos, new org.apache.calcite.sql.SqlNodeList(pos),
                    new org.apache.calcite.sql.SqlNodeList(pos), null, null, null, null, null, null, null, null, null);
        }
        ExplainPrefix.Result explain = ExplainPrefix.parse(piece.text(), piece.start());
        if (explain != null) {
            StatementSplitter.Piece inner = new StatementSplitter.Piece(piece.start(), piece.end(), explain.rest());
            SqlNode statement = parseOne(whole, inner);
            return new org.pgmini.executor.parser.ast.PgExplainStatement(statement.getParserPosition(), statement,
                    explain.options());
        }
        SelectInto.Result into = SelectInto.find(piece.text(), piece.start()); // ptapes: SELECT ... INTO t = CREATE TABLE t AS
        if (into != null) {
            return into.statement(parseOne(whole, new StatementSplitter.Piece(piece.start(), piece.end(), into.rest())));
        }
        PgSqlParserImpl parser = ParserReuse.take(piece.text(), CONFIG.quotedCasing(), CONFIG.unquotedCasing(),
                CONFIG.identifierMaxLength(), CONFIG.conformance());
        try {
            SqlNode node = parser.parseSqlStmtEof();
            ParserReuse.giveBack(parser); // only after a parse that completed (see ParserReuse)
            return node;
        } catch (ParseException e) {
            throw syntaxError(whole, piece, e);
        } catch (TokenMgrError e) {
            throw lexicalError(whole, piece, e);
        } catch (CalciteContextException e) {
            int pos = piece.start() + offsetOf(piece.text(), e.getPosLine(), e.getPosColumn()) + 1;
            return wrapContextError(whole, pos, e);
        } catch (PgException e) {
            throw e;
        } catch (Exception e) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error: " + e.getMessage(), e);
        }
    }

    private static SqlNode wrapContextError(String whole, int pos, CalciteContextException e) {
        throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + wordAt(whole, pos - 1) + "\"", pos);
    }

    private static PgException syntaxError(String whole, StatementSplitter.Piece piece, ParseException e) {
        Token bad = e.currentToken == null ? null : e.currentToken.next;
        String first = firstWord(piece.text());
        if (UNSUPPORTED_COMMANDS.contains(first)) {
            return PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                    first.toUpperCase(java.util.Locale.ROOT) + " is not supported yet", piece.start() + 1
                            + piece.text().indexOf(piece.text().strip().charAt(0)));
        }
        // an operator whose right operand is missing: PostgreSQL complains about what follows it
        if (bad != null && bad.next != null && bad.next.kind == PgSqlParserImplConstants.EOF
                && !bad.image.isEmpty() && "+-*/%^|=<>!:".indexOf(bad.image.charAt(0)) >= 0) {
            bad = bad.next;
        }
        if (bad == null || bad.kind == PgSqlParserImplConstants.EOF) {
            if (piece.end() < whole.length()) {
                // PostgreSQL's grammar sees the separating semicolon as the offending token
                return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"", piece.end() + 1);
            }
            return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at end of input", whole.length() + 1);
        }
        int pos = piece.start() + offsetOf(piece.text(), bad.beginLine, bad.beginColumn) + 1;
        return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + bad.image + "\"", pos);
    }

    private static PgException lexicalError(String whole, StatementSplitter.Piece piece, TokenMgrError e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.contains("<EOF>")) {
            return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at end of input", whole.length() + 1);
        }
        int line = intAfter(msg, "line ");
        int column = intAfter(msg, "column ");
        int pos = piece.start() + offsetOf(piece.text(), line, column) + 1;
        return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + wordAt(whole, pos - 1) + "\"", pos);
    }

    private static int intAfter(String msg, String key) {
        int i = msg.indexOf(key);
        if (i < 0) {
            return 1;
        }
        int j = i + key.length();
        int k = j;
        while (k < msg.length() && Character.isDigit(msg.charAt(k))) {
            k++;
        }
        return k == j ? 1 : Integer.parseInt(msg.substring(j, k));
    }

    /** Commands our grammar does not have yet; they get 0A000 rather than a syntax error. */
    private static final java.util.Set<String> UNSUPPORTED_COMMANDS = java.util.Set.of("create", "drop", "truncate",
            "grant", "revoke", "copy", "vacuum", "analyze", "checkpoint", "listen", "notify", "prepare", "execute",
            "deallocate", "discard", "lock", "savepoint", "release", "comment", "declare", "fetch", "close", "do",
            "reindex", "cluster", "refresh", "import", "security", "reassign");

    private static String firstWord(String s) {
        String t = s.strip();
        int e = 0;
        while (e < t.length() && Character.isLetter(t.charAt(e))) {
            e++;
        }
        return t.substring(0, e).toLowerCase(java.util.Locale.ROOT);
    }

    /** The word (or single symbol) starting at a 0-based offset, for "at or near" messages. */
    static String wordAt(String s, int offset) {
        if (offset < 0 || offset >= s.length()) {
            return "";
        }
        int e = offset;
        while (e < s.length() && (Character.isLetterOrDigit(s.charAt(e)) || s.charAt(e) == '_' || s.charAt(e) == '$')) {
            e++;
        }
        return e == offset ? s.substring(offset, offset + 1) : s.substring(offset, e);
    }

    /** 0-based character offset of a 1-based line/column (JavaCC counts a tab as one column here). */
    public static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) {
                break;
            }
            offset = nl + 1;
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }
}
