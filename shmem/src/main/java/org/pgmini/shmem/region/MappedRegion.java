package org.pgmini.shmem.region;

import com.sun.jna.Pointer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A window onto mapped memory at a fixed address: plain, ordered and atomic access at long offsets.
 *
 * <p>Memory is reached through direct ByteBuffers over the mapping and VarHandles viewing them
 * as int/long arrays (supported API, no --add-exports needed, and the JIT compiles the access to
 * plain loads, stores and lock-prefixed instructions). A ByteBuffer cannot exceed 2 GiB, so the
 * region is cut into 1 GiB windows; since windows start at multiples of 1 GiB, an aligned 4- or
 * 8-byte word never straddles two windows. Bulk copies are split at window boundaries.
 *
 * <p>Atomic access requires the absolute address to be naturally aligned (the JDK checks it and
 * throws IllegalStateException otherwise). Mappings are page aligned, so aligned offsets suffice.
 *
 * <p>This object does not own the mapping: the DSM layer or the main-segment owner unmaps it and
 * then calls {@link #invalidate()}, after which accesses through this object throw instead of
 * touching unmapped memory. ByteBuffers obtained from {@link #buffer} are not protected that way.
 *
 * <p>Memory ordering vocabulary: {@code *Volatile} is sequentially consistent, {@code *Acquire} /
 * {@code *Release} are the one-sided orderings, plain get/put have no ordering guarantees beyond
 * the executing thread. Cross-process visibility follows the same rules as cross-thread.
 */
public final class MappedRegion {
    static final int DEFAULT_WINDOW_SHIFT = 30;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final ByteBuffer[] INVALID = new ByteBuffer[0];

    private final long address;
    private final long size;
    private final int windowShift;
    private final long windowSize;
    private final long windowMask;
    /** Windows of at most 1 GiB; replaced by an empty array once the mapping goes away. */
    private ByteBuffer[] windows;

    public MappedRegion(long address, long size) {
        this(address, size, DEFAULT_WINDOW_SHIFT);
    }

    /** With windows of 2^{@code windowShift} bytes (small windows let tests cross boundaries cheaply). */
    MappedRegion(long address, long size, int windowShift) {
        if (address == 0 || size <= 0) {
            throw new IllegalArgumentException("invalid mapping " + address + "+" + size);
        }
        if (windowShift < 3 || windowShift > 30) {
            throw new IllegalArgumentException("window shift " + windowShift);
        }
        this.address = address;
        this.size = size;
        this.windowShift = windowShift;
        this.windowSize = 1L << windowShift;
        this.windowMask = windowSize - 1;
        int n = (int) ((size + windowSize - 1) >>> windowShift);
        ByteBuffer[] w = new ByteBuffer[n];
        Pointer base = new Pointer(address);
        for (int i = 0; i < n; i++) {
            long off = (long) i << windowShift;
            w[i] = base.getByteBuffer(off, Math.min(windowSize, size - off)).order(ByteOrder.nativeOrder());
        }
        this.windows = w;
    }

    public long address() { return address; }
    public long size() { return size; }
    /** Absolute address of {@code offset}, e.g. for a futex word. */
    public long addressOf(long offset) {
        checkRange(offset, 1);
        return address + offset;
    }

    /** Called by the owner after unmapping; later accesses fail with an exception. */
    public void invalidate() { windows = INVALID; }
    public boolean isValid() { return windows != INVALID; }

    private ByteBuffer w(long offset) {
        return windows[(int) (offset >>> windowShift)];
    }

    private int i(long offset) {
        return (int) (offset & windowMask);
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " outside region of " + size + " bytes");
        }
    }

    // ---- longs ----
    public long getLong(long off) { return (long) LONG.get(w(off), i(off)); }
    public void putLong(long off, long v) { LONG.set(w(off), i(off), v); }
    public long getLongVolatile(long off) { return (long) LONG.getVolatile(w(off), i(off)); }
    public void putLongVolatile(long off, long v) { LONG.setVolatile(w(off), i(off), v); }
    public long getLongAcquire(long off) { return (long) LONG.getAcquire(w(off), i(off)); }
    public void putLongRelease(long off, long v) { LONG.setRelease(w(off), i(off), v); }
    public boolean compareAndSetLong(long off, long expect, long update) {
        return LONG.compareAndSet(w(off), i(off), expect, update);
    }
    public long getAndAddLong(long off, long delta) { return (long) LONG.getAndAdd(w(off), i(off), delta); }

    // ---- ints ----
    public int getInt(long off) { return (int) INT.get(w(off), i(off)); }
    public void putInt(long off, int v) { INT.set(w(off), i(off), v); }
    public int getIntVolatile(long off) { return (int) INT.getVolatile(w(off), i(off)); }
    public void putIntVolatile(long off, int v) { INT.setVolatile(w(off), i(off), v); }
    public int getIntAcquire(long off) { return (int) INT.getAcquire(w(off), i(off)); }
    public void putIntRelease(long off, int v) { INT.setRelease(w(off), i(off), v); }
    public boolean compareAndSetInt(long off, int expect, int update) {
        return INT.compareAndSet(w(off), i(off), expect, update);
    }
    public int compareAndExchangeInt(long off, int expect, int update) {
        return (int) INT.compareAndExchange(w(off), i(off), expect, update);
    }
    public int getAndAddInt(long off, int delta) { return (int) INT.getAndAdd(w(off), i(off), delta); }
    public int getAndSetInt(long off, int v) { return (int) INT.getAndSet(w(off), i(off), v); }

    // ---- bytes ----
    public byte getByte(long off) { return w(off).get(i(off)); }
    public void putByte(long off, byte v) { w(off).put(i(off), v); }

    /** Copies {@code len} bytes from the region at {@code off} into {@code dst[dstOff..]}. */
    public void getBytes(long off, byte[] dst, int dstOff, int len) {
        checkRange(off, len);
        while (len > 0) {
            int n = (int) Math.min(len, windowSize - i(off));
            w(off).get(i(off), dst, dstOff, n);
            off += n; dstOff += n; len -= n;
        }
    }

    /** Copies {@code src[srcOff..srcOff+len)} into the region at {@code off}. */
    public void putBytes(long off, byte[] src, int srcOff, int len) {
        checkRange(off, len);
        while (len > 0) {
            int n = (int) Math.min(len, windowSize - i(off));
            w(off).put(i(off), src, srcOff, n);
            off += n; srcOff += n; len -= n;
        }
    }

    /** Copies the remaining bytes of {@code src} into the region at {@code off}; src's position is not moved. */
    public void putBytes(long off, ByteBuffer src) {
        putBytes(off, src, src.position(), src.remaining());
    }

    /** Copies {@code len} bytes of {@code src} starting at index {@code srcIndex} into the region at {@code off}. */
    public void putBytes(long off, ByteBuffer src, int srcIndex, int len) {
        checkRange(off, len);
        while (len > 0) {
            int n = (int) Math.min(len, windowSize - i(off));
            w(off).put(i(off), src, srcIndex, n);
            off += n; srcIndex += n; len -= n;
        }
    }

    /** Whether {@code [off, off+len)} lies within one 1 GiB window, so {@link #buffer} can view it. */
    public boolean withinOneWindow(long off, long len) {
        return len <= 0 || (off >>> windowShift) == ((off + len - 1) >>> windowShift);
    }

    /** Copies {@code len} bytes at {@code off} into {@code dst} at its position, advancing it. */
    public void getBytes(long off, ByteBuffer dst, int len) {
        checkRange(off, len);
        int pos = dst.position();
        while (len > 0) {
            int n = (int) Math.min(len, windowSize - i(off));
            dst.put(pos, w(off), i(off), n);
            off += n; pos += n; len -= n;
        }
        dst.position(pos);
    }

    /** Fills {@code len} bytes at {@code off} with {@code value}. */
    public void fill(long off, long len, byte value) {
        checkRange(off, len);
        byte[] chunk = new byte[(int) Math.min(len, 64 * 1024)];
        if (value != 0) {
            java.util.Arrays.fill(chunk, value);
        }
        while (len > 0) {
            int n = (int) Math.min(len, chunk.length);
            putBytes(off, chunk, 0, n);
            off += n; len -= n;
        }
    }

    /**
     * A ByteBuffer (native order, position 0, limit {@code len}) over {@code len} bytes at
     * {@code off}, which must lie within one 1 GiB window. It stays valid only while the
     * mapping exists.
     */
    public ByteBuffer buffer(long off, int len) {
        checkRange(off, len);
        if (i(off) + (long) len > windowSize) {
            throw new IllegalArgumentException("range crosses a window boundary");
        }
        return w(off).slice(i(off), len).order(ByteOrder.nativeOrder());
    }
}
