package org.pgmini.executor.expr;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.regex.PgRegex;
import org.pgmini.executor.expr.regex.RegexOptions;
import org.pgmini.executor.expr.regex.SimilarTo;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Catalog entries of pattern matching: the LIKE operators (~~ ~~* !~~ !~~*), the regular
 * expression operators (~ ~* !~ !~*) for text, name and bpchar, like_escape and
 * similar_to_escape (what LIKE ... ESCAPE and SIMILAR TO turn into, as in PostgreSQL's
 * grammar), substring's regex and SIMILAR forms, and the regexp_* functions of PostgreSQL 15
 * that return scalars (regexp_replace, regexp_count, regexp_instr, regexp_like, regexp_substr).
 */
final class PatternFunctions {
    private PatternFunctions() {}

    static void register(Catalog c) {
        PgType t = PgTypes.TEXT;
        PgType b = PgTypes.BOOL;
        PgType i4 = PgTypes.INT4;
        for (PgType left : new PgType[] {t, PgTypes.NAME, PgTypes.BPCHAR}) {
            boolean bp = left == PgTypes.BPCHAR;
            c.add("~~", b, (v, x) -> Like.matches(str(v[0], bp), (String) v[1], '\\', false), left, t);
            c.add("!~~", b, (v, x) -> !Like.matches(str(v[0], bp), (String) v[1], '\\', false), left, t);
            c.add("~~*", b, (v, x) -> Like.matches(str(v[0], bp), (String) v[1], '\\', true), left, t);
            c.add("!~~*", b, (v, x) -> !Like.matches(str(v[0], bp), (String) v[1], '\\', true), left, t);
            c.add("~", b, (v, x) -> regex((String) v[1], false).find(str(v[0], bp)), left, t);
            c.add("!~", b, (v, x) -> !regex((String) v[1], false).find(str(v[0], bp)), left, t);
            c.add("~*", b, (v, x) -> regex((String) v[1], true).find(str(v[0], bp)), left, t);
            c.add("!~*", b, (v, x) -> !regex((String) v[1], true).find(str(v[0], bp)), left, t);
        }
        c.add("like_escape", t, (v, x) -> likeEscape((String) v[0], (String) v[1]), t, t);
        c.add("similar_to_escape", t, (v, x) -> SimilarTo.toRegex((String) v[0], null), t);
        c.add("similar_to_escape", t, (v, x) -> SimilarTo.toRegex((String) v[0], (String) v[1]), t, t);
        c.add("substring", t, (v, x) -> regexSubstring((String) v[0], (String) v[1]), t, t);
        c.add("substring", t, (v, x) -> SimilarTo.substring((String) v[0], (String) v[1], (String) v[2]), t, t, t);

        c.add("regexp_replace", t, (v, x) -> replace(v, 1, 1, null), t, t, t);
        c.add("regexp_replace", t, (v, x) -> replace(v, 1, FROM_FLAGS, (String) v[3]), t, t, t, t);
        c.add("regexp_replace", t, (v, x) -> replace(v, (Integer) v[3], 1, null), t, t, t, i4);
        c.add("regexp_replace", t, (v, x) -> replace(v, (Integer) v[3], (Integer) v[4], null), t, t, t, i4, i4);
        c.add("regexp_replace", t, (v, x) -> replace(v, (Integer) v[3], (Integer) v[4], (String) v[5]), t, t, t, i4, i4, t);

        c.add("regexp_count", i4, (v, x) -> count(v, 1, null), t, t);
        c.add("regexp_count", i4, (v, x) -> count(v, (Integer) v[2], null), t, t, i4);
        c.add("regexp_count", i4, (v, x) -> count(v, (Integer) v[2], (String) v[3]), t, t, i4, t);

        c.add("regexp_like", b, (v, x) -> compile((String) v[1], RegexOptions.parse(null, false, "regexp_like()"))
                .find((String) v[0]), t, t);
        c.add("regexp_like", b, (v, x) -> compile((String) v[1], RegexOptions.parse((String) v[2], false, "regexp_like()"))
                .find((String) v[0]), t, t, t);

        c.add("regexp_instr", i4, (v, x) -> instr(v, 1, 1, 0, null, 0), t, t);
        c.add("regexp_instr", i4, (v, x) -> instr(v, (Integer) v[2], 1, 0, null, 0), t, t, i4);
        c.add("regexp_instr", i4, (v, x) -> instr(v, (Integer) v[2], (Integer) v[3], 0, null, 0), t, t, i4, i4);
        c.add("regexp_instr", i4, (v, x) -> instr(v, (Integer) v[2], (Integer) v[3], (Integer) v[4], null, 0),
                t, t, i4, i4, i4);
        c.add("regexp_instr", i4, (v, x) -> instr(v, (Integer) v[2], (Integer) v[3], (Integer) v[4], (String) v[5], 0),
                t, t, i4, i4, i4, t);
        c.add("regexp_instr", i4, (v, x) -> instr(v, (Integer) v[2], (Integer) v[3], (Integer) v[4], (String) v[5],
                (Integer) v[6]), t, t, i4, i4, i4, t, i4);

        c.add("regexp_substr", t, (v, x) -> substr(v, 1, 1, null, 0), t, t);
        c.add("regexp_substr", t, (v, x) -> substr(v, (Integer) v[2], 1, null, 0), t, t, i4);
        c.add("regexp_substr", t, (v, x) -> substr(v, (Integer) v[2], (Integer) v[3], null, 0), t, t, i4, i4);
        c.add("regexp_substr", t, (v, x) -> substr(v, (Integer) v[2], (Integer) v[3], (String) v[4], 0), t, t, i4, i4, t);
        c.add("regexp_substr", t, (v, x) -> substr(v, (Integer) v[2], (Integer) v[3], (String) v[4], (Integer) v[5]),
                t, t, i4, i4, t, i4);
    }

    /**
     * The left operand as matched. bpchar keeps its padding blanks: PostgreSQL's bpcharlike and
     * bpcharregexeq match the padded value ('abc  '::char(5) LIKE 'abc' is false).
     */
    private static String str(Object v, boolean bpchar) {
        return (String) v;
    }

    private static PgRegex regex(String pattern, boolean caseInsensitive) {
        return PgRegex.compile(pattern, RegexOptions.caseInsensitive(caseInsensitive));
    }

    private static PgRegex compile(String pattern, RegexOptions options) {
        return PgRegex.compile(pattern, options);
    }

    /** like_escape(pattern, escape): the pattern rewritten with backslash as its escape character. */
    static String likeEscape(String pattern, String escape) {
        int esc = Like.escapeChar(escape);
        if (esc == '\\') {
            return pattern;
        }
        StringBuilder sb = new StringBuilder();
        boolean afterEscape = false;
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (afterEscape) {
                sb.append('\\').appendCodePoint(cp);
                afterEscape = false;
            } else if (esc >= 0 && cp == esc) {
                afterEscape = true;
            } else if (cp == '\\') {
                sb.append("\\\\");
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (afterEscape) {
            // a trailing escape stays an escape: LIKE reports it when it gets that far
            sb.append('\\');
        }
        return sb.toString();
    }

    /** substring(s FROM regex): the first parenthesized subexpression's match, else the whole match. */
    private static String regexSubstring(String s, String pattern) {
        PgRegex r = PgRegex.compile(pattern, new RegexOptions());
        PgRegex.Match m = r.match(s, 0);
        if (m == null) {
            return null;
        }
        return r.groupCount() > 0 ? m.group(s, 1) : m.text(s);
    }

    private static PgException invalidParameter(String name, int value) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": " + value);
    }

    /** The char index of the 1-based character position {@code start} (past the end: the length). */
    private static int offsetOf(String s, int start) {
        int cps = s.codePointCount(0, s.length());
        return start - 1 >= cps ? s.length() + (start - 1 - cps) : s.offsetByCodePoints(0, start - 1);
    }

    /**
     * The matches at or after {@code from}, in order, at most {@code limit} (0: all): after an
     * empty match the search moves on by one character, after a non-empty one it starts where
     * that match ended, as PostgreSQL's regexp functions do.
     */
    private static List<PgRegex.Match> matches(PgRegex r, String s, int from, int limit) {
        List<PgRegex.Match> out = new ArrayList<>();
        int pos = from;
        while (pos <= s.length()) {
            PgRegex.Match m = r.match(s, pos);
            if (m == null) {
                break;
            }
            out.add(m);
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            pos = m.end() > m.start() ? m.end() : m.end() + (m.end() < s.length() ? Character.charCount(s.codePointAt(m.end())) : 1);
        }
        return out;
    }

    /** N of regexp_replace when the call has none: the flags decide (g: all, else the first). */
    private static final int FROM_FLAGS = Integer.MIN_VALUE;

    /** regexp_replace: n = which match to replace (0 all). */
    private static String replace(Object[] v, int start, int n, String flags) {
        String s = (String) v[0];
        String replacement = (String) v[2];
        if (start <= 0) {
            throw invalidParameter("start", start);
        }
        if (n < 0 && n != FROM_FLAGS) {
            throw invalidParameter("n", n);
        }
        RegexOptions opts = RegexOptions.parse(flags, true, "regexp_replace()");
        int which = n == FROM_FLAGS ? (opts.global() ? 0 : 1) : n;
        PgRegex r = PgRegex.compile((String) v[1], opts);
        int from = offsetOf(s, start);
        if (from > s.length()) {
            return s;
        }
        List<PgRegex.Match> all = matches(r, s, from, which == 0 ? 0 : which);
        StringBuilder sb = new StringBuilder();
        int copied = 0;
        for (int k = 0; k < all.size(); k++) {
            if (which != 0 && k != which - 1) {
                continue;
            }
            PgRegex.Match m = all.get(k);
            sb.append(s, copied, m.start());
            appendReplacement(sb, replacement, s, m, r.groupCount());
            copied = m.end();
        }
        sb.append(s, copied, s.length());
        return sb.toString();
    }

    /** \1..\9 a group (empty when absent), \& the whole match, \\ a backslash; other text as written. */
    private static void appendReplacement(StringBuilder sb, String rep, String s, PgRegex.Match m, int groups) {
        for (int i = 0; i < rep.length(); i++) {
            char c = rep.charAt(i);
            if (c == '\\' && i + 1 < rep.length()) {
                char d = rep.charAt(i + 1);
                if (d >= '1' && d <= '9') {
                    int g = d - '0';
                    if (g <= groups) {
                        String text = m.group(s, g);
                        if (text != null) {
                            sb.append(text);
                        }
                    }
                    i++;
                    continue;
                }
                if (d == '&') {
                    sb.append(s, m.start(), m.end());
                    i++;
                    continue;
                }
                if (d == '\\') {
                    sb.append('\\');
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
    }

    private static int count(Object[] v, int start, String flags) {
        if (start <= 0) {
            throw invalidParameter("start", start);
        }
        String s = (String) v[0];
        PgRegex r = PgRegex.compile((String) v[1], RegexOptions.parse(flags, false, "regexp_count()"));
        int from = offsetOf(s, start);
        return from > s.length() ? 0 : matches(r, s, from, 0).size();
    }

    private static int instr(Object[] v, int start, int n, int endOption, String flags, int subexpr) {
        if (start <= 0) {
            throw invalidParameter("start", start);
        }
        if (n <= 0) {
            throw invalidParameter("n", n);
        }
        if (endOption != 0 && endOption != 1) {
            throw invalidParameter("endoption", endOption);
        }
        if (subexpr < 0) {
            throw invalidParameter("subexpr", subexpr);
        }
        String s = (String) v[0];
        PgRegex r = PgRegex.compile((String) v[1], RegexOptions.parse(flags, false, "regexp_instr()"));
        int from = offsetOf(s, start);
        if (from > s.length() || subexpr > r.groupCount()) {
            return 0;
        }
        List<PgRegex.Match> all = matches(r, s, from, n);
        if (all.size() < n) {
            return 0;
        }
        PgRegex.Match m = all.get(n - 1);
        int at;
        if (subexpr == 0) {
            at = endOption == 0 ? m.start() : m.end();
        } else {
            if (m.groupStart()[subexpr - 1] < 0) {
                return 0;
            }
            at = endOption == 0 ? m.groupStart()[subexpr - 1] : m.groupEnd()[subexpr - 1];
        }
        return s.codePointCount(0, at) + 1;
    }

    private static String substr(Object[] v, int start, int n, String flags, int subexpr) {
        if (start <= 0) {
            throw invalidParameter("start", start);
        }
        if (n <= 0) {
            throw invalidParameter("n", n);
        }
        if (subexpr < 0) {
            throw invalidParameter("subexpr", subexpr);
        }
        String s = (String) v[0];
        PgRegex r = PgRegex.compile((String) v[1], RegexOptions.parse(flags, false, "regexp_substr()"));
        int from = offsetOf(s, start);
        if (from > s.length() || subexpr > r.groupCount()) {
            return null;
        }
        List<PgRegex.Match> all = matches(r, s, from, n);
        if (all.size() < n) {
            return null;
        }
        PgRegex.Match m = all.get(n - 1);
        return subexpr == 0 ? m.text(s) : m.group(s, subexpr);
    }
}
