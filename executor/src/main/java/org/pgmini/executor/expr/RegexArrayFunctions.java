package org.pgmini.executor.expr;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.executor.expr.regex.PgRegex;
import org.pgmini.executor.expr.regex.RegexOptions;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The regexp functions that return text[]: regexp_match (the first match's groups, or the whole
 * match when the RE has none; NULL without a match) and regexp_split_to_array (the text between
 * matches, PostgreSQL's rule: empty matches at the start and end of the string and right after a
 * previous match do not split). The set-returning forms (regexp_matches, regexp_split_to_table)
 * are not supported (0A000).
 */
final class RegexArrayFunctions {
    private RegexArrayFunctions() {}

    static void register(Catalog c) {
        PgType t = PgTypes.TEXT;
        PgType ta = PgTypes.arrayOf(PgTypes.TEXT);
        c.add("regexp_match", ta, (v, x) -> match((String) v[0], (String) v[1], null), t, t);
        c.add("regexp_match", ta, (v, x) -> match((String) v[0], (String) v[1], (String) v[2]), t, t, t);
        c.add("regexp_split_to_array", ta, (v, x) -> split((String) v[0], (String) v[1], null), t, t);
        c.add("regexp_split_to_array", ta, (v, x) -> split((String) v[0], (String) v[1], (String) v[2]), t, t, t);
    }

    private static Object[] match(String s, String pattern, String flags) {
        PgRegex r = PgRegex.compile(pattern, RegexOptions.parse(flags, false, "regexp_match()"));
        PgRegex.Match m = r.match(s, 0);
        if (m == null) {
            return null;
        }
        if (r.groupCount() == 0) {
            return new Object[] {m.text(s)};
        }
        Object[] out = new Object[r.groupCount()];
        for (int g = 1; g <= r.groupCount(); g++) {
            out[g - 1] = m.group(s, g);
        }
        return out;
    }

    private static Object[] split(String s, String pattern, String flags) {
        PgRegex r = PgRegex.compile(pattern, RegexOptions.parse(flags, false, "regexp_split_to_array()"));
        List<Object> out = new ArrayList<>();
        int start = 0;
        int search = 0;
        while (search < s.length()) {
            PgRegex.Match m = r.match(s, search);
            if (m == null) {
                break;
            }
            if (m.end() == m.start() && (m.start() == 0 || m.start() >= s.length() || m.start() == start)) {
                // an empty match at the start, at the end or right after the previous split: no split
                search = m.start() + Character.charCount(s.codePointAt(Math.min(m.start(), s.length() - 1)));
                continue;
            }
            out.add(s.substring(start, m.start()));
            start = m.end();
            search = m.end() > m.start() ? m.end() : m.end() + Character.charCount(s.codePointAt(m.end()));
        }
        out.add(s.substring(start));
        return out.toArray();
    }
}
