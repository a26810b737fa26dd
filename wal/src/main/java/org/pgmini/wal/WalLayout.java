package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * The geometry of the WAL stream: 8 KiB pages, each starting with a page header (a long one on
 * the first page of a segment), records aligned to 8 bytes, segments of a size fixed at initdb.
 *
 * Inserters reserve space in "usable byte positions" — a count of record bytes that skips every
 * page header — so that a reservation is one addition under a short lock; this class converts
 * between those positions and LSNs. The arithmetic is the one PostgreSQL's xlog.c describes.
 */
public final class WalLayout {
    public static final int PAGE_SIZE = 8192;
    public static final int SHORT_PAGE_HEADER = 24;
    public static final int LONG_PAGE_HEADER = 40;
    public static final int ALIGN = 8;
    public static final int USABLE_IN_PAGE = PAGE_SIZE - SHORT_PAGE_HEADER;
    public static final long DEFAULT_SEGMENT_SIZE = 16L * 1024 * 1024;
    /** Smallest segment our tests use; PostgreSQL's minimum is 1 MB, ours is 4 pages. */
    public static final long MIN_SEGMENT_SIZE = 4L * PAGE_SIZE;
    public static final long MAX_SEGMENT_SIZE = 1024L * 1024 * 1024;

    private final long segmentSize;
    private final long usableInSegment;
    private final long segmentsPerLogId;

    public WalLayout(long segmentSize) {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE || Long.bitCount(segmentSize) != 1) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "WAL segment size must be a power of two between " + MIN_SEGMENT_SIZE + " bytes and 1 GB");
        }
        this.segmentSize = segmentSize;
        this.usableInSegment = (segmentSize / PAGE_SIZE - 1) * USABLE_IN_PAGE + (PAGE_SIZE - LONG_PAGE_HEADER);
        this.segmentsPerLogId = 0x100000000L / segmentSize;
    }

    public long segmentSize() { return segmentSize; }

    public static long align(long n) { return (n + ALIGN - 1) & ~(long) (ALIGN - 1); }

    public static long pageStart(long lsn) { return lsn & ~(long) (PAGE_SIZE - 1); }

    public static int pageOffset(long lsn) { return (int) (lsn & (PAGE_SIZE - 1)); }

    public long segmentNo(long lsn) { return lsn / segmentSize; }

    public long segmentStart(long segNo) { return segNo * segmentSize; }

    public int segmentOffset(long lsn) { return (int) (lsn % segmentSize); }

    public boolean isSegmentStart(long pageStart) { return pageStart % segmentSize == 0; }

    /** Header size of the page that starts at {@code pageStart}. */
    public int headerSize(long pageStart) { return isSegmentStart(pageStart) ? LONG_PAGE_HEADER : SHORT_PAGE_HEADER; }

    /** LSN of the usable byte {@code bytePos}: never points at a page header. */
    public long bytePosToLsn(long bytePos) {
        long fullSegs = bytePos / usableInSegment;
        long left = bytePos % usableInSegment;
        long offset;
        if (left < PAGE_SIZE - LONG_PAGE_HEADER) {
            offset = left + LONG_PAGE_HEADER;
        } else {
            left -= PAGE_SIZE - LONG_PAGE_HEADER;
            long fullPages = left / USABLE_IN_PAGE;
            left = left % USABLE_IN_PAGE;
            offset = (fullPages + 1) * PAGE_SIZE + left + SHORT_PAGE_HEADER;
        }
        return fullSegs * segmentSize + offset;
    }

    /**
     * Like {@link #bytePosToLsn} but for the end of a record: a position exactly at a page
     * boundary maps to the boundary itself, not past the next page's header.
     */
    public long bytePosToEndLsn(long bytePos) {
        long fullSegs = bytePos / usableInSegment;
        long left = bytePos % usableInSegment;
        long offset;
        if (left < PAGE_SIZE - LONG_PAGE_HEADER) {
            offset = left == 0 ? 0 : left + LONG_PAGE_HEADER;
        } else {
            left -= PAGE_SIZE - LONG_PAGE_HEADER;
            long fullPages = left / USABLE_IN_PAGE;
            left = left % USABLE_IN_PAGE;
            offset = left == 0 ? (fullPages + 1) * PAGE_SIZE : (fullPages + 1) * PAGE_SIZE + left + SHORT_PAGE_HEADER;
        }
        return fullSegs * segmentSize + offset;
    }

    /** Inverse of both conversions above (an LSN at a page boundary counts as the page's first usable byte). */
    public long lsnToBytePos(long lsn) {
        long fullSegs = lsn / segmentSize;
        long offset = lsn % segmentSize;
        long fullPages = offset / PAGE_SIZE;
        long inPage = offset % PAGE_SIZE;
        long result = fullSegs * usableInSegment;
        if (fullPages == 0) {
            if (inPage > 0) result += inPage - LONG_PAGE_HEADER;
        } else {
            result += PAGE_SIZE - LONG_PAGE_HEADER + (fullPages - 1) * USABLE_IN_PAGE;
            if (inPage > 0) result += inPage - SHORT_PAGE_HEADER;
        }
        return result;
    }

    /** If {@code lsn} is at a page boundary, the first usable byte of that page; otherwise lsn. */
    public long skipPageHeader(long lsn) {
        return pageOffset(lsn) == 0 ? lsn + headerSize(lsn) : lsn;
    }

    /** PostgreSQL's XLogFileName: timeline, then the segment number split in log id and segment. */
    public String fileName(int timeline, long segNo) {
        return String.format("%08X%08X%08X", timeline, segNo / segmentsPerLogId, segNo % segmentsPerLogId);
    }

    /** Segment number named by a file name, or -1 if the name is not a WAL segment's. */
    public long segmentNoOf(String fileName) {
        if (fileName.length() != 24) return -1;
        for (int i = 0; i < 24; i++) {
            if (Character.digit(fileName.charAt(i), 16) < 0 || Character.isLowerCase(fileName.charAt(i))) return -1;
        }
        long log = Long.parseLong(fileName.substring(8, 16), 16);
        long seg = Long.parseLong(fileName.substring(16, 24), 16);
        if (seg >= segmentsPerLogId) return -1;
        return log * segmentsPerLogId + seg;
    }

    public static int timelineOf(String fileName) {
        return (int) Long.parseLong(fileName.substring(0, 8), 16);
    }
}
