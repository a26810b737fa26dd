package org.pgmini.executor.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.ast.PgDdl;

/**
 * PostgreSQL's {@code SELECT ... INTO [TABLE] name FROM ...}, which is CREATE TABLE AS in another
 * spelling (same table, same "SELECT n" tag). Calcite's grammar has no INTO clause, so it is found
 * in the text before the grammar runs: the first {@code INTO} outside parentheses, string
 * literals, quoted identifiers and dollar quotes of a statement that starts with SELECT or WITH.
 * The clause is blanked with spaces (positions of the rest stay those of the original text), the
 * rest is parsed as the query and wrapped in {@link PgDdl.CreateTableAs}. {@code TEMP},
 * {@code TEMPORARY} and {@code UNLOGGED} tables do not exist here: 0A000.
 */
final class SelectInto {
    /** The statement text with the INTO clause blanked, and the target name. */
    record Result(String rest, List<String> name, int nameLine, int nameColumn) {
        SqlNode statement(SqlNode query) {
            SqlIdentifier id = new SqlIdentifier(name, new SqlParserPos(nameLine, nameColumn));
            return new PgDdl.CreateTableAs(query.getParserPosition(), id, false, null, query, true);
        }
    }

    /** Top-level words that make a WITH statement something other than a SELECT. */
    private static final java.util.Set<String> WRITES = java.util.Set.of("insert", "update", "delete", "merge");

    private final String text;
    private int i;

    private SelectInto(String text) {
        this.text = text;
    }

    /** Null unless {@code text} is a SELECT (or WITH ... SELECT) with a top-level INTO clause. */
    static Result find(String text, int base) {
        String first = firstWord(text);
        if (!"select".equals(first) && !"with".equals(first)) {
            return null;
        }
        if (!containsIgnoreCase(text, "into")) {
            return null; // the common case: no scan
        }
        return new SelectInto(text).scan(base);
    }

    private static String firstWord(String s) {
        int a = 0;
        while (a < s.length() && Character.isWhitespace(s.charAt(a))) {
            a++;
        }
        int b = a;
        while (b < s.length() && Character.isLetter(s.charAt(b))) {
            b++;
        }
        return s.substring(a, b).toLowerCase(Locale.ROOT);
    }

    private static boolean containsIgnoreCase(String s, String word) {
        for (int k = 0; k + word.length() <= s.length(); k++) {
            if (s.regionMatches(true, k, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private Result scan(int base) {
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                skipQuoted('\'');
            } else if (c == '"') {
                skipQuoted('"');
            } else if (c == '$' && dollarTag() != null) {
                skipDollarQuoted(dollarTag());
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (isWordStart(c)) {
                int s = i;
                String w = word();
                if (depth == 0 && w.equals("into")) {
                    return clause(s, base);
                }
                if (depth == 0 && WRITES.contains(w)) {
                    return null; // WITH ... INSERT INTO / UPDATE / DELETE: not a SELECT
                }
            } else {
                i++;
            }
        }
        return null;
    }

    /** The INTO clause starting at {@code start}: its table name, the text with the clause blanked. */
    private Result clause(int start, int base) {
        skipSpace();
        int save = i;
        String w = isWordStart(peek()) ? word() : null;
        if (w != null && (w.equals("temp") || w.equals("temporary") || w.equals("unlogged"))) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "SELECT INTO " + w.toUpperCase(Locale.ROOT)
                    + " is not supported", base + save + 1);
        }
        if (!"table".equals(w)) {
            i = save;
        }
        skipSpace();
        int nameStart = i;
        List<String> parts = new ArrayList<>();
        while (true) {
            String part = identifier();
            if (part == null) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + PgParser.wordAt(text, i)
                        + "\"", base + i + 1);
            }
            parts.add(part);
            if (peek() != '.') {
                break;
            }
            i++;
        }
        StringBuilder rest = new StringBuilder(text);
        for (int k = start; k < i; k++) {
            if (rest.charAt(k) != '\n') {
                rest.setCharAt(k, ' ');
            }
        }
        int line = 1;
        int col = 1;
        for (int k = 0; k < nameStart; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Result(rest.toString(), parts, line, col);
    }

    /** A plain (folded to lower case) or quoted identifier, or null. */
    private String identifier() {
        if (peek() == '"') {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '"') {
                    if (peek() == '"') {
                        sb.append('"');
                        i++;
                        continue;
                    }
                    return sb.toString();
                }
                sb.append(c);
            }
            return null;
        }
        if (!isWordStart(peek())) {
            return null;
        }
        return word();
    }

    private char peek() {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private String word() {
        int s = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) {
            i++;
        }
        return text.substring(s, i).toLowerCase(Locale.ROOT);
    }

    private void skipSpace() {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
    }

    private void skipQuoted(char q) {
        i++;
        while (i < text.length()) {
            if (text.charAt(i) == q) {
                if (i + 1 < text.length() && text.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                i++;
                return;
            }
            i++;
        }
    }

    /** The dollar-quote tag ({@code $$} or {@code $name$}) at the cursor, or null. */
    private String dollarTag() {
        int k = i + 1;
        while (k < text.length() && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
            k++;
        }
        if (k < text.length() && text.charAt(k) == '$' && (k == i + 1 || !Character.isDigit(text.charAt(i + 1)))) {
            return text.substring(i, k + 1);
        }
        return null;
    }

    private void skipDollarQuoted(String tag) {
        int end = text.indexOf(tag, i + tag.length());
        i = end < 0 ? text.length() : end + tag.length();
    }
}
