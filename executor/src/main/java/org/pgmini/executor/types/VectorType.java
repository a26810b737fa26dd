package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * int2vector (OID 22) and oidvector (OID 30), the catalogs' fixed vectors (pg_index.indkey,
 * pg_proc.proargtypes): a one-dimensional array whose lower bound is 0, written as its elements
 * separated by spaces ({@code 1 2 3}; empty for none). Value: {@code Object[]} of Short or of
 * Integer (oid), never with NULL elements. Binary form as array_send with lower bound 0. As in
 * PostgreSQL, a subscript counts from 0 and the vector casts to its array type (int2[], oid[]).
 */
public final class VectorType implements PgType {
    private final int oid;
    private final String name;
    private final PgType element;

    VectorType(int oid, String name, PgType element) {
        this.oid = oid;
        this.name = name;
        this.element = element;
    }

    public PgType element() {
        return element;
    }

    @Override public int oid() { return oid; }
    @Override public String name() { return name; }
    @Override public short typlen() { return -1; }

    @Override
    public String output(Object value, SessionContext session) {
        Object[] a = (Object[]) value;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(element.output(a[i], session));
        }
        return sb.toString();
    }

    @Override
    public Object input(String text, int typmod) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && TypeIo.isSpace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !TypeIo.isSpace(text.charAt(i))) {
                i++;
            }
            out.add(element.input(text.substring(start, i), -1));
        }
        return out.toArray();
    }

    @Override
    public byte[] send(Object value) {
        Object[] a = (Object[]) value;
        byte[][] parts = new byte[a.length][];
        int size = 20;
        for (int i = 0; i < a.length; i++) {
            parts[i] = element.send(a[i]);
            size += 4 + parts[i].length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(1).putInt(0).putInt(element.oid()).putInt(a.length).putInt(0);
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    @Override
    public Object receive(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            int ndim = b.getInt();
            int flags = b.getInt();
            int elem = b.getInt();
            if (ndim == 0) {
                return new Object[0];
            }
            int len = b.getInt();
            int lower = b.getInt();
            if (ndim != 1 || flags != 0 || elem != element.oid() || lower != 0 || len < 0) {
                throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid " + name + " data");
            }
            Object[] out = new Object[len];
            for (int i = 0; i < len; i++) {
                int n = b.getInt();
                if (n < 0) {
                    throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid " + name + " data");
                }
                byte[] e = new byte[n];
                b.get(e);
                out[i] = element.receive(e);
            }
            return out;
        } catch (java.nio.BufferUnderflowException e) {
            throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
    }
}
