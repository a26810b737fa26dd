package org.pgmini.executor.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * PostgreSQL's string functions beyond the basics in {@link Catalog}: split_part, replace,
 * lpad/rpad, repeat, left/right, reverse, initcap, starts_with, quote_ident/quote_literal/
 * quote_nullable (catalog entries), and the variadic "any" functions concat, concat_ws and
 * format, which take arguments of every type and print them with their output functions (so
 * they are analyzed here, not through overload resolution). Lengths count characters
 * (code points), as in a UTF-8 database.
 */
final class StringFunctions {
    private StringFunctions() {}

    static void register(Catalog cat) {
        PgType t = PgTypes.TEXT;
        PgType i4 = PgTypes.INT4;
        cat.add("split_part", t, (v, c) -> splitPart((String) v[0], (String) v[1], (Integer) v[2]), t, t, i4);
        cat.add("replace", t, (v, c) -> ((String) v[1]).isEmpty() ? v[0] : ((String) v[0]).replace((String) v[1], (String) v[2]),
                t, t, t);
        cat.add("lpad", t, (v, c) -> pad((String) v[0], (Integer) v[1], " ", true), t, i4);
        cat.add("lpad", t, (v, c) -> pad((String) v[0], (Integer) v[1], (String) v[2], true), t, i4, t);
        cat.add("rpad", t, (v, c) -> pad((String) v[0], (Integer) v[1], " ", false), t, i4);
        cat.add("rpad", t, (v, c) -> pad((String) v[0], (Integer) v[1], (String) v[2], false), t, i4, t);
        cat.add("repeat", t, (v, c) -> repeat((String) v[0], (Integer) v[1]), t, i4);
        cat.add("left", t, (v, c) -> left((String) v[0], (Integer) v[1]), t, i4);
        cat.add("right", t, (v, c) -> right((String) v[0], (Integer) v[1]), t, i4);
        cat.add("reverse", t, (v, c) -> new StringBuilder((String) v[0]).reverse().toString(), t);
        cat.add("initcap", t, (v, c) -> initcap((String) v[0]), t);
        cat.add("starts_with", PgTypes.BOOL, (v, c) -> ((String) v[0]).startsWith((String) v[1]), t, t);
        cat.add("quote_ident", t, (v, c) -> quoteIdent((String) v[0]), t);
        cat.add("quote_literal", t, (v, c) -> quoteLiteral((String) v[0]), t);
        cat.addVolatile("quote_nullable", t, false, (v, c) -> v[0] == null ? "NULL" : quoteLiteral((String) v[0]), t);
    }

    private static int cpLength(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The first {@code n} characters. */
    private static String prefix(String s, int n) {
        return s.substring(0, s.offsetByCodePoints(0, Math.max(0, Math.min(n, cpLength(s)))));
    }

    static String splitPart(String s, String delim, int field) {
        if (field == 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        if (delim.isEmpty()) {
            return field == 1 || field == -1 ? s : "";
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(delim, from);
            if (at < 0) {
                parts.add(s.substring(from));
                break;
            }
            parts.add(s.substring(from, at));
            from = at + delim.length();
        }
        int idx = field > 0 ? field - 1 : parts.size() + field;
        return idx >= 0 && idx < parts.size() ? parts.get(idx) : "";
    }

    static String pad(String s, int len, String fill, boolean left) {
        if (len <= 0) {
            return "";
        }
        int n = cpLength(s);
        if (n >= len || fill.isEmpty()) {
            return prefix(s, len);
        }
        StringBuilder p = new StringBuilder();
        int[] fillCps = fill.codePoints().toArray();
        for (int i = 0; i < len - n; i++) {
            p.appendCodePoint(fillCps[i % fillCps.length]);
        }
        return left ? p + s : s + p;
    }

    static String repeat(String s, int count) {
        if (count <= 0) {
            return "";
        }
        long size = (long) s.length() * count;
        if (size > 1_073_741_823L / 2) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
        return s.repeat(count);
    }

    static String left(String s, int n) {
        int len = cpLength(s);
        return prefix(s, n >= 0 ? n : len + n);
    }

    static String right(String s, int n) {
        int len = cpLength(s);
        int keep = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
        return s.substring(s.offsetByCodePoints(0, len - keep));
    }

    /**
     * Upper case the first letter of each run of letters and digits, lower case the rest, in the
     * C locale the database has: only ASCII letters and digits form words and change case.
     */
    static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
            if (letter) {
                sb.append(inWord ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
            } else {
                sb.append(ch);
            }
            inWord = letter || (ch >= '0' && ch <= '9');
        }
        return sb.toString();
    }

    /** PostgreSQL's keywords other than the unreserved ones: quote_ident must quote them. */
    private static final Set<String> KEYWORDS = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
            "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group",
            "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp",
            "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
            "variadic", "when", "where", "window", "with", "authorization", "binary", "collation", "concurrently", "cross",
            "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull",
            "outer", "overlaps", "right", "similar", "tablesample", "verbose", "between", "bigint", "bit", "boolean", "char",
            "character", "coalesce", "dec", "decimal", "exists", "extract", "float", "greatest", "grouping", "inout", "int",
            "integer", "interval", "least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
            "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim",
            "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
            "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    static String quoteIdent(String s) {
        boolean safe = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) && s.charAt(0) < 128 || s.charAt(0) == '_');
        for (int i = 0; i < s.length() && safe; i++) {
            char ch = s.charAt(i);
            safe = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        if (safe && !KEYWORDS.contains(s)) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }

    // ---- variadic "any" functions ----

    /** concat, concat_ws and format calls; null when {@code name} is none of them. */
    static Typed variadic(String name, List<Typed> args, int position) {
        switch (name) {
            case "concat":
                if (args.isEmpty()) {
                    return null;
                }
                return build(args, 0, (v, c) -> {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : v) {
                        if (o != null) {
                            sb.append(o);
                        }
                    }
                    return sb.toString();
                });
            case "concat_ws":
                if (args.isEmpty()) {
                    return null;
                }
                return build(args, 1, (v, c) -> {
                    if (v[0] == null) {
                        return null;
                    }
                    StringBuilder sb = new StringBuilder();
                    boolean first = true;
                    for (int i = 1; i < v.length; i++) {
                        if (v[i] != null) {
                            if (!first) {
                                sb.append((String) v[0]);
                            }
                            sb.append(v[i]);
                            first = false;
                        }
                    }
                    return sb.toString();
                });
            case "format":
                if (args.isEmpty()) {
                    return null;
                }
                return build(args, 1, (v, c) -> v[0] == null ? null : format((String) v[0], v, c));
            default:
                return null;
        }
    }

    private interface TextImpl extends java.io.Serializable {
        Object apply(Object[] textArgs, EvalContext c);
    }

    /**
     * The first {@code textLeading} arguments are text (resolved like text parameters); the rest
     * are printed with their type's output function when the call runs (a session setting such as
     * DateStyle may change them, so the call is never folded).
     */
    private static Typed build(List<Typed> args, int textLeading, TextImpl impl) {
        int n = args.size();
        Eval[] evals = new Eval[n];
        PgType[] types = new PgType[n];
        for (int i = 0; i < n; i++) {
            Typed a = args.get(i);
            if (i < textLeading || a.isUnknown()) {
                a = Casts.coerce(a, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            evals[i] = a.eval;
            types[i] = a.type;
        }
        Eval e = c -> {
            Object[] v = new Object[n];
            for (int i = 0; i < n; i++) {
                Object o = evals[i].eval(c);
                v[i] = o == null ? null : types[i] == PgTypes.TEXT ? o : types[i].output(o, c.session);
            }
            return impl.apply(v, c);
        };
        return new Typed(PgTypes.TEXT, -1, e, false);
    }

    private static PgException formatError(String msg, boolean hint) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, msg, null, hint ? "For a single \"%\" use \"%%\"." : null,
                0, null, null);
    }

    /** format(): %[n$][-][width|*|*n$](s|I|L) and %%. {@code v[0]} is the format, arguments follow. */
    static String format(String f, Object[] v, EvalContext c) {
        StringBuilder out = new StringBuilder();
        int nextArg = 1;
        int i = 0;
        while (i < f.length()) {
            char ch = f.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (i >= f.length()) {
                throw formatError("unterminated format() type specifier", true);
            }
            if (f.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            int argPos = -1;
            int[] num = new int[1];
            int j = digits(f, i, num);
            if (j > i && j < f.length() && f.charAt(j) == '$') {
                argPos = num[0];
                if (argPos == 0) {
                    throw formatError("format specifies argument 0, but arguments are numbered from 1", false);
                }
                i = j + 1;
            }
            boolean leftAlign = false;
            if (i < f.length() && f.charAt(i) == '-') {
                leftAlign = true;
                i++;
            }
            int width = -1;
            if (i < f.length() && f.charAt(i) == '*') {
                i++;
                int widthArg = nextArg;
                j = digits(f, i, num);
                if (j > i && j < f.length() && f.charAt(j) == '$') {
                    widthArg = num[0];
                    i = j + 1;
                } else {
                    nextArg++;
                }
                if (widthArg >= v.length) {
                    throw formatError("too few arguments for format()", false);
                }
                Object w = v[widthArg];
                width = w == null ? 0 : Integer.parseInt(((String) w).trim());
                if (width < 0) {
                    leftAlign = true;
                    width = -width;
                }
            } else {
                j = digits(f, i, num);
                if (j > i) {
                    width = num[0];
                    i = j;
                }
            }
            if (i >= f.length()) {
                throw formatError("unterminated format() type specifier", true);
            }
            char type = f.charAt(i++);
            if (type != 's' && type != 'I' && type != 'L') {
                throw formatError("unrecognized format() type specifier \"" + type + "\"", true);
            }
            int arg = argPos > 0 ? argPos : nextArg;
            nextArg = arg + 1;
            if (arg >= v.length) {
                throw formatError("too few arguments for format()", false);
            }
            Object value = v[arg];
            String text;
            if (type == 's') {
                text = value == null ? "" : (String) value;
            } else if (type == 'I') {
                if (value == null) {
                    throw new PgException(SqlState.NULL_VALUE_NOT_ALLOWED, "null values cannot be formatted as an SQL identifier");
                }
                text = quoteIdent((String) value);
            } else {
                text = value == null ? "NULL" : quoteLiteral((String) value);
            }
            int pad = width - text.codePointCount(0, text.length());
            if (pad > 0) {
                text = leftAlign ? text + " ".repeat(pad) : " ".repeat(pad) + text;
            }
            out.append(text);
        }
        return out.toString();
    }

    private static int digits(String f, int i, int[] value) {
        int j = i;
        long v = 0;
        while (j < f.length() && Character.isDigit(f.charAt(j))) {
            v = Math.min(v * 10 + (f.charAt(j) - '0'), Integer.MAX_VALUE);
            j++;
        }
        value[0] = (int) v;
        return j;
    }
}
