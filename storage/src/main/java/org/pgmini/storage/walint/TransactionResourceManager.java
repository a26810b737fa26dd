package org.pgmini.storage.walint;

import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;
import org.pgmini.storage.xact.TransactionStatus;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.recovery.ResourceManager;
import org.pgmini.wal.recovery.RmgrIds;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Transaction resource manager (1): COMMIT and ABORT records. Main data: end time
 * (int64, µs since 2000-01-01 UTC, PostgreSQL's TimestampTz), number of subtransactions (int32),
 * their xids (int32 each); the top-level xid is the record's xid. Redo writes the statuses into
 * the commit log the same way a running server does ({@link CommitLog#setTreeStatus}).
 *
 * <p>{@link #cleanup}, after the last record: every xid that changed a page but has no
 * outcome record was running at the crash; it is marked aborted in the commit log, and the xid
 * counter is moved past the newest xid seen.
 */
public final class TransactionResourceManager implements ResourceManager {
    /** 2000-01-01 00:00:00 UTC in Unix seconds (PostgreSQL's epoch). */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final CommitLog clog;
    private final TransactionIdAllocator xids;
    private final RecoveredTransactions xacts;

    /** @param clog null for a describe-only instance (waldump) */
    TransactionResourceManager(CommitLog clog, TransactionIdAllocator xids, RecoveredTransactions xacts) {
        this.clog = clog;
        this.xids = xids;
        this.xacts = xacts;
    }

    static byte[] encode(long endTimeMicros, int[] subxids) {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * subxids.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(endTimeMicros).putInt(subxids.length);
        for (int s : subxids) b.putInt(s);
        return b.array();
    }

    static long nowMicros() {
        Instant n = Instant.now();
        return (n.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + n.getNano() / 1000;
    }

    private static int[] subxids(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int[] s = new int[b.getInt(8)];
        for (int i = 0; i < s.length; i++) s[i] = b.getInt(12 + 4 * i);
        return s;
    }

    @Override public int id() { return RmgrIds.TRANSACTION; }
    @Override public String name() { return "Transaction"; }

    @Override
    public void startup() {
        if (xacts != null) xacts.clear();
    }

    @Override
    public void redo(DecodedRecord r) {
        if (clog == null) throw new IllegalStateException("describe-only resource manager");
        int[] subs = subxids(r.mainData());
        TransactionStatus st = switch (r.info() & 0xF0) {
            case WalIds.XACT_COMMIT -> TransactionStatus.COMMITTED;
            case WalIds.XACT_ABORT -> TransactionStatus.ABORTED;
            default -> throw new IllegalStateException(String.format("xact redo: unknown op code %02X", r.info()));
        };
        clog.setTreeStatus(r.xid(), subs, st);
        xacts.ended(r.xid(), subs);
    }

    @Override
    public void cleanup() {
        if (clog == null) return;
        for (int xid : xacts.withoutOutcome()) clog.setStatus(xid, TransactionStatus.ABORTED);
        if (xacts.newest() != 0) xids.advancePast(xacts.newest());
        xacts.clear();
    }

    @Override
    public String identify(int info) {
        return switch (info & 0xF0) {
            case WalIds.XACT_COMMIT -> "COMMIT";
            case WalIds.XACT_ABORT -> "ABORT";
            default -> null;
        };
    }

    @Override
    public String describe(DecodedRecord r) {
        long micros = ByteBuffer.wrap(r.mainData()).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        long secs = Math.floorDiv(micros, 1_000_000L);
        long frac = Math.floorMod(micros, 1_000_000L);
        StringBuilder sb = new StringBuilder(TS.format(Instant.ofEpochSecond(secs + PG_EPOCH_SECONDS)));
        if (frac != 0) {
            String f = String.format("%06d", frac).replaceAll("0+$", "");
            sb.append('.').append(f);
        }
        sb.append(" UTC");
        int[] subs = subxids(r.mainData());
        if (subs.length > 0) {
            sb.append("; subxacts:");
            for (int s : subs) sb.append(' ').append(Integer.toUnsignedString(s));
        }
        return sb.toString();
    }
}
