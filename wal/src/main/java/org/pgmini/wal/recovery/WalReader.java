package org.pgmini.wal.recovery;

import org.pgmini.wal.Lsn;
import org.pgmini.wal.WalLayout;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.record.PageHeader;
import org.pgmini.wal.record.RecordFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads records in LSN order from a {@link PageSource} and finds the end of valid WAL: the first
 * position where a page is missing or has a wrong magic or page address, a record's length or
 * CRC is bad, a continuation is missing, or the prev pointer does not name the record before.
 * {@link #errorMessage()} then says why, in PostgreSQL's words.
 */
public final class WalReader {
    private final PageSource source;
    private final WalLayout layout;
    private final long systemId;
    private final byte[] page = new byte[WalLayout.PAGE_SIZE];
    private final ByteBuffer pageBuf = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
    private long loadedPage = -1;
    private long nextLsn;
    private long prevLsn;
    private String error;

    /** @param systemId expected system identifier in long headers, 0 to accept any */
    public WalReader(PageSource source, WalLayout layout, long systemId) {
        this.source = source;
        this.layout = layout;
        this.systemId = systemId;
    }

    /** Positions at a record start; {@code expectedPrev} is checked against its prev pointer (0: not checked). */
    public void seek(long lsn, long expectedPrev) {
        this.nextLsn = lsn;
        this.prevLsn = expectedPrev;
        this.error = null;
    }

    /** Start of the next record to read (after {@link #next} returned null: the end of valid WAL). */
    public long nextLsn() { return nextLsn; }

    public String errorMessage() { return error; }

    /** The next valid record, or null at the end of valid WAL. */
    public DecodedRecord next() throws IOException {
        long lsn = layout.skipPageHeader(nextLsn);
        if (!loadPage(WalLayout.pageStart(lsn))) return null;
        int off = WalLayout.pageOffset(lsn);
        if (off == layout.headerSize(WalLayout.pageStart(lsn)) && (PageHeader.info(pageBuf) & PageHeader.FIRST_IS_CONTRECORD) != 0
                && PageHeader.remLen(pageBuf) != 0) {
            return fail("contrecord is requested by " + Lsn.format(lsn));
        }
        int total = pageBuf.getInt(off + RecordFormat.OFF_TOTAL_LENGTH);
        if (total < RecordFormat.HEADER_SIZE) {
            return fail("invalid record length at " + Lsn.format(lsn) + ": wanted " + RecordFormat.HEADER_SIZE + ", got " + total);
        }
        if (total > RecordFormat.MAX_RECORD_SIZE) {
            return fail("record length " + Integer.toUnsignedString(total) + " at " + Lsn.format(lsn) + " too long");
        }
        int avail = WalLayout.PAGE_SIZE - off;
        if (avail >= RecordFormat.HEADER_SIZE && prevLsn != 0) {
            long prev = pageBuf.getLong(off + RecordFormat.OFF_PREV);
            if (prev != prevLsn) {
                return fail("record with incorrect prev-link " + Lsn.format(prev) + " at " + Lsn.format(lsn));
            }
        }
        byte[] rec = new byte[total];
        int n = Math.min(avail, total);
        System.arraycopy(page, off, rec, 0, n);
        int done = n;
        long p = WalLayout.pageStart(lsn);
        while (done < total) {
            p += WalLayout.PAGE_SIZE;
            if (!loadPage(p)) return null;
            int info = PageHeader.info(pageBuf);
            if ((info & PageHeader.FIRST_IS_CONTRECORD) == 0) {
                return fail("there is no contrecord flag at " + Lsn.format(p));
            }
            int rem = PageHeader.remLen(pageBuf);
            if (rem != total - done) {
                return fail("invalid contrecord length " + Integer.toUnsignedString(rem) + " (expected " + (total - done)
                        + ") at " + Lsn.format(p));
            }
            int hs = layout.headerSize(p);
            int m = Math.min(WalLayout.PAGE_SIZE - hs, total - done);
            System.arraycopy(page, hs, rec, done, m);
            done += m;
        }
        long startPos = layout.lsnToBytePos(lsn);
        long endLsn = layout.bytePosToEndLsn(startPos + WalLayout.align(total));
        DecodedRecord r = DecodedRecord.decode(rec, lsn, endLsn);
        if (r == null) return fail("incorrect resource manager data checksum in record at " + Lsn.format(lsn));
        if (prevLsn != 0 && r.prev() != prevLsn) {
            return fail("record with incorrect prev-link " + Lsn.format(r.prev()) + " at " + Lsn.format(lsn));
        }
        prevLsn = lsn;
        nextLsn = layout.bytePosToLsn(startPos + WalLayout.align(total));
        return r;
    }

    private DecodedRecord fail(String message) {
        error = message;
        return null;
    }

    private boolean loadPage(long pageStart) throws IOException {
        if (pageStart == loadedPage) return true;
        loadedPage = -1;
        if (!source.readPage(pageStart, page)) {
            error = "could not read WAL at " + Lsn.format(pageStart) + " (" + source.describe(pageStart) + "): no such page";
            return false;
        }
        int magic = PageHeader.magic(pageBuf);
        if (magic != PageHeader.MAGIC) {
            error = String.format("invalid magic number %04X in %s", magic, source.describe(pageStart));
            return false;
        }
        long addr = PageHeader.pageAddr(pageBuf);
        if (addr != pageStart) {
            error = "unexpected pageaddr " + Lsn.format(addr) + " in " + source.describe(pageStart);
            return false;
        }
        boolean longHeader = (PageHeader.info(pageBuf) & PageHeader.LONG_HEADER) != 0;
        if (longHeader != layout.isSegmentStart(pageStart)) {
            error = "invalid info bits " + String.format("%04X", PageHeader.info(pageBuf)) + " in " + source.describe(pageStart);
            return false;
        }
        if (longHeader) {
            if (PageHeader.segmentSize(pageBuf) != layout.segmentSize()) {
                error = "WAL file has wrong segment size in " + source.describe(pageStart);
                return false;
            }
            if (systemId != 0 && PageHeader.systemId(pageBuf) != systemId) {
                error = "WAL file is from different database system: WAL file database system identifier is "
                        + Long.toUnsignedString(PageHeader.systemId(pageBuf)) + ", pg_control database system identifier is "
                        + Long.toUnsignedString(systemId);
                return false;
            }
        }
        loadedPage = pageStart;
        return true;
    }

    /**
     * The first record that starts in the page at {@code pageStart} or later: skips the tail of a
     * record continued from an earlier page (pg_waldump's way into the middle of the WAL).
     * Returns 0 if the page cannot be read.
     */
    public long findFirstRecord(long pageStart) throws IOException {
        long p = pageStart;
        while (true) {
            if (!loadPage(p)) return 0;
            int hs = layout.headerSize(p);
            int info = PageHeader.info(pageBuf);
            if ((info & PageHeader.FIRST_IS_CONTRECORD) == 0) return p + hs;
            int rem = PageHeader.remLen(pageBuf);
            if (rem <= WalLayout.PAGE_SIZE - hs) {
                long startPos = layout.lsnToBytePos(p + hs) + WalLayout.align(rem);
                return layout.bytePosToLsn(startPos);
            }
            p += WalLayout.PAGE_SIZE;
        }
    }
}
