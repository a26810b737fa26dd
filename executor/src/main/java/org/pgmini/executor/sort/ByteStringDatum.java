package org.pgmini.executor.sort;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Ordering and tape codec of a datum sort over byte strings: text in the C collation held as its
 * UTF-8 bytes (whose unsigned byte order is code point order, exactly what PostgreSQL's
 * {@code memcmp} gives), or bytea. Held as {@code byte[]} instead of a one-column
 * {@code Object[]} row with a {@code String}: 16 bytes + the string per row instead of ~60 + the
 * string, a vectorized {@link Arrays#compareUnsigned} instead of a char loop, and tapes get the
 * bytes as they are (no encoding when a run is written, no decoding while merging).
 *
 * <p>Prefix: the first 8 bytes big-endian with the sign bit flipped (signed order = unsigned
 * byte order), inverted for DESC. NULLs never reach the sort: the caller counts them.
 */
public final class ByteStringDatum implements SortOrdering<byte[]>, SortTupleCodec<byte[]> {
    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final boolean descending;

    public ByteStringDatum(boolean descending) { this.descending = descending; }

    @Override
    public int compare(byte[] a, byte[] b) {
        int c = Arrays.compareUnsigned(a, b);
        return descending ? -c : c;
    }

    @Override
    public long prefix(byte[] v) {
        long p = prefixOf(v) ^ Long.MIN_VALUE;
        return descending ? ~p : p;
    }

    /** The first 8 bytes as an unsigned big-endian number (zero-padded). */
    static long prefixOf(byte[] v) {
        if (v.length >= 8) return (long) LONG_BE.get(v, 0);
        long acc = 0;
        for (int i = 0; i < v.length; i++) acc = (acc << 8) | (v[i] & 0xFF);
        return acc << (8 * (8 - v.length));
    }

    @Override
    public boolean prefixDecides() { return false; }

    @Override
    public int keyCount() { return 1; }

    @Override
    public void write(byte[] tuple, ByteSink out) { out.writeBytes(tuple); }

    @Override
    public byte[] read(byte[] buf, int off, int len) { return Arrays.copyOfRange(buf, off, off + len); }

    @Override
    public long memoryBytes(byte[] tuple) { return (16 + tuple.length + 7) & ~7L; }
}
