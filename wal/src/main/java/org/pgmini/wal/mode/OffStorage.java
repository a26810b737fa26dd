package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.buffer.FlushControl;
import org.pgmini.wal.buffer.PageMemory;
import org.pgmini.wal.buffer.RingPageMemory;
import org.pgmini.wal.recovery.PageSource;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * wal_pmem_mode = off: WAL buffers in DRAM (a direct buffer of wal_buffers), segments written
 * with write() and made durable with wal_sync_method. Durable when: sync returned (fsync or
 * fdatasync of every segment written since the last sync), or — with open_sync/open_datasync —
 * when each write returned. With pg_wal on a PMEM file system this is also the "segments on
 * PMEM, not mapped" design.
 */
public final class OffStorage implements WalStorage {
    private final SegmentFiles segments;
    private final WalSettings settings;
    private final RingPageMemory ring;
    private final SegmentWriter writer;

    public OffStorage(SegmentFiles segments, WalSettings settings) {
        this.segments = segments;
        this.settings = settings;
        int pages = (int) Math.max(4, settings.walBuffers / WalLayout.PAGE_SIZE);
        this.ring = new RingPageMemory(ByteBuffer.allocateDirect(pages * WalLayout.PAGE_SIZE), pages);
        this.writer = new SegmentWriter(segments, settings.walSyncMethod);
    }

    @Override public WalPmemMode mode() { return WalPmemMode.OFF; }
    @Override public PageMemory memory() { return ring; }
    @Override public SegmentFiles segments() { return segments; }
    @Override public String flushMethod() { return "none"; }

    @Override
    public void write(long from, long to) throws IOException {
        if (to <= from) return;
        writer.writePages(ring, WalLayout.pageStart(from), WalLayout.pageStart(to - 1) + WalLayout.PAGE_SIZE);
    }

    @Override
    public void sync(long from, long to, boolean fsync) throws IOException { writer.sync(fsync); }

    @Override
    public boolean canReuse(long oldPageEnd, FlushControl flush) { return flush.writtenUpTo() >= oldPageEnd; }

    @Override
    public void makeReusable(long oldPageEnd, FlushControl flush) throws IOException { flush.writeUpTo(oldPageEnd); }

    @Override public void background(FlushControl flush) {}

    @Override public PageSource pageSource() { return segments.pageSource(); }

    @Override
    public void startAt(long endLsn, long redoLsn) throws IOException {
        StartupSupport.wipeAndLoad(segments, ring, endLsn);
    }

    @Override public void checkpointed(long redoLsn) {}

    @Override public void forgetSegment(long segNo) throws IOException { writer.forget(segNo); }

    @Override public void close() throws IOException { writer.close(); }
}
