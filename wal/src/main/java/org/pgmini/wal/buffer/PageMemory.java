package org.pgmini.wal.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where WAL pages live while records are copied into them: a ring of buffer pages in DRAM or in
 * a mapped PMEM file, or the mapped segment files themselves. Pages are addressed by the LSN of
 * their first byte. Initialization happens only under the inserter's mapping lock; readiness is
 * published with a volatile write after the page's bytes are in place.
 */
public interface PageMemory {
    /** True when the page starting at {@code pageStart} is initialized and may be copied into. */
    boolean isReady(long pageStart);

    /** Buffer holding the page (absolute access only) and the page's offset in it. */
    ByteBuffer buffer(long pageStart);

    int offset(long pageStart);

    /** End LSN of the page that now occupies the place {@code pageStart} will take, 0 if none. */
    long occupantEnd(long pageStart);

    /** Zeroes the place of the page and writes its header; then marks it ready. */
    void initialize(long pageStart, HeaderWriter header) throws IOException;

    /** Copies a page that already has content (the last partial page after recovery) and marks it ready. */
    void load(long pageStart, byte[] page) throws IOException;

    /** Writes a page header into a buffer at an offset. */
    interface HeaderWriter {
        void write(ByteBuffer buf, int base, long pageStart);
    }
}
