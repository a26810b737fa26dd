package org.pgmini.wal.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An open file of the WAL's file layer (segment files, pg_control). Positional I/O only. */
public interface WalFile extends Closeable {
    /** Writes all of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Reads up to {@code dst.remaining()} bytes at {@code position}; returns the count, -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** fsync ({@code metadata} true) or fdatasync: everything written before the call is durable after it. */
    void force(boolean metadata) throws IOException;

    long size() throws IOException;

    @Override
    void close() throws IOException;
}
