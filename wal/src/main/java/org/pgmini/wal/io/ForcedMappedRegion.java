package org.pgmini.wal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file mapped with FileChannel.map; persist is MappedByteBuffer.force(index, length) (msync). */
final class ForcedMappedRegion implements PersistentRegion {
    private final MappedByteBuffer buffer;
    private final long size;

    ForcedMappedRegion(Path path, long size) throws IOException {
        if (size > Integer.MAX_VALUE) throw new IOException("mapped WAL file larger than 2 GB: " + path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() < size) {
                // Extend with a write at the end: the mapping must not reach past the file.
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            this.buffer = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
        this.size = size;
    }

    @Override public ByteBuffer buffer() { return buffer; }
    @Override public long size() { return size; }
    @Override public boolean isPmem() { return false; }
    @Override public String flushMethod() { return "msync"; }

    @Override
    public void persist(long offset, int length) {
        if (length > 0) buffer.force((int) offset, length);
    }

    @Override
    public void copyFrom(ByteBuffer src, int srcOffset, long offset, int length) {
        buffer.put((int) offset, src, srcOffset, length);
    }

    @Override
    public void close() {
        // A MappedByteBuffer is unmapped by the garbage collector; nothing to do here.
    }
}
