package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalSyncMethod;
import org.pgmini.wal.buffer.RingPageMemory;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.io.WalFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes whole pages from a page ring into segment files with write(), and syncs them as
 * wal_sync_method says. Not thread-safe: its owner calls it under one lock (the WAL write lock,
 * or the archive lock of the buffer-file modes).
 */
final class SegmentWriter {
    private final SegmentFiles files;
    private final WalSyncMethod method;
    private final Map<Long, WalFile> open = new HashMap<>();
    private final Set<Long> dirty = new HashSet<>();
    private long lastSeg = -1;

    SegmentWriter(SegmentFiles files, WalSyncMethod method) {
        this.files = files;
        this.method = method;
    }

    private WalFile file(long seg) throws IOException {
        WalFile f = open.get(seg);
        if (f == null) {
            FileLayer.OpenMode mode = method == WalSyncMethod.OPEN_SYNC ? FileLayer.OpenMode.SYNC
                    : method == WalSyncMethod.OPEN_DATASYNC ? FileLayer.OpenMode.DSYNC : FileLayer.OpenMode.NORMAL;
            f = files.open(seg, mode);
            open.put(seg, f);
        }
        return f;
    }

    /** Writes the pages [firstPage, endPage) from the ring, batching runs contiguous in both. */
    void writePages(RingPageMemory ring, long firstPage, long endPage) throws IOException {
        WalLayout layout = files.layout();
        long p = firstPage;
        while (p < endPage) {
            long seg = layout.segmentNo(p);
            int slot = ring.slot(p);
            long runEnd = p + WalLayout.PAGE_SIZE;
            while (runEnd < endPage && layout.segmentNo(runEnd) == seg && ring.slot(runEnd) == slot + (int) ((runEnd - p) / WalLayout.PAGE_SIZE)) {
                runEnd += WalLayout.PAGE_SIZE;
            }
            int len = (int) (runEnd - p);
            ByteBuffer src = ring.memory().duplicate();
            src.limit(ring.offset(p) + len).position(ring.offset(p));
            file(seg).write(src, layout.segmentOffset(p));
            dirty.add(seg);
            lastSeg = seg;
            p = runEnd;
        }
    }

    /** Makes every written page durable; closes segments before the last one written. */
    void sync(boolean fsyncEnabled) throws IOException {
        if (fsyncEnabled && !method.syncsOnWrite()) {
            for (long seg : dirty) open.get(seg).force(method == WalSyncMethod.FSYNC);
        }
        dirty.clear();
        for (Iterator<Map.Entry<Long, WalFile>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, WalFile> e = it.next();
            if (e.getKey() < lastSeg) {
                e.getValue().close();
                it.remove();
            }
        }
    }

    void forget(long seg) throws IOException {
        WalFile f = open.remove(seg);
        dirty.remove(seg);
        if (f != null) f.close();
    }

    void close() throws IOException {
        for (WalFile f : open.values()) f.close();
        open.clear();
        dirty.clear();
    }
}
