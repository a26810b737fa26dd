package org.pgmini.executor.parser;

/**
 * {@code pg_catalog.unnest(...)} (psql's {@code \d+} writes it): Calcite reserves UNNEST, so the
 * qualified name cannot be parsed as a function name. Before the grammar runs, the qualifier
 * {@code pg_catalog.} in front of {@code unnest(} is blanked with spaces (so every position in the
 * statement stays the same), leaving the unqualified call our grammar has (PgUnnestCall and
 * Calcite's FROM-clause UNNEST); pg_catalog is the only schema unnest lives in. String literals,
 * quoted identifiers and dollar-quoted strings are skipped; comments are already blanked by
 * {@link StatementSplitter}.
 */
final class QualifiedUnnest {
    private QualifiedUnnest() {}

    /** The text with each qualifier blanked, or the same string when there is none. */
    static String blank(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains("unnest")) {
            return text;
        }
        char[] out = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = skipQuoted(text, i, '\'');
                continue;
            }
            if (c == '"') {
                i = skipQuoted(text, i, '"');
                continue;
            }
            if (c == '$') {
                int end = text.indexOf('$', i + 1);
                if (end > i && isTag(text, i + 1, end)) {
                    String tag = text.substring(i, end + 1);
                    int close = text.indexOf(tag, end + 1);
                    i = close < 0 ? n : close + tag.length();
                    continue;
                }
            }
            if (lower.startsWith("pg_catalog", i) && (i == 0 || !isIdent(text.charAt(i - 1)))) {
                int j = skipSpaces(text, i + 10);
                if (j < n && text.charAt(j) == '.') {
                    int k = skipSpaces(text, j + 1);
                    if (lower.startsWith("unnest", k) && (k + 6 == n || !isIdent(text.charAt(k + 6)))
                            && skipSpaces(text, k + 6) < n && text.charAt(skipSpaces(text, k + 6)) == '(') {
                        if (out == null) {
                            out = text.toCharArray();
                        }
                        for (int m = i; m < k; m++) {
                            if (out[m] != '\n') {
                                out[m] = ' ';
                            }
                        }
                        i = k;
                        continue;
                    }
                }
            }
            i++;
        }
        return out == null ? text : new String(out);
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isTag(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isIdent(s.charAt(i)) || s.charAt(i) == '$') {
                return false;
            }
        }
        return from == to || !Character.isDigit(s.charAt(from));
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the literal or quoted identifier starting at {@code i} (doubled quotes inside). */
    private static int skipQuoted(String s, int i, char q) {
        int j = i + 1;
        while (j < s.length()) {
            if (s.charAt(j) == q) {
                if (j + 1 < s.length() && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return s.length();
    }
}
