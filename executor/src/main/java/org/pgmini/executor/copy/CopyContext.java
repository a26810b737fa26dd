package org.pgmini.executor.copy;

import java.nio.charset.StandardCharsets;

/**
 * The CONTEXT lines of COPY errors, as PostgreSQL's CopyFromErrorCallback writes them:
 * {@code COPY t, line 3: "raw line"}, {@code COPY t, line 3, column b: "value"} or
 * {@code ... column b: null input}; shown data is cut at 100 bytes (whole characters) and
 * followed by "..." (limit_printout_length).
 */
final class CopyContext {
    private static final int MAX_DISPLAY = 100;

    private CopyContext() {}

    static String line(String relation, long line, Object raw) {
        return "COPY " + relation + ", line " + line + ": \"" + limit(String.valueOf(raw)) + "\"";
    }

    static String column(String relation, long line, String column, String value) {
        return "COPY " + relation + ", line " + line + ", column " + column + ": "
                + (value == null ? "null input" : "\"" + limit(value) + "\"");
    }

    /** COPY TO and errors without a line: {@code COPY t, line N} is not used there. */
    static String limit(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_DISPLAY) {
            return s;
        }
        int chars = 0;
        int bytes = 0;
        while (chars < s.length()) {
            int cp = s.codePointAt(chars);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_DISPLAY) {
                break;
            }
            bytes += n;
            chars += Character.charCount(cp);
        }
        return s.substring(0, chars) + "...";
    }
}
