package org.pgmini.executor.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical pre-pass over a query string, as PostgreSQL's scanner sees it: splits at top-level
 * semicolons and blanks out comments ({@code --} to end of line, nested {@code /* *}{@code /}),
 * keeping every other character at its offset so that error positions stay exact. Quoted
 * strings (including E'' with backslash escapes and $tag$ dollar quotes) and quoted
 * identifiers are skipped over intact. It never changes what a statement means.
 */
public final class StatementSplitter {
    private StatementSplitter() {}

    /** One statement: its offsets in the original string and its text with comments blanked. */
    public record Piece(int start, int end, String text) {
        public boolean isBlank() {
            return text.isBlank();
        }
    }

    public static List<Piece> split(String sql) {
        char[] out = sql.toCharArray();
        List<Piece> pieces = new ArrayList<>();
        int n = sql.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean backslashEscapes = isEscapeStringPrefix(sql, i);
                i = skipQuoted(sql, i, '\'', backslashEscapes);
            } else if (c == '"') {
                i = skipQuoted(sql, i, '"', false);
            } else if (c == '$' && (i == 0 || !isIdentChar(sql.charAt(i - 1)))) {
                int tagEnd = dollarTagEnd(sql, i);
                if (tagEnd > 0) {
                    String tag = sql.substring(i, tagEnd);
                    int close = sql.indexOf(tag, tagEnd);
                    i = close < 0 ? n : close + tag.length();
                } else {
                    i++;
                }
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 0;
                while (i < n) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        out[i] = ' ';
                        out[i + 1] = ' ';
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        out[i] = ' ';
                        out[i + 1] = ' ';
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        if (out[i] != '\n' && out[i] != '\r') {
                            out[i] = ' ';
                        }
                        i++;
                    }
                }
            } else if (c == ';') {
                pieces.add(new Piece(start, i, new String(out, start, i - start)));
                start = i + 1;
                i++;
            } else {
                i++;
            }
        }
        pieces.add(new Piece(start, n, new String(out, start, n - start)));
        return pieces;
    }

    /** True when the quote at {@code quote} starts an E'...' string. */
    private static boolean isEscapeStringPrefix(String sql, int quote) {
        if (quote == 0) {
            return false;
        }
        char p = sql.charAt(quote - 1);
        if (p != 'e' && p != 'E') {
            return false;
        }
        return quote < 2 || !isIdentChar(sql.charAt(quote - 2));
    }

    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** End (exclusive) of a $tag$ opening at i, or -1 when there is none. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        int n = sql.length();
        if (j < n && sql.charAt(j) == '$') {
            return j + 1;
        }
        if (j >= n || !(Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            return -1;
        }
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < n && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
