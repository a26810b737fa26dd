package org.pgmini.storage.xact;

import org.pgmini.storage.shared.LWLock;
import org.pgmini.storage.shared.SharedRegion;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * The commit log ({@code pg_xact/}): two status bits per transaction id, four per byte, 32768 per
 * 8 KiB page, 32 pages per segment file, cached in an {@link SlruCache}. Bits of xid x: page
 * x / 32768, byte (x % 32768) / 4, shift 2 * (x % 4).
 *
 * <p>Special xids are answered without looking: bootstrap and frozen are committed, invalid is
 * aborted (TransactionLogFetch).
 */
public final class CommitLog {
    public static final int XACTS_PER_BYTE = 4;
    public static final int XACTS_PER_PAGE = BLCKSZ * XACTS_PER_BYTE;

    private final SlruCache slru;

    public static long requiredSize(int nslots) { return SlruCache.requiredSize(nslots); }

    public CommitLog(SharedRegion region, long offset, int nslots, Path dataDir, LWLock lock, boolean initialize) {
        this.slru = new SlruCache(region, offset, nslots, dataDir.resolve("pg_xact"), lock, initialize);
    }

    static int pageOf(int xid) { return (int) (Integer.toUnsignedLong(xid) / XACTS_PER_PAGE); }
    private static int byteOf(int xid) { return (int) (Integer.toUnsignedLong(xid) % XACTS_PER_PAGE) / XACTS_PER_BYTE; }
    private static int shiftOf(int xid) { return (int) (Integer.toUnsignedLong(xid) % XACTS_PER_BYTE) * 2; }

    public TransactionStatus status(int xid) {
        if (!TransactionIds.isNormal(xid)) {
            return xid == TransactionIds.INVALID ? TransactionStatus.ABORTED : TransactionStatus.COMMITTED;
        }
        int b = byteOf(xid), shift = shiftOf(xid);
        int bits = slru.read(pageOf(xid), page -> (page.get(b) >>> shift) & 3);
        return TransactionStatus.ofBits(bits);
    }

    /**
     * Records the final status of a transaction and its committed subtransactions as one step
     * for readers: under one exclusive hold of the control lock, subtransactions are marked
     * SUB_COMMITTED, then the top-level xid gets its status, then the subtransactions get it too.
     * So no reader ever sees a subtransaction committed before its parent; SUB_COMMITTED is
     * visible only on disk after a crash in the middle, where it reads as not committed.
     */
    public void setTreeStatus(int xid, int[] subxids, TransactionStatus status) {
        if (status != TransactionStatus.COMMITTED && status != TransactionStatus.ABORTED) {
            throw new IllegalArgumentException("final status must be COMMITTED or ABORTED");
        }
        slru.modifyMany(() -> {
            if (status == TransactionStatus.COMMITTED) {
                for (int sub : subxids) set(sub, TransactionStatus.SUB_COMMITTED);
            }
            set(xid, status);
            for (int sub : subxids) set(sub, status);
        });
    }

    /** Sets one xid's status (WAL redo of commit/abort records, which carry each xid). */
    public void setStatus(int xid, TransactionStatus status) {
        if (!TransactionIds.isNormal(xid)) throw new IllegalArgumentException("cannot set the status of special xid " + xid);
        slru.modifyMany(() -> set(xid, status));
    }

    /** Caller holds the SLRU lock exclusively. */
    private void set(int xid, TransactionStatus st) {
        int b = byteOf(xid), shift = shiftOf(xid);
        slru.modifyLocked(pageOf(xid), page -> setBits(page, b, shift, st));
    }

    private static void setBits(ByteBuffer page, int b, int shift, TransactionStatus st) {
        int v = page.get(b) & ~(3 << shift);
        page.put(b, (byte) (v | (st.bits() << shift)));
    }

    /**
     * Called for every newly assigned xid (ExtendCLOG): the first xid of a page, and the first
     * normal xid after wraparound, get a freshly zeroed page.
     */
    public void extend(int newXid) {
        if (byteOf(newXid) != 0 || shiftOf(newXid) != 0) {
            if (newXid != TransactionIds.FIRST_NORMAL) return;
        }
        slru.zeroPage(pageOf(newXid));
    }

    /** Checkpoint: write dirty pages and fsync them. */
    public void checkpoint() { slru.flush(); }

    SlruCache slru() { return slru; }
}
