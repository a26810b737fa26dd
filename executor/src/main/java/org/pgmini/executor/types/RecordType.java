package org.pgmini.executor.types;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * PostgreSQL's pseudo-type {@code record} (OID 2249): a row value whose columns are known to the
 * query that made it but not to pg_type (a function with OUT parameters such as
 * information_schema._pg_expandarray). Every instance reports OID 2249, as PostgreSQL's
 * RowDescription does; an instance made by the analyzer also carries the column names and types
 * (PostgreSQL's "blessed" tuple descriptor) so that {@code (expr).field} can be typed. The
 * registry's {@link PgTypes#RECORD} has no columns.
 *
 * <p>Value: {@link RecordValue}. Text form as record_out: {@code (a,,"c d")}, a NULL column
 * empty, a column double-quoted when it is empty or contains {@code " \ ( ) ,} or white space,
 * with {@code "} and {@code \} doubled. Binary form as record_send: the column count, then per
 * column its type OID and an int32 length (-1 for NULL) followed by the bytes. Input of an
 * anonymous record is 0A000 in PostgreSQL too.
 */
public final class RecordType implements PgType {
    public static final int OID = 2249;

    private final List<String> names;
    private final List<PgType> types;

    /** A record whose columns are {@code names}/{@code types}; both null for the anonymous record. */
    public RecordType(List<String> names, List<PgType> types) {
        this.names = names == null ? null : List.copyOf(names);
        this.types = types == null ? null : List.copyOf(types);
    }

    /** The column names, or null when unknown (the anonymous record). */
    public List<String> names() {
        return names;
    }

    /** The column types, or null when unknown. */
    public List<PgType> types() {
        return types;
    }

    /** The 0-based column called {@code name}, or -1. */
    public int indexOf(String name) {
        return names == null ? -1 : names.indexOf(name);
    }

    @Override public int oid() { return OID; }
    @Override public String name() { return "record"; }
    @Override public short typlen() { return -1; }

    @Override
    public boolean outputDependsOnSession() {
        return types == null || types.stream().anyMatch(PgType::outputDependsOnSession);
    }

    @Override
    public String output(Object value, SessionContext session) {
        Object[] fields = ((RecordValue) value).fields();
        StringBuilder sb = new StringBuilder().append('(');
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (fields[i] != null) {
                appendField(sb, columnType(i).output(fields[i], session));
            }
        }
        return sb.append(')').toString();
    }

    private PgType columnType(int i) {
        if (types == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "output of a record of unknown columns is not supported");
        }
        return types.get(i);
    }

    private static void appendField(StringBuilder sb, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == ',' || TypeIo.isSpace(ch);
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append(ch);
            }
            sb.append(ch);
        }
        sb.append('"');
    }

    @Override
    public Object input(String text, int typmod) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
    }

    @Override
    public byte[] send(Object value) {
        Object[] fields = ((RecordValue) value).fields();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).putInt(fields.length).array());
        for (int i = 0; i < fields.length; i++) {
            PgType t = columnType(i);
            byte[] data = fields[i] == null ? null : t.send(fields[i]);
            out.writeBytes(ByteBuffer.allocate(8).putInt(t.oid()).putInt(data == null ? -1 : data.length).array());
            if (data != null) {
                out.writeBytes(data);
            }
        }
        return out.toByteArray();
    }

    @Override
    public Object receive(byte[] data) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
    }
}
