package org.pgmini.executor.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.ast.PgCursorStatements;
import org.pgmini.executor.parser.ast.PgCursorStatements.Direction;

/**
 * DECLARE, FETCH, MOVE and CLOSE, read by hand before the generated grammar (their direction
 * words FORWARD, BACKWARD, PRIOR, MOVE are no Calcite tokens, and a JavaCC rule for FETCH would
 * collide with the query's FETCH FIRST clause):
 * <pre>
 * DECLARE name [ BINARY ] [ ASENSITIVE | INSENSITIVE ] [ [ NO ] SCROLL ] CURSOR [ { WITH | WITHOUT } HOLD ] FOR query
 * { FETCH | MOVE } [ direction ] [ { FROM | IN } ] name
 *   direction: NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n | n | ALL
 *            | FORWARD [ n | ALL ] | BACKWARD [ n | ALL ]          (n a possibly signed integer)
 * CLOSE { name | ALL }
 * </pre>
 * The query of DECLARE is parsed by the grammar in place (the words before it blanked, so error
 * positions stay those of the whole string). Syntax errors are 42601 "syntax error at or near".
 */
final class CursorStatementParser {
    private CursorStatementParser() {}

    private record Token(String text, boolean quoted, int start) {
        boolean is(String word) {
            return !quoted && text.equals(word);
        }
    }

    static boolean isCursorStatement(String pieceText) {
        String w = firstWord(pieceText);
        return w.equals("declare") || w.equals("fetch") || w.equals("move") || w.equals("close");
    }

    static SqlNode parse(String whole, StatementSplitter.Piece piece) {
        List<Token> t = tokens(piece.text());
        SqlParserPos pos = new SqlParserPos(1, 1);
        String first = t.get(0).text();
        int[] i = {1};
        switch (first) {
            case "declare": {
                String name = name(t, i, whole, piece);
                boolean binary = false;
                Boolean scroll = null;
                boolean hold = false;
                while (true) {
                    Token w = at(t, i[0]);
                    if (w != null && w.is("binary")) {
                        binary = true;
                    } else if (w != null && (w.is("insensitive") || w.is("asensitive"))) {
                        // the only kind of cursor there is
                    } else if (w != null && w.is("no") && at(t, i[0] + 1) != null && at(t, i[0] + 1).is("scroll")) {
                        scroll = false;
                        i[0]++;
                    } else if (w != null && w.is("scroll")) {
                        scroll = true;
                    } else {
                        break;
                    }
                    i[0]++;
                }
                expect(t, i, "cursor", whole, piece);
                Token w = at(t, i[0]);
                if (w != null && (w.is("with") || w.is("without"))) {
                    hold = w.is("with");
                    i[0]++;
                    expect(t, i, "hold", whole, piece);
                }
                Token forWord = at(t, i[0]);
                expect(t, i, "for", whole, piece);
                int queryStart = forWord.start() + 3;
                String rest = " ".repeat(queryStart) + piece.text().substring(queryStart);
                SqlNode query = PgParser.parseOne(whole, new StatementSplitter.Piece(piece.start(), piece.end(), rest));
                if (!isQuery(query)) {
                    // PostgreSQL's grammar takes only a SELECT (VALUES, set operations, WITH) here
                    Token q = null;
                    for (Token x : t) {
                        if (x.start() >= queryStart) {
                            q = x;
                            break;
                        }
                    }
                    throw syntax(q, whole, piece);
                }
                return new PgCursorStatements.Declare(pos, name, binary, scroll, hold, query);
            }
            case "fetch":
            case "move": {
                Direction d = Direction.FORWARD;
                long count = 1;
                Token w = at(t, i[0]);
                if (w != null && !w.quoted()) {
                    switch (w.text()) {
                        case "next": i[0]++; break;
                        case "prior": d = Direction.BACKWARD; i[0]++; break;
                        case "first": d = Direction.ABSOLUTE; i[0]++; break;
                        case "last": d = Direction.ABSOLUTE; count = -1; i[0]++; break;
                        case "all": count = PgCursorStatements.Fetch.ALL; i[0]++; break;
                        case "absolute": d = Direction.ABSOLUTE; i[0]++; count = number(t, i, whole, piece); break;
                        case "relative": d = Direction.RELATIVE; i[0]++; count = number(t, i, whole, piece); break;
                        case "forward":
                        case "backward": {
                            d = w.text().equals("forward") ? Direction.FORWARD : Direction.BACKWARD;
                            i[0]++;
                            Token c = at(t, i[0]);
                            if (c != null && c.is("all")) {
                                count = PgCursorStatements.Fetch.ALL;
                                i[0]++;
                            } else if (c != null && isNumber(c.text())) {
                                count = number(t, i, whole, piece);
                            }
                            break;
                        }
                        default:
                            if (isNumber(w.text())) {
                                count = number(t, i, whole, piece);
                            }
                            break;
                    }
                }
                if (d == Direction.FORWARD || d == Direction.BACKWARD) {
                    if (count < 0 && count != PgCursorStatements.Fetch.ALL) {
                        // FORWARD -n is BACKWARD n and the other way round
                        d = d == Direction.FORWARD ? Direction.BACKWARD : Direction.FORWARD;
                        count = -count;
                    }
                }
                Token from = at(t, i[0]);
                if (from != null && (from.is("from") || from.is("in"))) {
                    i[0]++;
                }
                String name = name(t, i, whole, piece);
                end(t, i, whole, piece);
                return new PgCursorStatements.Fetch(pos, first.equals("move"), d, count, name);
            }
            default: {
                Token w = at(t, i[0]);
                String name = null;
                if (w != null && w.is("all")) {
                    i[0]++;
                } else {
                    name = name(t, i, whole, piece);
                }
                end(t, i, whole, piece);
                return new PgCursorStatements.Close(pos, name);
            }
        }
    }

    private static boolean isQuery(SqlNode n) {
        if (n instanceof org.pgmini.executor.parser.ast.PgWriteStatement) {
            return false;
        }
        switch (n.getKind()) {
            case SELECT: case ORDER_BY: case VALUES: case UNION: case INTERSECT: case EXCEPT: case WITH:
                return true;
            default:
                return false;
        }
    }

    private static boolean isNumber(String s) {
        return s.matches("[+-]?[0-9]+");
    }

    private static long number(List<Token> t, int[] i, String whole, StatementSplitter.Piece piece) {
        Token c = at(t, i[0]);
        if (c == null || c.quoted() || !isNumber(c.text())) {
            throw syntax(c, whole, piece);
        }
        i[0]++;
        try {
            return Long.parseLong(c.text().startsWith("+") ? c.text().substring(1) : c.text());
        } catch (NumberFormatException e) {
            throw syntax(c, whole, piece);
        }
    }

    private static String name(List<Token> t, int[] i, String whole, StatementSplitter.Piece piece) {
        Token n = at(t, i[0]);
        if (n == null || !n.quoted() && !Character.isLetter(n.text().charAt(0)) && n.text().charAt(0) != '_') {
            throw syntax(n, whole, piece);
        }
        i[0]++;
        return n.text();
    }

    private static void expect(List<Token> t, int[] i, String word, String whole, StatementSplitter.Piece piece) {
        Token w = at(t, i[0]);
        if (w == null || !w.is(word)) {
            throw syntax(w, whole, piece);
        }
        i[0]++;
    }

    private static void end(List<Token> t, int[] i, String whole, StatementSplitter.Piece piece) {
        Token w = at(t, i[0]);
        if (w != null && !w.text().equals(";")) {
            throw syntax(w, whole, piece);
        }
    }

    private static Token at(List<Token> t, int i) {
        return i < t.size() ? t.get(i) : null;
    }

    private static PgException syntax(Token at, String whole, StatementSplitter.Piece piece) {
        if (at == null) {
            int end = piece.start() + piece.text().stripTrailing().length();
            int k = end;
            while (k < whole.length() && Character.isWhitespace(whole.charAt(k))) {
                k++;
            }
            if (k < whole.length() && whole.charAt(k) == ';') {
                return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"", k + 1);
            }
            return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at end of input", end + 1);
        }
        int offset = piece.start() + at.start();
        return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + PgParser.wordAt(whole, offset) + "\"",
                offset + 1);
    }

    /** Words (lower-cased unless double-quoted), signed integers and single symbols, with their offsets. */
    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder();
                while (j < s.length()) {
                    if (s.charAt(j) == '"') {
                        if (j + 1 < s.length() && s.charAt(j + 1) == '"') {
                            sb.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(s.charAt(j++));
                }
                out.add(new Token(sb.toString(), true, i));
                i = Math.min(s.length(), j + 1);
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(s.substring(i, j).toLowerCase(Locale.ROOT), false, i));
                i = j;
            } else if (Character.isDigit(c) || (c == '-' || c == '+') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(s.substring(i, j), false, i));
                i = j;
            } else {
                out.add(new Token(String.valueOf(c), false, i));
                i++;
            }
        }
        return out;
    }

    private static String firstWord(String s) {
        String t = s.strip();
        int e = 0;
        while (e < t.length() && Character.isLetter(t.charAt(e))) {
            e++;
        }
        return t.substring(0, e).toLowerCase(Locale.ROOT);
    }
}
