package org.pgmini.storage.tape;

/**
 * One file of a tape set seen as an array of {@link LogicalTapeSet#BLCKSZ}-byte blocks,
 * numbered from 0 within the file. Writes may leave holes (a block allocated to one tape can be
 * written after a higher-numbered block of another tape); holes are never read.
 */
interface BlockFile extends AutoCloseable {
    /** Reads block {@code block} into {@code dst[off, off + BLCKSZ)}; a short read is an error. */
    void readBlock(long block, byte[] dst, int off);

    void writeBlock(long block, byte[] src, int off);

    /** What the file is called, for error messages. */
    String describe();

    /** Releases the file: a private file is deleted, a file in a shared fileset is only closed. */
    @Override
    void close();
}
