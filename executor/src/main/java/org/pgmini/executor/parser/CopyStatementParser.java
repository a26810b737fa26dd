package org.pgmini.executor.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.ast.PgCopy;

/**
 * PostgreSQL's COPY statement, read by hand before the generated grammar (its option lists take
 * any word, which a JavaCC rule over Calcite's keyword tokens cannot say simply):
 * <pre>
 * COPY { name [ ( column [, ...] ) ] | ( query ) } { FROM | TO } { STDIN | STDOUT | 'file' | PROGRAM 'cmd' }
 *     [ [ WITH ] ( option [ value ] [, ...] ) ]                     -- PostgreSQL 9.0+ form
 *     [ [ WITH ] { BINARY | CSV | HEADER | FREEZE | DELIMITER [AS] 'c' | NULL [AS] 's' | QUOTE [AS] 'q'
 *                | ESCAPE [AS] 'e' | FORCE QUOTE { * | cols } | FORCE NOT NULL cols | FORCE NULL cols
 *                | ENCODING 'e' } ... ]                               -- the old form
 *     [ WHERE condition ]
 * </pre>
 * The old keywords become the new options (csv → format csv, header → header true, ...). The
 * query of COPY (query) is parsed by the grammar in place (the rest of the piece blanked, so
 * positions stay those of the whole string). Syntax errors are 42601 "syntax error at or near".
 */
final class CopyStatementParser {
    private enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.charAt(0) == c;
        }
    }

    private final String whole;
    private final StatementSplitter.Piece piece;
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int at;

    private CopyStatementParser(String whole, StatementSplitter.Piece piece) {
        this.whole = whole;
        this.piece = piece;
        this.text = piece.text();
    }

    /** True when the piece's first word is COPY. */
    static boolean isCopy(String pieceText) {
        String t = pieceText.stripLeading();
        return t.length() >= 4 && t.regionMatches(true, 0, "copy", 0, 4)
                && (t.length() == 4 || !Character.isLetterOrDigit(t.charAt(4)) && t.charAt(4) != '_');
    }

    static PgCopy parse(String whole, StatementSplitter.Piece piece) {
        CopyStatementParser p = new CopyStatementParser(whole, piece);
        p.lex();
        return p.statement();
    }

    // ------------------------------------------------------------------ lexer

    private void lex() {
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                tokens.add(new Token(Kind.END, "", n, n));
                return;
            }
            char c = text.charAt(i);
            int start = i;
            if ((c == 'e' || c == 'E') && i + 1 < n && text.charAt(i + 1) == '\'') {
                i = escapeString(i + 1, start);
            } else if (c == '\'') {
                i = plainString(i, start);
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    if (j >= n) {
                        throw unterminated("quoted identifier", start);
                    }
                    if (text.charAt(j) == '"') {
                        if (j + 1 < n && text.charAt(j + 1) == '"') {
                            sb.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(text.charAt(j++));
                }
                tokens.add(new Token(Kind.QUOTED_IDENT, sb.toString(), start, j + 1));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '$')) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(i, j).toLowerCase(Locale.ROOT), start, j));
                i = j;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                int j = i + 1;
                while (j < n && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(i, j), start, j));
                i = j;
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), start, i + 1));
                i++;
            }
        }
    }

    private int plainString(int i, int start) {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (true) {
            if (j >= text.length()) {
                throw unterminated("quoted string", start);
            }
            char ch = text.charAt(j);
            if (ch == '\'') {
                if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                    sb.append('\'');
                    j += 2;
                    continue;
                }
                break;
            }
            sb.append(ch);
            j++;
        }
        tokens.add(new Token(Kind.STRING, sb.toString(), start, j + 1));
        return j + 1;
    }

    /** E'...': backslash escapes \b \f \n \r \t, octal, \xHH, and any other char as itself. */
    private int escapeString(int i, int start) {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        int n = text.length();
        while (true) {
            if (j >= n) {
                throw unterminated("quoted string", start);
            }
            char ch = text.charAt(j);
            if (ch == '\'') {
                if (j + 1 < n && text.charAt(j + 1) == '\'') {
                    sb.append('\'');
                    j += 2;
                    continue;
                }
                break;
            }
            if (ch == '\\' && j + 1 < n) {
                char e = text.charAt(j + 1);
                j += 2;
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'x' -> {
                        int k = j;
                        while (k < n && k < j + 2 && Character.digit(text.charAt(k), 16) >= 0) {
                            k++;
                        }
                        if (k == j) {
                            sb.append('x');
                        } else {
                            sb.append((char) Integer.parseInt(text.substring(j, k), 16));
                            j = k;
                        }
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int k = j - 1;
                            int end = Math.min(n, k + 3);
                            int m = k;
                            while (m < end && text.charAt(m) >= '0' && text.charAt(m) <= '7') {
                                m++;
                            }
                            sb.append((char) Integer.parseInt(text.substring(k, m), 8));
                            j = m;
                        } else {
                            sb.append(e);
                        }
                    }
                }
                continue;
            }
            sb.append(ch);
            j++;
        }
        tokens.add(new Token(Kind.STRING, sb.toString(), start, j + 1));
        return j + 1;
    }

    private PgException unterminated(String what, int start) {
        return PgException.atPosition(SqlState.SYNTAX_ERROR, "unterminated " + what, piece.start() + start + 1);
    }

    // ------------------------------------------------------------------ grammar

    private Token peek() {
        return tokens.get(at);
    }

    private Token peek(int k) {
        return tokens.get(Math.min(at + k, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind != Kind.END) {
            at++;
        }
        return t;
    }

    private int position(Token t) {
        return piece.start() + t.start + 1;
    }

    private PgException syntaxError(Token t) {
        if (t.kind == Kind.END) {
            if (piece.end() < whole.length()) {
                return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"", piece.end() + 1);
            }
            return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at end of input", whole.length() + 1);
        }
        String shown = t.kind == Kind.STRING ? text.substring(t.start, t.end) : t.kind == Kind.WORD
                ? text.substring(t.start, t.end) : t.kind == Kind.QUOTED_IDENT ? t.text : t.text;
        return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + shown + "\"", position(t));
    }

    private void expectSymbol(char c) {
        Token t = next();
        if (!t.isSymbol(c)) {
            throw syntaxError(t);
        }
    }

    private String identifier() {
        Token t = next();
        if (t.kind == Kind.WORD || t.kind == Kind.QUOTED_IDENT) {
            return t.text;
        }
        throw syntaxError(t);
    }

    private PgCopy statement() {
        Token copy = next();
        SqlParserPos pos = new SqlParserPos(1, copy.start + 1);
        SqlIdentifier table = null;
        int tablePosition = 0;
        SqlNode query = null;
        List<String> columns = new ArrayList<>();
        if (peek().isSymbol('(')) {
            query = query();
        } else {
            Token first = peek();
            tablePosition = position(first);
            List<String> names = new ArrayList<>();
            names.add(identifier());
            while (peek().isSymbol('.')) {
                next();
                names.add(identifier());
            }
            table = new SqlIdentifier(names, new SqlParserPos(1, first.start + 1));
            if (peek().isSymbol('(')) {
                columns = columnList();
            }
        }
        Token dir = next();
        boolean from;
        if (dir.is("from")) {
            from = true;
        } else if (dir.is("to")) {
            from = false;
        } else {
            throw syntaxError(dir);
        }
        String file = null;
        boolean program = false;
        Token target = next();
        if (target.is("program")) {
            program = true;
            target = next();
        }
        if (target.kind == Kind.STRING) {
            file = target.text;
        } else if (program || !(target.is(from ? "stdin" : "stdout"))) {
            throw syntaxError(target);
        }
        List<PgCopy.Option> options = options();
        int wherePosition = 0;
        SqlNode whereCondition = null;
        if (peek().is("where")) {
            Token where = peek();
            wherePosition = position(where);
            whereCondition = whereCondition(where);
            at = tokens.size() - 1;
        }
        if (peek().kind != Kind.END) {
            throw syntaxError(peek());
        }
        return new PgCopy(pos, table, tablePosition, columns, query, from, file, program, options, wherePosition,
                whereCondition);
    }

    private List<String> columnList() {
        expectSymbol('(');
        List<String> out = new ArrayList<>();
        out.add(identifier());
        while (peek().isSymbol(',')) {
            next();
            out.add(identifier());
        }
        expectSymbol(')');
        return out;
    }

    /** ( query ): the text up to the matching parenthesis, parsed by the grammar in place. */
    private SqlNode query() {
        Token open = next();
        int depth = 1;
        int k = at;
        while (depth > 0) {
            Token t = tokens.get(k);
            if (t.kind == Kind.END) {
                throw syntaxError(t);
            }
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            }
            k++;
        }
        Token close = tokens.get(k - 1);
        char[] blanked = text.toCharArray();
        for (int i = 0; i < blanked.length; i++) {
            if ((i <= open.start || i >= close.start) && blanked[i] != '\n') {
                blanked[i] = ' ';
            }
        }
        SqlNode node = PgParser.parseOne(whole, new StatementSplitter.Piece(piece.start(), piece.end(), new String(blanked)));
        at = k;
        return node;
    }

    /**
     * The condition after WHERE, parsed by the grammar in place: the text before WHERE is blanked
     * and begins with {@code SELECT 1} instead (it is always longer: "COPY t FROM STDIN"), so the
     * piece reads {@code SELECT 1 ... WHERE condition} and positions stay the statement's.
     */
    private SqlNode whereCondition(Token where) {
        char[] blanked = text.toCharArray();
        for (int i = 0; i < where.start; i++) {
            if (blanked[i] != '\n') {
                blanked[i] = ' ';
            }
        }
        String select = "SELECT 1";
        // on one line, so that line numbers (and so positions) of the condition do not move
        int k = 0;
        while (k + select.length() <= where.start && new String(blanked, k, select.length()).indexOf('\n') >= 0) {
            k++;
        }
        if (k + select.length() > where.start) {
            throw syntaxError(where);
        }
        select.getChars(0, select.length(), blanked, k);
        SqlNode node = PgParser.parseOne(whole, new StatementSplitter.Piece(piece.start(), piece.end(), new String(blanked)));
        if (!(node instanceof org.apache.calcite.sql.SqlSelect sel) || sel.getWhere() == null) {
            throw syntaxError(where);
        }
        return sel.getWhere();
    }

    private List<PgCopy.Option> options() {
        List<PgCopy.Option> out = new ArrayList<>();
        if (peek().is("with")) {
            next();
        }
        if (peek().isSymbol('(')) {
            next();
            while (true) {
                Token name = next();
                if (name.kind != Kind.WORD) {
                    throw syntaxError(name);
                }
                Object value = null;
                Token v = peek();
                if (v.kind == Kind.STRING || v.kind == Kind.NUMBER || v.kind == Kind.WORD || v.kind == Kind.QUOTED_IDENT) {
                    value = next().text;
                } else if (v.isSymbol('*')) {
                    next();
                    value = "*";
                } else if (v.isSymbol('(')) {
                    value = columnList();
                }
                out.add(new PgCopy.Option(name.text, value, position(name)));
                Token sep = next();
                if (sep.isSymbol(')')) {
                    break;
                }
                if (!sep.isSymbol(',')) {
                    throw syntaxError(sep);
                }
            }
            return out;
        }
        while (peek().kind == Kind.WORD && !peek().is("where")) {
            Token w = next();
            int p = position(w);
            switch (w.text) {
                case "binary" -> out.add(new PgCopy.Option("format", "binary", p));
                case "csv" -> out.add(new PgCopy.Option("format", "csv", p));
                case "header" -> out.add(new PgCopy.Option("header", "true", p));
                case "freeze" -> out.add(new PgCopy.Option("freeze", "true", p));
                case "oids" -> out.add(new PgCopy.Option("oids", "true", p));
                case "delimiter", "null", "quote", "escape", "encoding" -> {
                    if (peek().is("as")) {
                        next();
                    }
                    Token s = next();
                    if (s.kind != Kind.STRING) {
                        throw syntaxError(s);
                    }
                    out.add(new PgCopy.Option(w.text, s.text, p));
                }
                case "force" -> {
                    Token what = next();
                    if (what.is("quote")) {
                        if (peek().isSymbol('*')) {
                            next();
                            out.add(new PgCopy.Option("force_quote", "*", p));
                        } else {
                            out.add(new PgCopy.Option("force_quote", bareColumns(), p));
                        }
                    } else if (what.is("not") && peek().is("null")) {
                        next();
                        out.add(new PgCopy.Option("force_not_null", bareColumns(), p));
                    } else if (what.is("null")) {
                        out.add(new PgCopy.Option("force_null", bareColumns(), p));
                    } else {
                        throw syntaxError(what);
                    }
                }
                default -> throw syntaxError(w);
            }
        }
        return out;
    }

    /** The old form's column list: names separated by commas, no parentheses. */
    private List<String> bareColumns() {
        List<String> out = new ArrayList<>();
        out.add(identifier());
        while (peek().isSymbol(',')) {
            next();
            out.add(identifier());
        }
        return out;
    }
}
