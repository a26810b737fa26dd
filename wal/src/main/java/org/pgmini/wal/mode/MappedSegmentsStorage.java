package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.buffer.FlushControl;
import org.pgmini.wal.buffer.PageMemory;
import org.pgmini.wal.buffer.RingPageMemory;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.recovery.PageSource;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * wal_pmem_mode = mapped_segments: WAL buffers in DRAM; segment files on PMEM, memory-mapped.
 * "Writing" a page copies it from the DRAM ring into the mapped segment (pmem_memcpy_nodrain on
 * real PMEM); a flush makes the copied range durable (pmem_drain on real PMEM, where the
 * non-temporal stores already bypassed the caches; pmem_msync or force elsewhere). Durable when
 * sync (persist of [from, to)) returned. Mappings are touched only under the WAL write lock.
 */
public final class MappedSegmentsStorage implements WalStorage {
    private final SegmentFiles segments;
    private final RingPageMemory ring;
    private final SegmentMappings mapped;

    public MappedSegmentsStorage(SegmentFiles segments, WalSettings settings) {
        this.segments = segments;
        this.mapped = new SegmentMappings(segments);
        int pages = (int) Math.max(4, settings.walBuffers / WalLayout.PAGE_SIZE);
        this.ring = new RingPageMemory(ByteBuffer.allocateDirect(pages * WalLayout.PAGE_SIZE), pages);
    }

    @Override public WalPmemMode mode() { return WalPmemMode.MAPPED_SEGMENTS; }
    @Override public PageMemory memory() { return ring; }
    @Override public SegmentFiles segments() { return segments; }
    @Override public String flushMethod() { return segments.layer().mapFlushMethod(); }

    @Override
    public void write(long from, long to) throws IOException {
        if (to <= from) return;
        WalLayout layout = segments.layout();
        long end = WalLayout.pageStart(to - 1) + WalLayout.PAGE_SIZE;
        for (long p = WalLayout.pageStart(from); p < end; p += WalLayout.PAGE_SIZE) {
            mapped.region(layout.segmentNo(p)).copyFrom(ring.memory(), ring.offset(p), layout.segmentOffset(p), WalLayout.PAGE_SIZE);
        }
    }

    @Override
    public void sync(long from, long to, boolean fsync) throws IOException {
        if (fsync) {
            mapped.forEachPiece(from, to, PersistentRegion::persistCopied);
        }
        // Segments wholly below the flushed point are complete: drop their mappings.
        mapped.closeBelow(segments.layout().segmentNo(to));
    }

    @Override public boolean canReuse(long oldPageEnd, FlushControl flush) { return flush.writtenUpTo() >= oldPageEnd; }

    @Override
    public void makeReusable(long oldPageEnd, FlushControl flush) throws IOException { flush.writeUpTo(oldPageEnd); }

    @Override public void background(FlushControl flush) {}

    @Override public PageSource pageSource() { return segments.pageSource(); }

    @Override
    public void startAt(long endLsn, long redoLsn) throws IOException {
        StartupSupport.wipeAndLoad(segments, ring, endLsn);
    }

    @Override public void checkpointed(long redoLsn) {}

    @Override
    public void forgetSegment(long segNo) throws IOException {
        mapped.forget(segNo);
    }

    @Override
    public void close() throws IOException {
        mapped.closeAll();
    }
}
