package org.pgmini.storage.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a one-dimensional text[] as PostgreSQL prints it ({@code {a,"b c"}}), for
 * catalog columns stored as text (pg_class.reloptions). Elements are quoted when empty, equal
 * to NULL (case-insensitive), or containing braces, commas, quotes, backslashes or white space;
 * inside quotes {@code "} and {@code \} are backslash-escaped.
 */
final class TextArrays {
    private TextArrays() {}

    /** The array text of {@code elements}, or null for none (pg_class shows NULL, not {}). */
    static String format(List<String> elements) {
        if (elements == null || elements.isEmpty()) return null;
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) b.append(',');
            String e = elements.get(i);
            if (needsQuotes(e)) {
                b.append('"');
                for (char c : e.toCharArray()) {
                    if (c == '"' || c == '\\') b.append('\\');
                    b.append(c);
                }
                b.append('"');
            } else {
                b.append(e);
            }
        }
        return b.append('}').toString();
    }

    private static boolean needsQuotes(String e) {
        if (e.isEmpty() || e.equalsIgnoreCase("null")) return true;
        for (char c : e.toCharArray()) {
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) return true;
        }
        return false;
    }

    /** The elements of an array text made by {@link #format} (null: none). */
    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.length() <= 2) return List.copyOf(out);
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') cur.append(text.charAt(++i));
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return List.copyOf(out);
    }
}
