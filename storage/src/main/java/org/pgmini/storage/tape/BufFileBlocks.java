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
