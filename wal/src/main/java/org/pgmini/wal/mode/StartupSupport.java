package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.buffer.PageMemory;
import org.pgmini.wal.recovery.PageSource;

import java.io.IOException;
import java.util.Arrays;

/** Steps every mode takes when insertion starts after recovery. */
final class StartupSupport {
    private StartupSupport() {}

    /**
     * Wipes the segment after {@code endLsn} and loads the partial page that holds endLsn into
     * page memory (nothing to load when endLsn is at a page boundary).
     */
    static void wipeAndLoad(SegmentFiles segments, PageMemory memory, long endLsn) throws IOException {
        segments.wipeAfter(endLsn);
        if (WalLayout.pageOffset(endLsn) == 0) return;
        long page = WalLayout.pageStart(endLsn);
        byte[] bytes = new byte[WalLayout.PAGE_SIZE];
        try (PageSource src = segments.pageSource()) {
            if (!src.readPage(page, bytes)) throw new IOException("could not read WAL page " + org.pgmini.wal.Lsn.format(page));
        }
        Arrays.fill(bytes, WalLayout.pageOffset(endLsn), WalLayout.PAGE_SIZE, (byte) 0);
        memory.load(page, bytes);
    }
}
