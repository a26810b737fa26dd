package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.buffer.FlushControl;

import java.io.IOException;

/**
 * wal_pmem_mode = nvwal: one large mapped file (nvwal_path, nvwal_size) is the WAL buffer.
 * Segment files are written only when the file fills (a ring place whose page is still needed
 * must be copied to its segment first) and at shutdown. A checkpoint frees the oldest part:
 * pages below its redo pointer are never needed again, so their places are reused without
 * being copied anywhere. Durable when the ring persist returned.
 */
public final class NvwalStorage extends BufferFileStorage {
    public NvwalStorage(SegmentFiles segments, WalSettings settings) throws IOException {
        super(segments, settings, settings.nvwalPath, settings.nvwalSize);
    }

    @Override public WalPmemMode mode() { return WalPmemMode.NVWAL; }

    @Override public void background(FlushControl flush) {}

    @Override public boolean preallocatesSegments() { return false; }

    @Override
    public void checkpointed(long redoLsn) {
        long page = WalLayout.pageStart(redoLsn);
        if (page > discardUpTo) discardUpTo = page;
        awaitArchive();
    }
}
