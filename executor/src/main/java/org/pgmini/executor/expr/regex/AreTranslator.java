package org.pgmini.executor.expr.regex;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Reads a PostgreSQL advanced regular expression (ARE, the flavour of {@code ~}, regexp_* and
 * substring) and writes an equivalent java.util.regex pattern, checking the syntax as
 * PostgreSQL's regcomp does and raising its messages (SQLSTATE 2201B). It also works out the
 * RE's overall preference (PostgreSQL matches the longest or the shortest string at the
 * leftmost position, where Java takes the first alternative that succeeds): see
 * {@link Preference}.
 *
 * <p>Where the two flavours differ, the output spells things out so that Java cannot read them
 * its own way: every literal that is not an ASCII letter or digit becomes {@code \x{h}};
 * {@code ^}/{@code $} become {@code \A}/{@code \z} (or line anchors built from look-arounds in
 * newline-sensitive mode, since Java's {@code $} also matches before a final newline);
 * PostgreSQL's {@code \b} (backspace), {@code \B} (backslash), {@code \v} (vertical tab),
 * {@code \m}, {@code \M}, {@code \y}, {@code \Y}, {@code \Z} get their PostgreSQL meanings;
 * inside brackets {@code [} and {@code &} are literals; parentheses inside look-arounds do not
 * capture (PostgreSQL's rule), so group numbers stay the same on both sides.
 */
final class AreTranslator {
    /** The overall match preference of an RE (PostgreSQL's LONGER / SHORTER subre flags). */
    enum Preference { NONE, LONGER, SHORTER }

    /** PostgreSQL's DUPMAX: the largest repetition count. */
    private static final int DUPMAX = 255;

    private final String src;
    private final boolean expanded;
    private final boolean dotExcludesNewline;
    private final boolean anchorsAtLines;
    private int pos;
    private final StringBuilder out = new StringBuilder();
    /** Capturing groups opened so far (their numbers). */
    private int groups;
    /** Depth of look-around constraints we are inside (their parentheses do not capture). */
    private int lookaroundDepth;

    /** Result of a translation. */
    record Result(String javaRegex, Preference preference, int groups, boolean caseInsensitive) {}

    private AreTranslator(String src, int start, RegexOptions opts) {
        this.src = src;
        this.pos = start;
        this.expanded = opts.expanded;
        this.dotExcludesNewline = opts.newlineSensitiveDot();
        this.anchorsAtLines = opts.newlineSensitiveAnchors();
    }

    static Result translate(String pattern, RegexOptions options) {
        RegexOptions opts = options.copy();
        int start = 0;
        if (pattern.startsWith("***=")) {
            return literal(pattern.substring(4), opts.caseInsensitive);
        }
        if (pattern.startsWith("***:")) {
            start = 4;
        }
        // embedded options, only at the very start of an ARE
        if (pattern.startsWith("(?", start) && start + 2 < pattern.length()
                && Character.isLetter(pattern.charAt(start + 2))) {
            int i = start + 2;
            while (i < pattern.length() && pattern.charAt(i) != ')') {
                opts.apply(pattern.charAt(i), true);
                i++;
            }
            if (i >= pattern.length()) {
                throw invalid("missing )");
            }
            start = i + 1;
        }
        if (opts.literal) {
            return literal(pattern.substring(start), opts.caseInsensitive);
        }
        if (opts.basic) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "basic regular expressions (the \"b\" option) are not supported");
        }
        AreTranslator t = new AreTranslator(pattern, start, opts);
        Preference p = t.regex();
        if (t.pos < t.src.length()) {
            // only an unmatched ")" stops the top-level alternation early
            throw invalid("parentheses () not balanced");
        }
        return new Result(t.out.toString(), p, t.groups, opts.caseInsensitive);
    }

    private static Result literal(String text, boolean caseInsensitive) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> appendLiteral(sb, cp));
        return new Result(sb.toString(), Preference.NONE, 0, caseInsensitive);
    }

    static PgException invalid(String what) {
        return new PgException(RegexErrors.INVALID_REGULAR_EXPRESSION, "invalid regular expression: " + what);
    }

    // ------------------------------------------------------------------ grammar

    /** regex := branch ('|' branch)*; several branches make the RE greedy. */
    private Preference regex() {
        Preference p = branch();
        boolean alternation = false;
        while (more() && peek() == '|') {
            pos++;
            out.append('|');
            branch();
            alternation = true;
        }
        return alternation ? Preference.LONGER : p;
    }

    /** branch := piece*; its preference is that of its first piece that has one. */
    private Preference branch() {
        Preference first = Preference.NONE;
        while (true) {
            skipExpandedSpace();
            if (!more() || peek() == '|' || peek() == ')') {
                return first;
            }
            Preference p = piece();
            if (first == Preference.NONE) {
                first = p;
            }
        }
    }

    private Preference piece() {
        char c = peek();
        if (c == '*' || c == '+' || c == '?' || (c == '{' && isBoundStart(pos))) {
            throw invalid("quantifier operand invalid");
        }
        Atom atom = atom();
        skipExpandedSpace();
        if (!more()) {
            return atom.preference;
        }
        c = peek();
        Preference result;
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            out.append(c);
            result = greediness();
        } else if (c == '{' && isBoundStart(pos)) {
            pos++;
            int m = number();
            boolean comma = false;
            int n = m;
            if (more() && peek() == ',') {
                pos++;
                comma = true;
                n = more() && Character.isDigit(peek()) ? number() : -1;
            }
            if (!more() || peek() != '}') {
                throw invalid("braces {} not balanced");
            }
            pos++;
            if (m > DUPMAX || n > DUPMAX || (n >= 0 && n < m)) {
                throw invalid("invalid repetition count(s)");
            }
            out.append('{').append(m);
            if (comma) {
                out.append(',');
                if (n >= 0) {
                    out.append(n);
                }
            }
            out.append('}');
            Preference g = greediness();
            // {m} keeps the atom's own preference unless it is marked non-greedy
            result = !comma && g == Preference.LONGER ? atom.preference : g;
        } else {
            return atom.preference;
        }
        if (!atom.quantifiable) {
            throw invalid("quantifier operand invalid");
        }
        skipExpandedSpace();
        if (more() && (peek() == '*' || peek() == '+' || peek() == '?' || (peek() == '{' && isBoundStart(pos)))) {
            throw invalid("quantifier operand invalid");
        }
        return result;
    }

    private Preference greediness() {
        if (more() && peek() == '?') {
            pos++;
            out.append('?');
            return Preference.SHORTER;
        }
        return Preference.LONGER;
    }

    private boolean isBoundStart(int at) {
        return at + 1 < src.length() && Character.isDigit(src.charAt(at + 1));
    }

    private int number() {
        int start = pos;
        while (more() && Character.isDigit(peek())) {
            pos++;
        }
        if (pos == start) {
            throw invalid("invalid repetition count(s)");
        }
        String digits = src.substring(start, pos);
        return digits.length() > 4 ? DUPMAX + 1 : Integer.parseInt(digits);
    }

    /**
     * What an atom is: its preference, whether a quantifier may follow it. Every atom is
     * written as one Java atom (a group where it takes several tokens), so a quantifier
     * appended after it applies to all of it.
     */
    private record Atom(Preference preference, boolean quantifiable) {}

    private static final Atom PLAIN = new Atom(Preference.NONE, true);
    private static final Atom CONSTRAINT = new Atom(Preference.NONE, false);

    private Atom atom() {
        char c = src.charAt(pos++);
        switch (c) {
            case '(':
                return group();
            case ')':
                throw invalid("parentheses () not balanced");
            case '[':
                bracket();
                return PLAIN;
            case '.':
                out.append(dotExcludesNewline ? "[^\\n]" : "(?s:.)");
                return PLAIN;
            case '^':
                out.append(anchorsAtLines ? "(?:\\A|(?<=\\n))" : "\\A");
                return CONSTRAINT;
            case '$':
                out.append(anchorsAtLines ? "(?=\\n|\\z)" : "\\z");
                return CONSTRAINT;
            case '\\':
                return escape();
            case '{':
                // not a bound (no digit follows): an ordinary character, as in PostgreSQL
                appendLiteral(out, '{');
                return PLAIN;
            default:
                pos--;
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                appendLiteral(out, cp);
                return PLAIN;
        }
    }

    private Atom group() {
        boolean capturing = true;
        boolean lookaround = false;
        if (more() && peek() == '?') {
            if (src.startsWith("?:", pos)) {
                pos += 2;
                capturing = false;
                out.append("(?:");
            } else if (src.startsWith("?=", pos) || src.startsWith("?!", pos)) {
                out.append('(').append(src, pos, pos + 2);
                pos += 2;
                lookaround = true;
            } else if (src.startsWith("?<=", pos) || src.startsWith("?<!", pos)) {
                out.append('(').append(src, pos, pos + 3);
                pos += 3;
                lookaround = true;
            } else {
                // PostgreSQL reads "(?" as a group starting with a quantifier
                throw invalid("quantifier operand invalid");
            }
        } else if (lookaroundDepth > 0) {
            capturing = false;
            out.append("(?:");
        } else {
            groups++;
            out.append('(');
        }
        if (lookaround) {
            lookaroundDepth++;
        }
        Preference inner = regex();
        if (lookaround) {
            lookaroundDepth--;
        }
        if (!more() || peek() != ')') {
            throw invalid("parentheses () not balanced");
        }
        pos++;
        out.append(')');
        if (lookaround) {
            return CONSTRAINT;
        }
        return new Atom(inner, true);
    }

    private Atom escape() {
        if (!more()) {
            throw invalid("invalid escape \\ sequence");
        }
        char c = src.charAt(pos++);
        switch (c) {
            case 'd': case 's': case 'w': case 'D': case 'S': case 'W':
                out.append('\\').append(c);
                return PLAIN;
            case 'A':
                out.append("\\A");
                return CONSTRAINT;
            case 'Z':
                out.append("\\z");
                return CONSTRAINT;
            case 'm':
                out.append("\\b(?=\\w)");
                return CONSTRAINT;
            case 'M':
                out.append("\\b(?<=\\w)");
                return CONSTRAINT;
            case 'y':
                out.append("\\b");
                return CONSTRAINT;
            case 'Y':
                out.append("\\B");
                return CONSTRAINT;
            default:
                break;
        }
        if (c >= '1' && c <= '9') {
            int start = pos - 1;
            int end = pos;
            while (end < src.length() && Character.isDigit(src.charAt(end))) {
                end++;
            }
            int n = Integer.parseInt(src.substring(start, Math.min(end, start + 6)));
            if (end - start == 1 || n <= groups) {
                if (n > groups) {
                    throw invalid("invalid backreference number");
                }
                pos = end;
                out.append("(?:\\").append(n).append(')');
                return PLAIN;
            }
            // a multi-digit number past the groups: an octal character entry
        }
        pos--;
        int cp = characterEntry();
        appendLiteral(out, cp);
        return PLAIN;
    }

    /**
     * A character-entry escape after the backslash (pos at the letter), or a backslash before a
     * non-alphanumeric character (that character). Shared with bracket expressions.
     */
    private int characterEntry() {
        char c = src.charAt(pos++);
        switch (c) {
            case 'a': return 0x07;
            case 'b': return 0x08;
            case 'B': return '\\';
            case 'e': return 0x1B;
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return 0x0B;
            case 'c':
                if (!more()) {
                    throw invalid("invalid escape \\ sequence");
                }
                return src.charAt(pos++) & 037;
            case 'u':
                return hex(4, 4);
            case 'U':
                return hex(8, 8);
            case 'x':
                return hex(1, 8);
            default:
                break;
        }
        if (c >= '0' && c <= '7') {
            int v = c - '0';
            int digits = 1;
            while (digits < 3 && more() && peek() >= '0' && peek() <= '7') {
                v = v * 8 + (src.charAt(pos++) - '0');
                digits++;
            }
            return v;
        }
        if (Character.isLetterOrDigit(c)) {
            throw invalid("invalid escape \\ sequence");
        }
        pos--;
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    private int hex(int min, int max) {
        int start = pos;
        while (pos < src.length() && pos - start < max && Character.digit(src.charAt(pos), 16) >= 0) {
            pos++;
        }
        if (pos - start < min) {
            throw invalid("invalid escape \\ sequence");
        }
        long v = Long.parseLong(src.substring(start, pos), 16);
        if (v > Character.MAX_CODE_POINT) {
            throw invalid("invalid escape \\ sequence");
        }
        return (int) v;
    }

    // ------------------------------------------------------------------ brackets

    private void bracket() {
        StringBuilder cls = new StringBuilder("[");
        boolean negated = false;
        if (more() && peek() == '^') {
            pos++;
            negated = true;
            cls.append('^');
        }
        boolean first = true;
        while (true) {
            if (!more()) {
                throw invalid("brackets [] not balanced");
            }
            char c = peek();
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            if (src.startsWith("[:", pos)) {
                cls.append(namedClass());
                continue;
            }
            int lo = bracketChar(cls);
            if (lo < 0) {
                // a class escape such as \d: no range may start here
                continue;
            }
            if (more() && peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                pos++;
                int hi = bracketChar(cls);
                if (hi < 0 || hi < lo) {
                    throw invalid("invalid character range");
                }
                appendLiteral(cls, lo);
                cls.append('-');
                appendLiteral(cls, hi);
            } else {
                appendLiteral(cls, lo);
            }
        }
        if (negated && dotExcludesNewline) {
            // newline-sensitive: a negated bracket expression never matches a newline
            cls.append("\\n");
        }
        cls.append(']');
        out.append(cls);
    }

    /**
     * One character of a bracket expression (collating element, equivalence class, escape or
     * plain), or -1 after writing a class escape (\d, \s, \w and negations) into {@code cls}.
     */
    private int bracketChar(StringBuilder cls) {
        if (src.startsWith("[.", pos) || src.startsWith("[=", pos)) {
            char kind = src.charAt(pos + 1);
            int end = src.indexOf(kind + "]", pos + 2);
            if (end < 0) {
                throw invalid("brackets [] not balanced");
            }
            String name = src.substring(pos + 2, end);
            pos = end + 2;
            if (name.codePointCount(0, name.length()) != 1) {
                throw invalid("invalid collating element");
            }
            return name.codePointAt(0);
        }
        char c = peek();
        if (c == '\\') {
            pos++;
            if (!more()) {
                throw invalid("brackets [] not balanced");
            }
            char e = peek();
            if ("dswDSW".indexOf(e) >= 0) {
                pos++;
                cls.append('\\').append(e);
                return -1;
            }
            return characterEntry();
        }
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    private String namedClass() {
        int end = src.indexOf(":]", pos + 2);
        if (end < 0) {
            throw invalid("brackets [] not balanced");
        }
        String name = src.substring(pos + 2, end);
        pos = end + 2;
        switch (name) {
            case "alpha": return "\\p{Alpha}";
            case "digit": return "\\p{Digit}";
            case "alnum": return "\\p{Alnum}";
            case "upper": return "\\p{Upper}";
            case "lower": return "\\p{Lower}";
            case "space": return "\\s";
            case "punct": return "\\p{Punct}";
            case "print": return "\\p{Print}";
            case "graph": return "\\p{Graph}";
            case "cntrl": return "\\p{Cntrl}";
            case "xdigit": return "\\p{XDigit}";
            case "blank": return "\\p{Blank}";
            case "word": return "\\w";
            default: throw invalid("invalid character class");
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean more() {
        return pos < src.length();
    }

    private char peek() {
        return src.charAt(pos);
    }

    /** Expanded syntax (x): white space and #-comments outside brackets mean nothing. */
    private void skipExpandedSpace() {
        if (!expanded) {
            return;
        }
        while (more()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                pos++;
            } else if (c == '#') {
                while (more() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** A literal code point in a form Java's syntax cannot misread. */
    static void appendLiteral(StringBuilder sb, int cp) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
            sb.append((char) cp);
        } else {
            sb.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }
    }
}
