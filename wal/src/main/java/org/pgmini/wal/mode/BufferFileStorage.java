package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.buffer.FlushControl;
import org.pgmini.wal.buffer.PageMemory;
import org.pgmini.wal.buffer.RingPageMemory;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.record.PageHeader;
import org.pgmini.wal.recovery.PageSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two designs whose WAL buffer is a mapped file on PMEM (nvwal_path): records are copied
 * into the mapped ring and a flush persists the ring range, so a commit is durable without any
 * segment I/O. Segment files are written later from the ring ("archiving") — continuously by
 * the walwriter for pmem_buffers, only when a ring place is needed or at checkpoint/shutdown for
 * nvwal — and a ring place is reused only after its page is durable in a segment.
 *
 * Invariants:
 * <ul>
 * <li>archivedUpTo ≤ flushedUpTo: only persisted ring content goes to segments, so a segment's
 *     copy of a page is never ahead of the ring's durable copy.</li>
 * <li>Recovery prefers the ring's copy of a page when the ring place still carries that page's
 *     address, else the segment's: every acknowledged record is in one of the two.</li>
 * <li>A place is reused only after its page is durable in its segment (or no longer needed),
 *     and its old identity is then retired durably before the new occupant stores anything
 *     ({@link RetiringRingMemory}): so a place that still names a page holds that page's bytes
 *     intact up to its last persist, never a mix with the next occupant's.</li>
 * <li>After recovery everything valid is copied into segments and the ring file is zeroed, so no
 *     stale page of the old ring can pass for a new one.</li>
 * </ul>
 */
abstract class BufferFileStorage implements WalStorage {
    protected final SegmentFiles segments;
    protected final WalSettings settings;
    private final PersistentRegion file;
    private final RingPageMemory ring;
    /** What inserters use: the ring, with a place's old page retired durably before reuse. */
    private final RetiringRingMemory memory;
    private final SegmentWriter writer;
    private final ReentrantLock archiveLock = new ReentrantLock();
    /** Everything below is durable in segment files. Written under archiveLock. */
    private volatile long archivedUpTo;
    /** Below this, WAL is no longer needed at all (a checkpoint's redo pointer, page-aligned). */
    protected volatile long discardUpTo;

    BufferFileStorage(SegmentFiles segments, WalSettings settings, Path bufferFile, long size) throws IOException {
        this.segments = segments;
        this.settings = settings;
        boolean existed = segments.layer().exists(bufferFile);
        this.file = segments.layer().map(bufferFile, size);
        if (!existed) segments.layer().syncDirectory(bufferFile.toAbsolutePath().getParent());
        int pages = (int) (size / WalLayout.PAGE_SIZE);
        this.ring = new RingPageMemory(file.buffer(), pages);
        this.memory = new RetiringRingMemory(ring, file);
        this.writer = new SegmentWriter(segments, settings.walSyncMethod);
    }

    @Override public PageMemory memory() { return memory; }
    @Override public SegmentFiles segments() { return segments; }
    @Override public String flushMethod() { return file.flushMethod(); }

    public long archivedUpTo() { return archivedUpTo; }

    @Override public void write(long from, long to) {}

    /** Persists the ring bytes of [from, to), one run per contiguous stretch of ring places. */
    @Override
    public void sync(long from, long to, boolean fsync) throws IOException {
        if (!fsync) return;
        long pos = from;
        while (pos < to) {
            long page = WalLayout.pageStart(pos);
            long runEnd = page + WalLayout.PAGE_SIZE;
            int slot = ring.slot(page);
            while (runEnd < to && ring.slot(runEnd) == slot + (int) ((runEnd - page) / WalLayout.PAGE_SIZE)) {
                runEnd += WalLayout.PAGE_SIZE;
            }
            long end = Math.min(to, runEnd);
            file.persist(ring.offset(page) + (pos - page), (int) (end - pos));
            pos = end;
        }
    }

    @Override
    public boolean canReuse(long oldPageEnd, FlushControl flush) {
        return archivedUpTo >= oldPageEnd || oldPageEnd <= discardUpTo;
    }

    @Override
    public void makeReusable(long oldPageEnd, FlushControl flush) throws IOException {
        if (oldPageEnd <= discardUpTo) return;
        flush.flush(oldPageEnd);
        archive(oldPageEnd);
    }

    /** Copies ring pages below {@code upto} (which must be flushed) into segment files, durably. */
    protected void archive(long upto) throws IOException {
        archiveLock.lock();
        try {
            long from = Math.max(archivedUpTo, discardUpTo);
            if (upto <= from) return;
            writer.writePages(ring, WalLayout.pageStart(from), WalLayout.pageStart(upto - 1) + WalLayout.PAGE_SIZE);
            writer.sync(true);
            archivedUpTo = upto;
        } finally {
            archiveLock.unlock();
        }
    }

    @Override
    public PageSource pageSource() {
        PageSource seg = segments.pageSource();
        return new PageSource() {
            @Override
            public boolean readPage(long pageStart, byte[] dst) throws IOException {
                ByteBuffer mem = ring.memory();
                int base = ring.offset(pageStart);
                if (PageHeader.namesPage(mem, base, pageStart)) {
                    mem.get(base, dst, 0, WalLayout.PAGE_SIZE);
                    return true;
                }
                return seg.readPage(pageStart, dst);
            }

            @Override
            public String describe(long pageStart) {
                return seg.describe(pageStart);
            }

            @Override
            public void close() throws IOException { seg.close(); }
        };
    }

    @Override
    public void startAt(long endLsn, long redoLsn) throws IOException {
        // 1. Every valid page only the ring holds goes to its segment, durably.
        ByteBuffer mem = ring.memory();
        ByteBuffer hdr = mem.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long firstNeeded = WalLayout.pageStart(redoLsn);
        byte[] page = new byte[WalLayout.PAGE_SIZE];
        for (int slot = 0; slot < ring.pages(); slot++) {
            int base = slot * WalLayout.PAGE_SIZE;
            long addr = hdr.getLong(base + PageHeader.OFF_PAGEADDR);
            if (addr < firstNeeded || addr >= endLsn || addr % WalLayout.PAGE_SIZE != 0 || ring.slot(addr) != slot) continue;
            if (!PageHeader.namesPage(mem, base, addr)) continue;
            mem.get(base, page, 0, WalLayout.PAGE_SIZE);
            if (addr == WalLayout.pageStart(endLsn)) {
                Arrays.fill(page, WalLayout.pageOffset(endLsn), WalLayout.PAGE_SIZE, (byte) 0);
            }
            segments.writePageDurably(addr, page);
        }
        // 2. The ring starts empty; 3. the segment tail is wiped and the partial page loaded.
        byte[] zero = new byte[WalLayout.PAGE_SIZE];
        for (int slot = 0; slot < ring.pages(); slot++) mem.put(slot * WalLayout.PAGE_SIZE, zero, 0, WalLayout.PAGE_SIZE);
        file.persist(0, (int) file.size());
        StartupSupport.wipeAndLoad(segments, ring, endLsn);
        if (WalLayout.pageOffset(endLsn) != 0) {
            long p = WalLayout.pageStart(endLsn);
            file.persist(ring.offset(p), WalLayout.PAGE_SIZE);
        }
        archivedUpTo = endLsn;
        discardUpTo = 0;
    }

    /** Waits for an archive step in progress (a barrier: the next one sees new discard/archive bounds). */
    protected void awaitArchive() {
        archiveLock.lock();
        archiveLock.unlock();
    }

    @Override
    public void syncForRecovery(long redoLsn) throws IOException {
        segments.syncFrom(segments.layout().segmentNo(redoLsn));
        file.persist(0, (int) file.size());
    }

    @Override
    public void forgetSegment(long segNo) throws IOException {
        archiveLock.lock();
        try {
            writer.forget(segNo);
        } finally {
            archiveLock.unlock();
        }
    }

    /** At clean shutdown everything goes to segments, so pg_wal alone holds the whole WAL. */
    @Override
    public void beforeClose(FlushControl flush) throws IOException {
        flush.flushAll();
        archive(flush.flushedUpTo());
    }

    @Override
    public void close() throws IOException {
        archiveLock.lock();
        try {
            writer.close();
        } finally {
            archiveLock.unlock();
        }
        file.close();
    }
}
