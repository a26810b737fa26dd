package org.pgmini.storage.heap;

import java.nio.ByteBuffer;

/**
 * Receives visible tuples in place, on the shared page, while the scan holds the page's shared
 * content lock: read what you need (e.g. {@code TupleCodec.deform(desc, page, base, ...)}) and
 * return quickly; never keep the buffer, never block, never touch another buffer.
 */
@FunctionalInterface
public interface TupleVisitor {
    /**
     * @param page     the page bytes (little-endian, absolute positions)
     * @param base     position of the tuple header in {@code page}
     * @param length   tuple length in bytes
     * @param block    block number of the page
     * @param offset   line pointer offset number (1-based)
     */
    void visit(ByteBuffer page, int base, int length, int block, int offset);
}
