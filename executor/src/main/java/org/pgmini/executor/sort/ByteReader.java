package org.pgmini.executor.sort;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads back what a {@link ByteSink} wrote (little-endian), over a slice of a byte array. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    private void need(int n) {
        if (pos + n > end) throw new IllegalStateException("serialized tuple is truncated");
    }

    public int readByte() {
        need(1);
        return buf[pos++];
    }

    public short readShort() {
        need(2);
        short v = (short) ByteSink.SHORT.get(buf, pos);
        pos += 2;
        return v;
    }

    public int readInt() {
        need(4);
        int v = (int) ByteSink.INT.get(buf, pos);
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = (long) ByteSink.LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    public byte[] readBytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    public byte[] readLengthPrefixed() { return readBytes(readInt()); }

    public String readString() {
        int n = readInt();
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
