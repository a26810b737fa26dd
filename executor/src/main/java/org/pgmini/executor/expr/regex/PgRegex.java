package org.pgmini.executor.expr.regex;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * A compiled PostgreSQL regular expression (ARE) running on java.util.regex.
 *
 * <p>Matching follows PostgreSQL's rule for the overall match: the leftmost start (both engines
 * agree on it), then the longest (or, for a non-greedy RE, the shortest) string that matches
 * there, where Java would stop at the first alternative that succeeds. So after Java's
 * {@code find} we look for a longer (shorter) end at the same start with {@code matches()} on
 * a region (transparent, non-anchoring bounds, so look-arounds and anchors see the whole
 * text). That costs up to one region match per remaining character when Java's answer is not
 * already final; REs without quantifiers or alternation skip it. Capture groups are Java's
 * within that overall match; PostgreSQL's own per-subexpression preferences can assign a
 * different split between groups in ambiguous patterns (documented in the README).
 *
 * <p>Immutable and thread-safe; compiled patterns are cached (like PostgreSQL's cache of 32).
 */
public final class PgRegex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Pattern pattern;
    private final AreTranslator.Preference preference;
    private final int groups;

    private PgRegex(Pattern pattern, AreTranslator.Preference preference, int groups) {
        this.pattern = pattern;
        this.preference = preference;
        this.groups = groups;
    }

    private static final int CACHE_SIZE = 256;
    private static final Map<String, PgRegex> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PgRegex> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** Compiles (or finds in the cache) an ARE with these options; 2201B for invalid ones. */
    public static PgRegex compile(String regex, RegexOptions options) {
        String key = options.compileKey() + "\u0000" + regex;
        synchronized (CACHE) {
            PgRegex r = CACHE.get(key);
            if (r != null) {
                return r;
            }
        }
        AreTranslator.Result t = AreTranslator.translate(regex, options);
        int flags = Pattern.UNIX_LINES;
        if (t.caseInsensitive()) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        Pattern p;
        try {
            p = Pattern.compile(t.javaRegex(), flags);
        } catch (PatternSyntaxException e) {
            // what PostgreSQL accepts but Java cannot run, e.g. a look-behind of unbounded length
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "regular expression \"" + regex
                    + "\" is not supported: " + e.getDescription());
        }
        PgRegex r = new PgRegex(p, t.preference(), t.groups());
        synchronized (CACHE) {
            CACHE.put(key, r);
        }
        return r;
    }

    /** Number of capturing parenthesized subexpressions. */
    public int groupCount() {
        return groups;
    }

    /** True when the RE matches anywhere in {@code s}. */
    public boolean find(String s) {
        try {
            return pattern.matcher(s).find();
        } catch (StackOverflowError e) {
            throw tooComplex();
        }
    }

    /** One match: overall bounds and each group's bounds (-1 when the group did not take part). */
    public record Match(int start, int end, int[] groupStart, int[] groupEnd) {
        public String group(String s, int g) {
            return groupStart[g - 1] < 0 ? null : s.substring(groupStart[g - 1], groupEnd[g - 1]);
        }

        public String text(String s) {
            return s.substring(start, end);
        }
    }

    /** The first match starting at or after {@code from} (a char index), or null. */
    public Match match(String s, int from) {
        try {
            Matcher m = pattern.matcher(s);
            m.useTransparentBounds(true).useAnchoringBounds(false);
            if (from > s.length() || !m.find(from)) {
                return null;
            }
            Match first = capture(m);
            int st = first.start();
            if (preference == AreTranslator.Preference.LONGER) {
                for (int e = s.length(); e > first.end(); e--) {
                    if (splitsSurrogate(s, e)) {
                        continue;
                    }
                    m.region(st, e);
                    if (m.matches()) {
                        return capture(m);
                    }
                }
            } else if (preference == AreTranslator.Preference.SHORTER) {
                for (int e = st; e < first.end(); e++) {
                    if (splitsSurrogate(s, e)) {
                        continue;
                    }
                    m.region(st, e);
                    if (m.matches()) {
                        return capture(m);
                    }
                }
            }
            return first;
        } catch (StackOverflowError e) {
            throw tooComplex();
        }
    }

    private static boolean splitsSurrogate(String s, int i) {
        return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private Match capture(Matcher m) {
        int[] gs = new int[groups];
        int[] ge = new int[groups];
        for (int g = 1; g <= groups; g++) {
            gs[g - 1] = m.start(g);
            ge[g - 1] = m.end(g);
        }
        return new Match(m.start(), m.end(), gs, ge);
    }

    private static PgException tooComplex() {
        return new PgException(RegexErrors.INVALID_REGULAR_EXPRESSION, "invalid regular expression: regular expression is too complex");
    }
}
