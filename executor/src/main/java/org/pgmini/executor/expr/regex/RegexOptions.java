package org.pgmini.executor.expr.regex;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * The option letters of PostgreSQL's regular expressions, as the flags argument of the regexp_*
 * functions and the embedded {@code (?letters)} at the start of an ARE give them. Newline
 * sensitivity is two independent switches, as in PostgreSQL: whether {@code .} and negated
 * brackets exclude the newline ("p"), and whether {@code ^}/{@code $} match at lines ("w");
 * "n"/"m" set both, "s" clears both.
 */
public final class RegexOptions {
    boolean caseInsensitive;
    boolean expanded;
    boolean literal;
    boolean basic;
    private boolean dotExcludesNewline;
    private boolean anchorsAtLines;
    /** "g" (only meaningful to the functions that accept it). */
    boolean global;

    public RegexOptions() {}

    RegexOptions copy() {
        RegexOptions o = new RegexOptions();
        o.caseInsensitive = caseInsensitive;
        o.expanded = expanded;
        o.literal = literal;
        o.basic = basic;
        o.dotExcludesNewline = dotExcludesNewline;
        o.anchorsAtLines = anchorsAtLines;
        o.global = global;
        return o;
    }

    /** Options from a function's flags argument; "g" is accepted only when {@code allowGlobal}. */
    public static RegexOptions parse(String flags, boolean allowGlobal, String function) {
        RegexOptions o = new RegexOptions();
        if (flags == null) {
            return o;
        }
        for (int i = 0; i < flags.length(); i++) {
            char c = flags.charAt(i);
            if (c == 'g') {
                if (!allowGlobal) {
                    throw PgException.withHint(SqlState.INVALID_PARAMETER_VALUE, function
                            + " does not support the \"global\" option", globalHint(function));
                }
                o.global = true;
                continue;
            }
            if (!o.apply(c, false)) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid regular expression option: \""
                        + new String(Character.toChars(flags.codePointAt(i))) + "\"");
            }
        }
        return o;
    }

    private static String globalHint(String function) {
        return function.equals("regexp_match()") ? "Use the regexp_matches function instead." : null;
    }

    public static RegexOptions caseInsensitive(boolean ci) {
        RegexOptions o = new RegexOptions();
        o.caseInsensitive = ci;
        return o;
    }

    /** Applies one option letter; false when it is not one. Embedded options raise 2201B instead. */
    boolean apply(char c, boolean embedded) {
        switch (c) {
            case 'b': basic = true; break;
            case 'c': caseInsensitive = false; break;
            case 'e':
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "extended regular expressions (the \"e\" option) are not supported");
            case 'i': caseInsensitive = true; break;
            case 'm':
            case 'n': dotExcludesNewline = true; anchorsAtLines = true; break;
            case 'p': dotExcludesNewline = true; anchorsAtLines = false; break;
            case 'q': literal = true; break;
            case 's': dotExcludesNewline = false; anchorsAtLines = false; break;
            case 't': expanded = false; break;
            case 'w': dotExcludesNewline = false; anchorsAtLines = true; break;
            case 'x': expanded = true; break;
            default:
                if (embedded) {
                    throw AreTranslator.invalid("invalid embedded option");
                }
                return false;
        }
        return true;
    }

    boolean newlineSensitiveDot() {
        return dotExcludesNewline;
    }

    boolean newlineSensitiveAnchors() {
        return anchorsAtLines;
    }

    public boolean global() {
        return global;
    }

    /** The options that change how the RE compiles (the cache key part). */
    String compileKey() {
        return (caseInsensitive ? "i" : "") + (expanded ? "x" : "") + (literal ? "q" : "") + (basic ? "b" : "")
                + (dotExcludesNewline ? "p" : "") + (anchorsAtLines ? "w" : "");
    }
}
