package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * A one-dimensional array of a base type (pg_type's {@code _int4}, {@code _text}, ...), with
 * PostgreSQL's OIDs. Value: {@code Object[]} of the element type's Java values (null elements
 * allowed), lower bound 1; the empty array is {@code Object[0]}. Multidimensional arrays and
 * lower bounds other than 1 are refused with 0A000 (never silently flattened).
 *
 * <p>Text form as array_in/array_out: {@code {1,2,NULL}}; an element is double-quoted on
 * output when it is empty, is {@code NULL} in any case, or contains {@code { } , " \} or white
 * space, with {@code "} and {@code \} backslash-escaped. Binary form as array_send/array_recv:
 * ndim, has-null flag, element OID, then per dimension its length and lower bound, then each
 * element as int32 length (-1 for NULL) and the element type's binary form. The same binary
 * form is what a heap tuple stores ({@link StorageValues}).
 *
 * <p>The typmod of an array type is its element's (varchar(3)[] has varchar's 7).
 */
public final class ArrayType implements PgType {
    private final int oid;
    private final PgType element;

    ArrayType(int oid, PgType element) {
        this.oid = oid;
        this.element = element;
    }

    public PgType element() {
        return element;
    }

    @Override public int oid() { return oid; }
    @Override public String name() { return "_" + element.name(); }
    @Override public short typlen() { return -1; }

    @Override
    public boolean inputDependsOnSession() {
        return element.inputDependsOnSession();
    }

    @Override
    public boolean outputDependsOnSession() {
        return element.outputDependsOnSession();
    }

    @Override
    public String output(Object value, SessionContext session) {
        Object[] a = (Object[]) value;
        StringBuilder sb = new StringBuilder(2 + 8 * a.length);
        sb.append('{');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (a[i] == null) {
                sb.append("NULL");
            } else {
                appendElement(sb, element == PgTypes.BOOL ? ((Boolean) a[i] ? "t" : "f") : element.output(a[i], session));
            }
        }
        return sb.append('}').toString();
    }

    private static void appendElement(StringBuilder sb, String s) {
        if (!needsQuotes(s)) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        sb.append('"');
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{' || ch == '}' || ch == ',' || ch == '"' || ch == '\\' || TypeIo.isSpace(ch)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object input(String text, int typmod) {
        return input(text, typmod, null);
    }

    @Override
    public Object input(String text, int typmod, SessionContext session) {
        List<String> items = ArrayLiteral.parse(text);
        Object[] out = new Object[items.size()];
        for (int i = 0; i < out.length; i++) {
            String s = items.get(i);
            out[i] = s == null ? null : element.input(s, typmod, session);
        }
        return out;
    }

    @Override
    public byte[] send(Object value) {
        Object[] a = (Object[]) value;
        byte[][] parts = new byte[a.length][];
        boolean hasNull = false;
        int size = a.length == 0 ? 12 : 20;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                hasNull = true;
                size += 4;
            } else {
                parts[i] = element.send(a[i]);
                size += 4 + parts[i].length;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(a.length == 0 ? 0 : 1).putInt(hasNull ? 1 : 0).putInt(element.oid());
        if (a.length > 0) {
            b.putInt(a.length).putInt(1);
        }
        for (byte[] p : parts) {
            if (p == null) {
                b.putInt(-1);
            } else {
                b.putInt(p.length).put(p);
            }
        }
        return b.array();
    }

    @Override
    public Object receive(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            int ndim = b.getInt();
            int flags = b.getInt();
            int elemOid = b.getInt();
            if (ndim < 0 || ndim > 6) {
                throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid number of dimensions: " + ndim);
            }
            if (flags != 0 && flags != 1) {
                throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid array flags");
            }
            if (elemOid != element.oid()) {
                throw new PgException(SqlState.DATATYPE_MISMATCH, "binary data has array element type " + elemOid
                        + " instead of expected " + element.oid());
            }
            if (ndim == 0) {
                return new Object[0];
            }
            if (ndim > 1) {
                throw multidimensional();
            }
            int n = b.getInt();
            int lower = b.getInt();
            if (n < 0) {
                throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid array dimensions");
            }
            if (lower != 1 && n > 0) {
                throw lowerBound();
            }
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len == -1) {
                    continue;
                }
                if (len < 0 || len > b.remaining()) {
                    throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
                }
                byte[] e = new byte[len];
                b.get(e);
                out[i] = element.receive(e);
            }
            if (b.hasRemaining()) {
                throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format in array element 1");
            }
            return out;
        } catch (java.nio.BufferUnderflowException e) {
            throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
    }

    static PgException multidimensional() {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
    }

    static PgException lowerBound() {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "arrays with a lower bound other than 1 are not supported");
    }

    /** array_in's scanner for one dimension: the element texts, null for an unquoted NULL. */
    static final class ArrayLiteral {
        private final String text;
        private int at;

        private ArrayLiteral(String text) {
            this.text = text;
        }

        static List<String> parse(String text) {
            return new ArrayLiteral(text).parse();
        }

        private PgException malformed(String detail) {
            return PgException.withDetail(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"",
                    detail);
        }

        private void skipSpace() {
            while (at < text.length() && TypeIo.isSpace(text.charAt(at))) {
                at++;
            }
        }

        private List<String> parse() {
            skipSpace();
            if (at < text.length() && text.charAt(at) == '[') {
                dimensions();
            }
            if (at >= text.length() || text.charAt(at) != '{') {
                throw malformed("Array value must start with \"{\" or dimension information.");
            }
            at++;
            List<String> items = new ArrayList<>();
            skipSpace();
            if (at < text.length() && text.charAt(at) == '}') {
                at++;
            } else {
                while (true) {
                    skipSpace();
                    if (at >= text.length()) {
                        throw malformed("Unexpected end of input.");
                    }
                    char ch = text.charAt(at);
                    if (ch == '{') {
                        throw multidimensional();
                    }
                    if (ch == '}' || ch == ',') {
                        throw malformed("Unexpected \"" + ch + "\" character.");
                    }
                    items.add(element());
                    skipSpace();
                    if (at >= text.length()) {
                        throw malformed("Unexpected end of input.");
                    }
                    ch = text.charAt(at++);
                    if (ch == '}') {
                        break;
                    }
                    if (ch != ',') {
                        throw malformed("Unexpected array element.");
                    }
                }
            }
            skipSpace();
            if (at < text.length()) {
                throw malformed("Junk after closing right brace.");
            }
            return items;
        }

        /** [lo:hi]= before the braces: only lower bound 1 is supported. */
        private void dimensions() {
            int close = text.indexOf(']', at);
            if (close < 0) {
                throw malformed("Missing \"]\" after array dimensions.");
            }
            String spec = text.substring(at + 1, close).trim();
            int colon = spec.indexOf(':');
            try {
                int lower = colon < 0 ? 1 : Integer.parseInt(spec.substring(0, colon).trim());
                Integer.parseInt((colon < 0 ? spec : spec.substring(colon + 1)).trim());
                if (lower != 1) {
                    throw lowerBound();
                }
            } catch (NumberFormatException e) {
                throw malformed("\"[\" must introduce explicitly-specified array dimensions.");
            }
            at = close + 1;
            skipSpace();
            if (at < text.length() && text.charAt(at) == '[') {
                throw multidimensional();
            }
            if (at >= text.length() || text.charAt(at) != '=') {
                throw malformed("Missing \"=\" after array dimensions.");
            }
            at++;
            skipSpace();
        }

        /** One element: quoted ("..." with backslash escapes) or bare (trailing blanks dropped). */
        private String element() {
            StringBuilder sb = new StringBuilder();
            boolean quotedAny = false;
            boolean escaped = false;
            int keepUntil = 0;
            boolean inQuotes = false;
            while (at < text.length()) {
                char ch = text.charAt(at);
                if (ch == '\\') {
                    if (at + 1 >= text.length()) {
                        throw malformed("Unexpected end of input.");
                    }
                    sb.append(text.charAt(at + 1));
                    at += 2;
                    escaped = true;
                    keepUntil = sb.length();
                    continue;
                }
                if (ch == '"') {
                    inQuotes = !inQuotes;
                    quotedAny = true;
                    at++;
                    keepUntil = sb.length();
                    continue;
                }
                if (!inQuotes) {
                    if (ch == ',' || ch == '}') {
                        break;
                    }
                    if (ch == '{') {
                        throw malformed("Unexpected \"{\" character.");
                    }
                }
                sb.append(ch);
                at++;
                if (inQuotes || !TypeIo.isSpace(ch)) {
                    keepUntil = sb.length();
                }
            }
            if (inQuotes) {
                throw malformed("Unexpected end of input.");
            }
            sb.setLength(keepUntil);
            String s = sb.toString();
            if (!quotedAny && !escaped && s.toUpperCase(Locale.ROOT).equals("NULL")) {
                return null;
            }
            return s;
        }
    }
}
