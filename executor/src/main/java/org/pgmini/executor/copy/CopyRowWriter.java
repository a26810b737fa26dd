package org.pgmini.executor.copy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.PgType;

/**
 * Formats COPY TO rows as PostgreSQL's CopyOneRowTo does, one line per row ending in a newline.
 * Text: NULL as the NULL string; a value's text with backslash, newline, carriage return, tab,
 * backspace, form feed, vertical tab and the delimiter escaped by a backslash. CSV: NULL as the
 * NULL string unquoted; a value is quoted when FORCE_QUOTE says so, when it equals the NULL
 * string, contains the delimiter, quote, CR or LF, or is {@code \.} as the only column; inside
 * quotes the quote and escape characters are preceded by the escape character.
 */
final class CopyRowWriter {
    private final CopyOptions options;
    private final PgType[] types;
    private final boolean[] forceQuote;
    private final StringBuilder sb = new StringBuilder(256);

    CopyRowWriter(CopyOptions options, PgType[] types, boolean[] forceQuote) {
        this.options = options;
        this.types = types;
        this.forceQuote = forceQuote;
    }

    /** The header line: the column names, quoted (CSV) or escaped (text) like values. */
    byte[] header(List<String> names) {
        sb.setLength(0);
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(options.delimiter);
            }
            if (options.csv) {
                csv(names.get(i), false, names.size() == 1);
            } else {
                text(names.get(i));
            }
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] row(Object[] values, SessionContext session) {
        sb.setLength(0);
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(options.delimiter);
            }
            Object v = values[i];
            if (v == null) {
                sb.append(options.nullString);
                continue;
            }
            String s = types[i].output(v, session);
            if (options.csv) {
                csv(s, forceQuote[i], types.length == 1);
            } else {
                text(s);
            }
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void text(String s) {
        char delim = options.delimiter;
        int n = s.length();
        int first = 0;
        // most values need no escaping: find the first character that does, copy up to it at once
        while (first < n) {
            char ch = s.charAt(first);
            if (ch == '\\' || ch == delim || ch < 0x20) {
                break;
            }
            first++;
        }
        sb.append(s, 0, first);
        for (int i = first; i < n; i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 0x0b -> sb.append("\\v");
                default -> {
                    if (ch == delim) {
                        sb.append('\\');
                    }
                    sb.append(ch);
                }
            }
        }
    }

    private void csv(String s, boolean force, boolean singleColumn) {
        char delim = options.delimiter;
        char quote = options.quote;
        char escape = options.escape;
        boolean useQuote = force || s.equals(options.nullString) || (singleColumn && s.equals("\\."));
        if (!useQuote) {
            for (int i = 0, n = s.length(); i < n; i++) {
                char ch = s.charAt(i);
                if (ch == delim || ch == quote || ch == '\n' || ch == '\r') {
                    useQuote = true;
                    break;
                }
            }
        }
        if (!useQuote) {
            sb.append(s);
            return;
        }
        sb.append(quote);
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (ch == quote || ch == escape) {
                sb.append(escape);
            }
            sb.append(ch);
        }
        sb.append(quote);
    }
}
