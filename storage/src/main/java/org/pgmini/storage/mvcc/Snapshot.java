package org.pgmini.storage.mvcc;

import org.pgmini.storage.xact.TransactionIds;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An MVCC snapshot (SnapshotData): every transaction with id below {@code xmin} had finished when
 * it was taken, every id at or above {@code xmax} had not started, and {@code xip} lists the ids
 * in between (top-level and subtransaction ids) that were still running. {@code curcid} is the
 * command id of the taking transaction: its own changes made by commands >= curcid are not seen.
 * Immutable except {@link #withCommandId} making a copy; serializable for parallel workers.
 */
public final class Snapshot {
    private final int xmin;
    private final int xmax;
    private final int[] xip;
    private final int curcid;

    public Snapshot(int xmin, int xmax, int[] xip, int curcid) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.xip = xip.clone();
        this.curcid = curcid;
    }

    public int xmin() { return xmin; }
    public int xmax() { return xmax; }
    public int[] xip() { return xip.clone(); }
    public int curcid() { return curcid; }

    public Snapshot withCommandId(int cid) { return new Snapshot(xmin, xmax, xip, cid); }

    /**
     * XidInMVCCSnapshot: true if {@code xid} must be treated as still running by this snapshot
     * (its effects are invisible whatever the commit log says now).
     */
    public boolean xidInSnapshot(int xid) {
        if (TransactionIds.precedes(xid, xmin)) return false;
        if (TransactionIds.followsOrEquals(xid, xmax)) return true;
        for (int x : xip) if (x == xid) return true;
        return false;
    }

    /** Serialized form: xmin, xmax, curcid, count, xids (little-endian ints). */
    public byte[] serialize() {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * xip.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(xmin).putInt(xmax).putInt(curcid).putInt(xip.length);
        for (int x : xip) b.putInt(x);
        return b.array();
    }

    public static Snapshot deserialize(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int xmin = b.getInt(), xmax = b.getInt(), cid = b.getInt(), n = b.getInt();
        int[] xip = new int[n];
        for (int i = 0; i < n; i++) xip[i] = b.getInt();
        return new Snapshot(xmin, xmax, xip, cid);
    }

    @Override
    public String toString() {
        return "Snapshot{xmin=" + TransactionIds.toString(xmin) + ", xmax=" + TransactionIds.toString(xmax)
                + ", xip=" + Arrays.toString(xip) + ", curcid=" + curcid + "}";
    }
}
