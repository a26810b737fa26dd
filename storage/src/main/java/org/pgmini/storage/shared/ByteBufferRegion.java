package org.pgmini.storage.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link SharedRegion} over one direct ByteBuffer: an anonymous allocation for a single
 * process, or a mapped file / shared memory segment (up to 2 GiB, the ByteBuffer limit; larger
 * regions need a windowed implementation). Atomic access goes through byte-buffer view
 * VarHandles, which work across processes on shared mappings (see MACHINE-NOTES).
 * Multi-byte values use the platform's native byte order.
 */
public final class ByteBufferRegion implements SharedRegion {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buf;

    /** Wraps an existing direct buffer (e.g. a shared mapping) whose address is 8-byte aligned. */
    public ByteBufferRegion(ByteBuffer direct) {
        if (!direct.isDirect()) throw new IllegalArgumentException("a shared region needs a direct buffer");
        this.buf = direct.slice().order(ByteOrder.nativeOrder());
        if (buf.alignmentOffset(0, 8) != 0) throw new IllegalArgumentException("region start must be 8-byte aligned");
    }

    /** Allocates a zeroed private region of {@code size} bytes, page-aligned. */
    public static ByteBufferRegion allocate(long size) {
        if (size > Integer.MAX_VALUE - 8192) throw new IllegalArgumentException("region too large for one ByteBuffer: " + size);
        ByteBuffer raw = ByteBuffer.allocateDirect((int) size + 4096);
        return new ByteBufferRegion(raw.alignedSlice(4096).limit((int) size).slice());
    }

    private static int idx(long offset) { return Math.toIntExact(offset); }

    @Override public long size() { return buf.capacity(); }
    @Override public ByteBuffer window(long offset, int length) { return buf.slice(idx(offset), length); }
    @Override public int getInt(long offset) { return buf.getInt(idx(offset)); }
    @Override public void putInt(long offset, int value) { buf.putInt(idx(offset), value); }
    @Override public long getLong(long offset) { return buf.getLong(idx(offset)); }
    @Override public void putLong(long offset, long value) { buf.putLong(idx(offset), value); }
    @Override public int getIntVolatile(long offset) { return (int) INT.getVolatile(buf, idx(offset)); }
    @Override public void putIntVolatile(long offset, int value) { INT.setVolatile(buf, idx(offset), value); }
    @Override public boolean compareAndSetInt(long offset, int expected, int value) { return INT.compareAndSet(buf, idx(offset), expected, value); }
    @Override public int getAndAddInt(long offset, int delta) { return (int) INT.getAndAdd(buf, idx(offset), delta); }
    @Override public long getLongVolatile(long offset) { return (long) LONG.getVolatile(buf, idx(offset)); }
    @Override public void putLongVolatile(long offset, long value) { LONG.setVolatile(buf, idx(offset), value); }
    @Override public boolean compareAndSetLong(long offset, long expected, long value) { return LONG.compareAndSet(buf, idx(offset), expected, value); }
    @Override public long getAndAddLong(long offset, long delta) { return (long) LONG.getAndAdd(buf, idx(offset), delta); }
}
