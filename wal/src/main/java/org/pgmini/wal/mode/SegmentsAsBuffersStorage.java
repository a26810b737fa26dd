package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.buffer.FlushControl;
import org.pgmini.wal.buffer.PageMemory;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.recovery.PageSource;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * wal_pmem_mode = segments_as_buffers: no DRAM buffers. The segment files on PMEM are mapped and
 * records are copied straight into them; a flush only persists the range (flushes CPU caches on
 * real PMEM, msync elsewhere). Durable when sync returned. The walwriter pre-allocates the next
 * segment (as for every mode but nvwal) so inserters rarely create files; old segments' mappings are dropped when the
 * checkpoint removes or recycles them (never while an inserter could still use them: only
 * segments below the redo pointer go).
 */
public final class SegmentsAsBuffersStorage implements WalStorage {
    private final SegmentFiles segments;
    private final SegmentMappings mapped;
    private final SegmentPages pages = new SegmentPages();

    public SegmentsAsBuffersStorage(SegmentFiles segments) {
        this.segments = segments;
        this.mapped = new SegmentMappings(segments);
    }

    @Override public WalPmemMode mode() { return WalPmemMode.SEGMENTS_AS_BUFFERS; }
    @Override public PageMemory memory() { return pages; }
    @Override public SegmentFiles segments() { return segments; }
    @Override public String flushMethod() { return segments.layer().mapFlushMethod(); }

    /** Pages are the mapped segments; initialized in LSN order under the inserter's mapping lock. */
    private final class SegmentPages implements PageMemory {
        private volatile long readyFrom;
        private volatile long readyUpTo;

        @Override
        public boolean isReady(long pageStart) { return pageStart >= readyFrom && pageStart < readyUpTo; }

        @Override
        public ByteBuffer buffer(long pageStart) {
            return mapped.existing(pageStart).buffer();
        }

        @Override public int offset(long pageStart) { return segments.layout().segmentOffset(pageStart); }

        @Override public long occupantEnd(long pageStart) { return 0; }

        @Override
        public void initialize(long pageStart, HeaderWriter header) throws IOException {
            PersistentRegion r = mapped.region(segments.layout().segmentNo(pageStart));
            int base = offset(pageStart);
            r.buffer().put(base, ZERO_PAGE, 0, WalLayout.PAGE_SIZE);
            header.write(r.buffer(), base, pageStart);
            if (readyUpTo != pageStart) readyFrom = pageStart;
            readyUpTo = pageStart + WalLayout.PAGE_SIZE;
        }

        @Override
        public void load(long pageStart, byte[] page) throws IOException {
            PersistentRegion r = mapped.region(segments.layout().segmentNo(pageStart));
            r.buffer().put(offset(pageStart), page, 0, WalLayout.PAGE_SIZE);
            readyFrom = pageStart;
            readyUpTo = pageStart + WalLayout.PAGE_SIZE;
        }
    }

    private static final byte[] ZERO_PAGE = new byte[WalLayout.PAGE_SIZE];

    @Override public void write(long from, long to) {}

    @Override
    public void sync(long from, long to, boolean fsync) throws IOException {
        if (fsync) {
            mapped.forEachPiece(from, to, PersistentRegion::persist);
        }
    }

    @Override public boolean canReuse(long oldPageEnd, FlushControl flush) { return true; }

    @Override public void makeReusable(long oldPageEnd, FlushControl flush) {}

    /** Pre-allocation of the next segment is the walwriter's generic step (preallocatesSegments). */
    @Override
    public void background(FlushControl flush) {}

    @Override public PageSource pageSource() { return segments.pageSource(); }

    @Override
    public void startAt(long endLsn, long redoLsn) throws IOException {
        StartupSupport.wipeAndLoad(segments, pages, endLsn);
        if (WalLayout.pageOffset(endLsn) == 0) {
            // No page was loaded: the ready window starts empty at endLsn, and the page there extends it.
            pages.readyFrom = endLsn;
            pages.readyUpTo = endLsn;
        }
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
