package org.pgmini.wal.mode;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.io.PersistentRegion;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's memory mappings of segment files, for the modes that copy WAL into mapped
 * segments (mapped_segments, segments_as_buffers). A segment is mapped on first use and stays
 * mapped until {@link #forget} or {@link #closeBelow} drops it.
 *
 * <p>Thread safety: lookups are lock-free; creating a mapping is serialised on the map so two
 * threads never map the same segment twice. Dropping a mapping is the caller's promise that no
 * thread still uses that segment (mapped_segments drops only under the WAL write lock, the other
 * mode only segments below the redo pointer).
 */
final class SegmentMappings {
    /** Applied to each per-segment piece of an LSN range. */
    interface PieceAction {
        void apply(PersistentRegion region, int segmentOffset, int length) throws IOException;
    }

    private final SegmentFiles segments;
    private final ConcurrentHashMap<Long, PersistentRegion> mapped = new ConcurrentHashMap<>();

    SegmentMappings(SegmentFiles segments) {
        this.segments = segments;
    }

    /** The mapping of segment {@code seg}, mapping the file if this process has not yet. */
    PersistentRegion region(long seg) throws IOException {
        PersistentRegion r = mapped.get(seg);
        if (r == null) {
            synchronized (mapped) {
                r = mapped.get(seg);
                if (r == null) {
                    r = segments.map(seg);
                    mapped.put(seg, r);
                }
            }
        }
        return r;
    }

    /** The mapping of the segment holding {@code lsn}, which must already exist. */
    PersistentRegion existing(long lsn) {
        return mapped.get(segments.layout().segmentNo(lsn));
    }

    /** Runs {@code action} on each segment's piece of [from, to), in LSN order. */
    void forEachPiece(long from, long to, PieceAction action) throws IOException {
        WalLayout layout = segments.layout();
        long pos = from;
        while (pos < to) {
            long seg = layout.segmentNo(pos);
            long end = Math.min(to, layout.segmentStart(seg + 1));
            action.apply(region(seg), layout.segmentOffset(pos), (int) (end - pos));
            pos = end;
        }
    }

    /** Unmaps every segment numbered below {@code segNo} (they are complete and durable). */
    void closeBelow(long segNo) {
        mapped.entrySet().removeIf(e -> {
            if (e.getKey() < segNo) {
                try { e.getValue().close(); } catch (IOException ignored) { /* unmapping cannot lose data */ }
                return true;
            }
            return false;
        });
    }

    void forget(long segNo) throws IOException {
        PersistentRegion r = mapped.remove(segNo);
        if (r != null) r.close();
    }

    void closeAll() throws IOException {
        for (PersistentRegion r : mapped.values()) r.close();
        mapped.clear();
    }
}
