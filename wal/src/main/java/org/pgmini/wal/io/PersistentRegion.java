package org.pgmini.wal.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file mapped into memory (on PMEM, or a DAX stand-in such as /dev/shm). Stores through
 * {@link #buffer()} are visible at once but durable only after {@link #persist} covers them.
 */
public interface PersistentRegion extends Closeable {
    /** The whole mapping; callers use absolute gets and puts only (the buffer is shared). */
    ByteBuffer buffer();

    long size();

    /** Makes [offset, offset+length) durable (pmem_persist, pmem_msync or MappedByteBuffer.force). */
    void persist(long offset, int length) throws IOException;

    /**
     * Copies {@code length} bytes of {@code src} at {@code srcOffset} to {@code offset} in the
     * mapping, with non-temporal stores where libpmem offers them; {@link #persist} must follow.
     */
    void copyFrom(ByteBuffer src, int srcOffset, long offset, int length);

    /**
     * Makes durable a range that was written only through {@link #copyFrom}: on real PMEM the
     * non-temporal copies already bypassed the CPU caches, so waiting for them (pmem_drain) is
     * enough; elsewhere this is {@link #persist}.
     */
    default void persistCopied(long offset, int length) throws IOException { persist(offset, length); }

    /** True when libpmem reports real persistent memory (flushing CPU caches is enough). */
    boolean isPmem();

    /** "libpmem" or "msync": how {@link #persist} works here. */
    String flushMethod();

    @Override
    void close() throws IOException;
}
