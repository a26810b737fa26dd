package org.pgmini.storage.tape;

/**
 * One file of a tape set seen as an array of {@link LogicalTapeSet#BLCKSZ}-byte blocks,
 * numbered from 0 within the file. Writes may leave holes (a block allocated to one tape can be
 * written after a higher-numbered block of another tape); holes are never read.
 */
interface BlockFile extends AutoCloseable {
    /** Reads block {@code block} into {@code dst[off, off + BLCKSZ)}; a short read is an error. */
    void readBlock(long block, byte[] dst, int off);

    /**
     * Reads up to {@code n} consecutive blocks from {@code block} into {@code dst[off, ...)} and
     * returns how many were read whole (at least 1; fewer than {@code n} where the file ends).
     * The default reads one; a file that can do one large read overrides it (read-ahead).
     */
    default int readBlocks(long block, int n, byte[] dst, int off) {
        readBlock(block, dst, off);
        return 1;
    }

    void writeBlock(long block, byte[] src, int off);

    /** What the file is called, for error messages. */
    String describe();

    /** Releases the file: a private file is deleted, a file in a shared fileset is only closed. */
    @Override
    void close();
}
