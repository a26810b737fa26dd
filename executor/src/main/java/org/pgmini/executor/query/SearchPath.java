package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;

/** Parses search_path's value: comma-separated schema names, double-quoted ones kept verbatim, others lower-cased. */
final class SearchPath {
    private SearchPath() {}

    static List<String> parse(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < value.length() && value.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                add(out, cur, wasQuoted);
                cur.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(c)) {
                cur.append(wasQuoted ? c : Character.toLowerCase(c));
            }
        }
        add(out, cur, wasQuoted);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur, boolean quoted) {
        if (cur.length() > 0 || quoted) {
            out.add(cur.toString());
        }
    }
}
