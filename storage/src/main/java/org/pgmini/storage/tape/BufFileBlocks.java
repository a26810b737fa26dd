package org.pgmini.storage.tape;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tmp.BufFile;

/**
 * A private tape file on a {@link BufFile} (one temp file under {@code base/pgsql_tmp},
 * segmented at 1 GiB). Closing it deletes the file; so does the owning TempFileSet on error.
 */
final class BufFileBlocks implements BlockFile {
    private final BufFile file;

    BufFileBlocks(BufFile file) { this.file = file; }

    @Override
    public void readBlock(long block, byte[] dst, int off) {
        file.seek(block * LogicalTapeSet.BLCKSZ);
        int n = file.read(dst, off, LogicalTapeSet.BLCKSZ);
        if (n != LogicalTapeSet.BLCKSZ) {
            throw new PgException(SqlState.IO_ERROR, "could not read block " + block + " of temporary file: read only "
                    + n + " of " + LogicalTapeSet.BLCKSZ + " bytes");
        }
    }

    /** One positional read of the whole range (one system call instead of one per block). */
    @Override
    public int readBlocks(long block, int n, byte[] dst, int off) {
        int got = file.readAt(block * LogicalTapeSet.BLCKSZ, dst, off, n * LogicalTapeSet.BLCKSZ) / LogicalTapeSet.BLCKSZ;
        if (got < 1) {
            throw new PgException(SqlState.IO_ERROR, "could not read block " + block + " of temporary file: it ends before");
        }
        return got;
    }

    @Override
    public void writeBlock(long block, byte[] src, int off) {
        file.seek(block * LogicalTapeSet.BLCKSZ);
        file.write(src, off, LogicalTapeSet.BLCKSZ);
    }

    @Override
    public String describe() { return file.segmentPaths().get(0).toString(); }

    @Override
    public void close() { file.close(); }
}
