package org.pgmini.executor.sort;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer that a {@link SortTupleCodec} serializes a tuple into. */
public final class ByteSink {
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf = new byte[256];
    private int len;

    void reset(int reserve) {
        len = reserve;
    }

    byte[] array() { return buf; }

    int length() { return len; }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    public void writeByte(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    public void writeShort(short v) {
        ensure(2);
        SHORT.set(buf, len, v);
        len += 2;
    }

    public void writeInt(int v) {
        ensure(4);
        INT.set(buf, len, v);
        len += 4;
    }

    public void writeLong(long v) {
        ensure(8);
        LONG.set(buf, len, v);
        len += 8;
    }

    public void writeBytes(byte[] b) { writeBytes(b, 0, b.length); }

    public void writeBytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** A length-prefixed byte string. */
    public void writeLengthPrefixed(byte[] b) {
        writeInt(b.length);
        writeBytes(b);
    }

    /** A length-prefixed UTF-8 string (ASCII is copied char by char, without an intermediate array). */
    public void writeString(String s) {
        int n = s.length();
        ensure(4 + n);
        int start = len;
        int p = start + 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                writeLengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[p++] = (byte) c;
        }
        INT.set(buf, start, n);
        len = p;
    }
}
