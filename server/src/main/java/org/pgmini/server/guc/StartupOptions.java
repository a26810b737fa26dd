package org.pgmini.server.guc;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * The {@code options} startup parameter: words separated by blanks (a backslash makes the next
 * character literal), holding {@code -c name=value}, {@code -cname=value} or {@code --name=value}
 * switches; dashes in names become underscores, as in PostgreSQL's command line.
 */
final class StartupOptions {
    private StartupOptions() {}

    static List<Map.Entry<String, String>> parse(String options) {
        List<String> words = split(options);
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String setting;
            if (w.equals("-c")) {
                if (++i >= words.size()) {
                    throw invalid(w);
                }
                setting = words.get(i);
            } else if (w.startsWith("-c")) {
                setting = w.substring(2);
            } else if (w.startsWith("--")) {
                setting = w.substring(2);
            } else {
                throw invalid(w);
            }
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new PgException(SqlState.SYNTAX_ERROR, w.startsWith("--")
                        ? "--" + setting + " requires a value" : "-c " + setting + " requires a value");
            }
            out.add(new AbstractMap.SimpleEntry<>(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1)));
        }
        return out;
    }

    private static PgException invalid(String word) {
        return new PgException(SqlState.PROTOCOL_VIOLATION, "invalid command-line argument for server process: " + word);
    }

    private static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (CNumbers.isSpace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                continue;
            }
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            cur.append(c);
            inWord = true;
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
