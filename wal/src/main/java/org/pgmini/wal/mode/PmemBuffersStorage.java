package org.pgmini.wal.mode;

import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.buffer.FlushControl;

import java.io.IOException;

/**
 * wal_pmem_mode = pmem_buffers: the WAL buffers (wal_buffers bytes) are a mapped file on PMEM at
 * nvwal_path; a commit persists the buffer range; the walwriter copies flushed pages to the
 * segment files on disk in the background. Durable when the ring persist returned; segment
 * copies are durable when the walwriter's (or an evicting inserter's) archive step returned.
 */
public final class PmemBuffersStorage extends BufferFileStorage {
    public PmemBuffersStorage(SegmentFiles segments, WalSettings settings) throws IOException {
        super(segments, settings, settings.nvwalPath, ringBytes(settings.walBuffers));
    }

    public static long ringBytes(long walBuffers) {
        long pages = Math.max(4, walBuffers / org.pgmini.wal.WalLayout.PAGE_SIZE);
        return pages * org.pgmini.wal.WalLayout.PAGE_SIZE;
    }

    @Override public WalPmemMode mode() { return WalPmemMode.PMEM_BUFFERS; }

    @Override
    public void background(FlushControl flush) throws IOException {
        archive(flush.flushedUpTo());
    }

    /** Segments below the redo pointer are complete before the checkpoint removes older ones. */
    @Override
    public void checkpointed(long redoLsn) throws IOException { archive(redoLsn); }
}
