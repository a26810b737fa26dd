package org.pgmini.executor.types;

import java.nio.charset.StandardCharsets;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** Length rules of varchar(n) and char(n), counted in characters (code points) as PostgreSQL does. */
public final class CharacterCoercion {
    private CharacterCoercion() {}

    /**
     * char(n): pads with blanks to n; longer values are truncated when {@code explicit}, or when
     * the excess is only blanks; otherwise 22001.
     */
    public static String bpchar(String s, int n, boolean explicit) {
        int len = s.codePointCount(0, s.length());
        if (len == n) {
            return s;
        }
        if (len < n) {
            StringBuilder sb = new StringBuilder(s);
            for (int i = len; i < n; i++) {
                sb.append(' ');
            }
            return sb.toString();
        }
        String head = s.substring(0, s.offsetByCodePoints(0, n));
        if (!explicit && !s.substring(head.length()).isBlank()) {
            throw new PgException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "value too long for type character(" + n + ")");
        }
        return head;
    }

    /** varchar(n): never pads; truncation rules as for char(n). */
    public static String varchar(String s, int n, boolean explicit) {
        int len = s.codePointCount(0, s.length());
        if (len <= n) {
            return s;
        }
        String head = s.substring(0, s.offsetByCodePoints(0, n));
        if (!explicit && !s.substring(head.length()).chars().allMatch(c -> c == ' ')) {
            throw new PgException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "value too long for type character varying(" + n + ")");
        }
        return head;
    }

    /** The value of a bpchar without its trailing blanks (how bpchar compares and converts to text). */
    public static String stripTrailingBlanks(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == ' ') {
            e--;
        }
        return s.substring(0, e);
    }

    static String truncateBytes(String s, int maxBytes) {
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
