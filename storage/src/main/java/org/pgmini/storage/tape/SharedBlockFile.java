package org.pgmini.storage.tape;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A tape file inside a {@link SharedFileSet} directory, read and written by block through a
 * FileChannel (no buffering of our own, so what one process wrote is visible to the next as
 * soon as the write returns). Closing only closes the channel: the fileset's owner (the
 * leader) removes the directory with every file in it.
 */
final class SharedBlockFile implements BlockFile {
    private final Path path;
    private final FileChannel channel;

    SharedBlockFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    @Override
    public void readBlock(long block, byte[] dst, int off) {
        ByteBuffer bb = ByteBuffer.wrap(dst, off, LogicalTapeSet.BLCKSZ);
        long at = block * LogicalTapeSet.BLCKSZ;
        try {
            while (bb.hasRemaining()) {
                int r = channel.read(bb, at + (bb.position() - off));
                if (r < 0) {
                    throw new PgException(SqlState.IO_ERROR, "could not read block " + block + " of temporary file \"" + path
                            + "\": read only " + (bb.position() - off) + " of " + LogicalTapeSet.BLCKSZ + " bytes");
                }
            }
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not read block " + block + " of temporary file \"" + path + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeBlock(long block, byte[] src, int off) {
        ByteBuffer bb = ByteBuffer.wrap(src, off, LogicalTapeSet.BLCKSZ);
        long at = block * LogicalTapeSet.BLCKSZ;
        try {
            while (bb.hasRemaining()) channel.write(bb, at + (bb.position() - off));
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write block " + block + " of temporary file \"" + path + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() { return path.toString(); }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the owner removes the file with its directory
        }
    }
}
