package org.pgmini.executor.expr.regex;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * SQL's regular expressions (SIMILAR TO, substring(x SIMILAR p ESCAPE e)) translated into an
 * ARE, with PostgreSQL's rules: {@code %} and {@code _} are LIKE's wildcards, the escape
 * character (default backslash, none when empty) makes the next character literal (or, for
 * letters, a class escape such as \d), parentheses do not capture, {@code . ^ $} are
 * literals, and the match must cover the whole string. Two escape-double-quote separators
 * ({@code #"} with escape #) cut the pattern into three parts for substring: it returns what
 * the middle part matched when the first part takes as little as possible and the middle as
 * much as possible.
 */
public final class SimilarTo {
    private SimilarTo() {}

    /**
     * The whole pattern as one ARE anchored at both ends, written as PostgreSQL's
     * similar_to_escape writes it: {@code ^(?:p)$}, or with separators
     * {@code ^(?:p1){1,1}?(p2){1,1}(?:p3)$} (the first part non-greedy, the middle capturing).
     */
    public static String toRegex(String pattern, String escape) {
        String[] parts = parts(pattern, escape);
        StringBuilder sb = new StringBuilder("^(?:").append(parts[0]);
        if (parts.length > 1) {
            sb.append("){1,1}?(").append(parts[1]);
        }
        if (parts.length > 2) {
            sb.append("){1,1}(?:").append(parts[2]);
        }
        return sb.append(")$").toString();
    }

    /** substring(s SIMILAR pattern ESCAPE escape). */
    public static String substring(String s, String pattern, String escape) {
        String[] parts = parts(pattern, escape);
        RegexOptions none = new RegexOptions();
        if (parts.length == 1) {
            PgRegex whole = PgRegex.compile("^(?:" + parts[0] + ")$", none);
            return whole.find(s) ? s : null;
        }
        PgRegex first = PgRegex.compile("^(?:" + parts[0] + ")$", none);
        PgRegex middle = PgRegex.compile("^(?:" + parts[1] + ")$", none);
        PgRegex last = PgRegex.compile("^(?:" + (parts.length > 2 ? parts[2] : "") + ")$", none);
        int n = s.length();
        for (int i = 0; i <= n; i++) {
            if (!first.find(s.substring(0, i))) {
                continue;
            }
            for (int j = n; j >= i; j--) {
                if (middle.find(s.substring(i, j)) && last.find(s.substring(j))) {
                    return s.substring(i, j);
                }
            }
        }
        return null;
    }

    private static String[] parts(String pattern, String escape) {
        int esc;
        if (escape == null) {
            esc = '\\';
        } else if (escape.isEmpty()) {
            esc = -1;
        } else if (escape.codePointCount(0, escape.length()) == 1) {
            esc = escape.codePointAt(0);
        } else {
            throw PgException.withHint(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string",
                    "Escape string must be empty or one character.");
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder r = new StringBuilder();
        boolean afterEscape = false;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (afterEscape) {
                if (c == '"' && !inClass) {
                    if (parts.size() == 2) {
                        throw new PgException(RegexErrors.INVALID_USE_OF_ESCAPE_CHARACTER,
                                "SQL regular expression may not contain more than two escape-double-quote separators");
                    }
                    parts.add(r.toString());
                    r.setLength(0);
                } else {
                    r.append('\\').appendCodePoint(c);
                }
                afterEscape = false;
            } else if (c == esc) {
                afterEscape = true;
            } else if (inClass) {
                if (c == '\\') {
                    r.append('\\');
                }
                r.appendCodePoint(c);
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                r.append('[');
                inClass = true;
            } else if (c == '%') {
                r.append(".*");
            } else if (c == '_') {
                r.append('.');
            } else if (c == '(') {
                r.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                r.append('\\').appendCodePoint(c);
            } else {
                r.appendCodePoint(c);
            }
        }
        parts.add(r.toString());
        return parts.toArray(new String[0]);
    }
}
