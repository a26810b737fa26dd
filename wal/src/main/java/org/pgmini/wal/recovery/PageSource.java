package org.pgmini.wal.recovery;

import java.io.Closeable;
import java.io.IOException;

/** Reads WAL pages as they are stored (segments, and for some modes a mapped buffer file). */
public interface PageSource extends Closeable {
    /** Reads the 8 KiB page starting at {@code pageStart} into {@code dst}; false if it does not exist. */
    boolean readPage(long pageStart, byte[] dst) throws IOException;

    /** Where a page lives, for messages: "log segment 000000010000000000000001, offset 8192". */
    String describe(long pageStart);

    @Override
    default void close() throws IOException {}
}
