package org.pgmini.executor.expr;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * LIKE / ILIKE: {@code %} any string, {@code _} one character, an escape character (backslash
 * unless ESCAPE says otherwise; none when ESCAPE '') that makes the next character literal.
 * Matched by code point, as PostgreSQL matches by character. ILIKE folds ASCII letters only,
 * which is what lower() does under the C collation this server runs with.
 */
final class Like {
    private Like() {}

    /** The escape argument of LIKE ... ESCAPE e as a code point, -1 for none (''). */
    static int escapeChar(String escape) {
        if (escape.isEmpty()) {
            return -1;
        }
        if (escape.codePointCount(0, escape.length()) != 1) {
            throw PgException.withHint(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string",
                    "Escape string must be empty or one character.");
        }
        return escape.codePointAt(0);
    }

    static boolean matches(String s, String pattern) {
        return match(s, 0, pattern, 0, '\\');
    }

    static boolean matches(String s, String pattern, int escape, boolean caseInsensitive) {
        if (caseInsensitive) {
            return match(asciiLower(s), 0, asciiLower(pattern), 0, escape >= 'A' && escape <= 'Z' ? escape + 32 : escape);
        }
        return match(s, 0, pattern, 0, escape);
    }

    private static String asciiLower(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean match(String s, int si, String p, int pi, int esc) {
        while (pi < p.length()) {
            int pc = p.codePointAt(pi);
            if (pc == '%') {
                while (pi < p.length() && p.charAt(pi) == '%') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (k > 0 && k < s.length() && Character.isLowSurrogate(s.charAt(k))
                            && Character.isHighSurrogate(s.charAt(k - 1))) {
                        continue;
                    }
                    if (match(s, k, p, pi, esc)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (pc == '_') {
                si += Character.charCount(s.codePointAt(si));
                pi++;
                continue;
            }
            if (pc == esc) {
                pi += Character.charCount(pc);
                if (pi >= p.length()) {
                    throw new PgException(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
                }
                pc = p.codePointAt(pi);
            }
            int sc = s.codePointAt(si);
            if (sc != pc) {
                return false;
            }
            si += Character.charCount(sc);
            pi += Character.charCount(pc);
        }
        return si == s.length();
    }
}
