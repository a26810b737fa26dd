package org.pgmini.executor.expr;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** LIKE with % and _ and backslash as the default escape, matched by code point. */
final class Like {
    private Like() {}

    static boolean matches(String s, String pattern) {
        return match(s, 0, pattern, 0);
    }

    private static boolean match(String s, int si, String p, int pi) {
        while (pi < p.length()) {
            char pc = p.charAt(pi);
            if (pc == '%') {
                while (pi < p.length() && p.charAt(pi) == '%') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (match(s, k, p, pi)) {
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
            if (pc == '\\') {
                pi++;
                if (pi >= p.length()) {
                    throw new PgException(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
                }
                pc = p.charAt(pi);
            }
            if (s.charAt(si) != pc) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }
}
