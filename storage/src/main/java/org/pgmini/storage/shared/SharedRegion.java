package org.pgmini.storage.shared;

import java.nio.ByteBuffer;

/**
 * A block of memory that several threads, and later several processes, see at once: the place
 * where storage keeps everything another process must read (buffer descriptors and pages, the
 * buffer mapping table, clog buffers). Today it is backed by a direct ByteBuffer in this JVM;
 * the lead backs it with the main shared memory segment from {@code shmem}.
 *
 * <p>Offsets are byte offsets from the region's start. Atomic operations need naturally aligned
 * offsets (4 for int, 8 for long). "Volatile" accessors have Java volatile semantics
 * (sequentially consistent); plain accessors have no ordering and may be used only for data
 * protected by a lock held by the caller.
 */
public interface SharedRegion {
    long size();

    /**
     * A ByteBuffer view of {@code length} bytes at {@code offset} (position 0, byte order
     * unspecified: callers set the one they need). Writes through the view are plain writes.
     */
    ByteBuffer window(long offset, int length);

    int getInt(long offset);
    void putInt(long offset, int value);
    long getLong(long offset);
    void putLong(long offset, long value);

    int getIntVolatile(long offset);
    void putIntVolatile(long offset, int value);
    boolean compareAndSetInt(long offset, int expected, int value);
    int getAndAddInt(long offset, int delta);

    long getLongVolatile(long offset);
    void putLongVolatile(long offset, long value);
    boolean compareAndSetLong(long offset, long expected, long value);
    long getAndAddLong(long offset, long delta);

    /** Copies bytes between regions or within one (non-overlapping ranges). */
    default void copy(long from, SharedRegion dst, long to, int length) {
        dst.window(to, length).put(window(from, length));
    }
}
