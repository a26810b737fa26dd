package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.io.WalFile;
import org.pgmini.wal.recovery.PageSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The segment files in pg_wal: names (timeline + log + segment, 24 hex digits), creation of new
 * segments (zero-filled in a temp file, fsynced, renamed into place, directory fsynced, so a
 * segment never exists half-created), recycling of old ones (renamed to a future name), and
 * page reads for recovery.
 */
public final class SegmentFiles {
    private final FileLayer layer;
    private final Path dir;
    private final WalLayout layout;
    private final int timeline;
    private final WalSettings settings;
    private final AtomicInteger tempCounter = new AtomicInteger();
    private final Object createLock = new Object();

    public SegmentFiles(FileLayer layer, Path dir, WalLayout layout, int timeline, WalSettings settings) {
        this.layer = layer;
        this.dir = dir;
        this.layout = layout;
        this.timeline = timeline;
        this.settings = settings;
    }

    public FileLayer layer() { return layer; }
    public Path dir() { return dir; }
    public WalLayout layout() { return layout; }
    public int timeline() { return timeline; }

    public String fileName(long segNo) { return layout.fileName(timeline, segNo); }

    public Path path(long segNo) { return dir.resolve(fileName(segNo)); }

    public boolean exists(long segNo) { return layer.exists(path(segNo)); }

    /**
     * Creates the segment, fully allocated, if it does not exist yet. Returns only once the
     * segment's name is durable. The existence check is made under createLock, never before it:
     * another thread's new or recycled segment is visible from its rename on, but its name is
     * durable only after the directory sync that follows under the same lock — a caller that
     * wrote and fsynced WAL into such a file in between could lose it, name and all, to a power
     * loss (pmem_buffers would even have dropped its own copy of those pages by then).
     */
    public void ensureExists(long segNo) throws IOException {
        synchronized (createLock) {
            if (exists(segNo)) return;
            Path tmp = dir.resolve("xlogtemp." + ProcessHandle.current().pid() + "." + tempCounter.incrementAndGet());
            try (WalFile f = layer.open(tmp, true, org.pgmini.wal.io.FileLayer.OpenMode.NORMAL)) {
                long size = layout.segmentSize();
                if (settings.walInitZero) {
                    ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
                    for (long pos = 0; pos < size; pos += zeros.capacity()) {
                        zeros.clear();
                        f.write(zeros, pos);
                    }
                } else {
                    f.write(ByteBuffer.allocate(1), size - 1);
                }
                f.force(true);
            }
            layer.rename(tmp, path(segNo));
            layer.syncDirectory(dir);
        }
    }

    /** fsyncs every segment file from {@code segNo} on. */
    public void syncFrom(long segNo) throws IOException {
        for (long s : list()) {
            if (s < segNo) continue;
            try (WalFile f = layer.open(path(s), false, FileLayer.OpenMode.NORMAL)) {
                f.force(true);
            }
        }
    }

    /** Removes temp files a crash left in the middle of creating a segment (PostgreSQL's RemoveTempXlogFiles). */
    public int removeTempFiles() throws IOException {
        int n = 0;
        for (String name : layer.list(dir)) {
            if (name.startsWith("xlogtemp.")) {
                layer.delete(dir.resolve(name));
                n++;
            }
        }
        if (n > 0) layer.syncDirectory(dir);
        return n;
    }

    public WalFile open(long segNo, FileLayer.OpenMode mode) throws IOException {
        ensureExists(segNo);
        return layer.open(path(segNo), false, mode);
    }

    public PersistentRegion map(long segNo) throws IOException {
        ensureExists(segNo);
        return layer.map(path(segNo), layout.segmentSize());
    }

    /** Segment numbers of this timeline's segment files, ascending. */
    public List<Long> list() throws IOException {
        List<Long> segs = new ArrayList<>();
        for (String name : layer.list(dir)) {
            long seg = layout.segmentNoOf(name);
            if (seg >= 0 && WalLayout.timelineOf(name) == timeline) segs.add(seg);
        }
        return segs;
    }

    /**
     * Removes or recycles every segment below {@code keepFrom}. Recycled segments are renamed to
     * names after the highest existing segment (at least {@code currentSeg}), keeping at most
     * max(2, min_wal_size / segment size) segments ahead of the current one. The storage must
     * not write below {@code keepFrom} any more (see {@link WalStorage#checkpointed}).
     * Returns {removed, recycled}.
     */
    public int[] removeOld(long keepFrom, long currentSeg, WalStorage storage) throws IOException {
        // Mappings and open handles go first, outside createLock (the storage's own locks are
        // taken before createLock elsewhere; nesting them the other way would deadlock).
        for (long s : list()) {
            if (s < keepFrom) storage.forgetSegment(s);
        }
        // Under createLock: a segment being created (walwriter pre-allocation, an inserter) and a
        // segment being recycled must never claim the same name — the loser's rename would
        // replace a file somebody may already have mapped.
        synchronized (createLock) {
            List<Long> segs = list();
            long maxAhead = Math.max(2, settings.minWalSize / layout.segmentSize());
            long highest = currentSeg;
            for (long s : segs) highest = Math.max(highest, s);
            int removed = 0, recycled = 0;
            for (long s : segs) {
                if (s >= keepFrom) break;
                if (settings.walRecycle && highest - currentSeg < maxAhead) {
                    do { highest++; } while (exists(highest));
                    layer.rename(path(s), path(highest));
                    recycled++;
                } else {
                    layer.delete(path(s));
                    removed++;
                }
            }
            if (removed + recycled > 0) layer.syncDirectory(dir);
            return new int[] {removed, recycled};
        }
    }

    /**
     * Wipes everything after {@code endLsn}: the rest of its page and all later pages of its
     * segment become zeros, durably, and so does any later segment file that was already written
     * at its own address (pre-allocated and filled before the crash; recycled files carry older
     * addresses and are harmless). After a crash this keeps stale WAL — written but never
     * flushed, or of a recycled segment — from ever passing for a continuation of the WAL written
     * after restart, even when new records land at exactly the same positions as old ones.
     */
    public void wipeAfter(long endLsn) throws IOException {
        long segNo = layout.segmentNo(endLsn);
        if (exists(segNo)) zero(segNo, layout.segmentOffset(endLsn));
        byte[] header = new byte[WalLayout.LONG_PAGE_HEADER];
        for (long s : list()) {
            if (s <= segNo) continue;
            try (WalFile f = layer.open(path(s), false, FileLayer.OpenMode.NORMAL)) {
                ByteBuffer b = ByteBuffer.wrap(header);
                while (b.hasRemaining() && f.read(b, b.position()) >= 0) { /* read the header */ }
                ByteBuffer h = ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                boolean writtenHere = (h.getShort(org.pgmini.wal.record.PageHeader.OFF_MAGIC) & 0xFFFF)
                        == org.pgmini.wal.record.PageHeader.MAGIC
                        && h.getLong(org.pgmini.wal.record.PageHeader.OFF_PAGEADDR) == layout.segmentStart(s);
                if (!writtenHere) continue;
            }
            zero(s, 0);
        }
    }

    private void zero(long segNo, long from) throws IOException {
        long size = layout.segmentSize();
        try (WalFile f = layer.open(path(segNo), false, FileLayer.OpenMode.NORMAL)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(Math.max(size - from, 1), 1 << 20));
            for (long pos = from; pos < size; ) {
                zeros.clear();
                zeros.limit((int) Math.min(zeros.capacity(), size - pos));
                int n = zeros.remaining();
                f.write(zeros, pos);
                pos += n;
            }
            f.force(true);
        }
    }

    /** Writes one whole page to its segment file and syncs it (recovery-time consolidation). */
    public void writePageDurably(long pageStart, byte[] page) throws IOException {
        try (WalFile f = open(layout.segmentNo(pageStart), FileLayer.OpenMode.NORMAL)) {
            f.write(ByteBuffer.wrap(page), layout.segmentOffset(pageStart));
            f.force(false);
        }
    }

    /** Page source over the segment files. */
    public PageSource pageSource() {
        return new PageSource() {
            private long openSeg = -1;
            private WalFile file;

            @Override
            public boolean readPage(long pageStart, byte[] dst) throws IOException {
                long seg = layout.segmentNo(pageStart);
                if (seg != openSeg) {
                    close();
                    if (!layer.exists(path(seg))) return false;
                    file = layer.open(path(seg), false, FileLayer.OpenMode.NORMAL);
                    openSeg = seg;
                }
                ByteBuffer b = ByteBuffer.wrap(dst);
                long pos = layout.segmentOffset(pageStart);
                while (b.hasRemaining()) {
                    int n = file.read(b, pos + b.position());
                    if (n < 0) return false;
                }
                return true;
            }

            @Override
            public String describe(long pageStart) {
                return "log segment " + fileName(layout.segmentNo(pageStart)) + ", offset " + layout.segmentOffset(pageStart);
            }

            @Override
            public void close() throws IOException {
                if (file != null) file.close();
                file = null;
                openSeg = -1;
            }
        };
    }
}
