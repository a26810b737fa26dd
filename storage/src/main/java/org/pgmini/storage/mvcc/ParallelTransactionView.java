package org.pgmini.storage.mvcc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The leader's transaction as its parallel workers see it (PostgreSQL serializes the current
 * transaction state and the combo cid table into the parallel DSM segment): the xids that count
 * as "current" (top-level plus live subtransactions) and a copy of the combo command id table.
 * With the leader's snapshot (which carries the leader's command id) a worker thus sees exactly
 * what the leader sees, including the leader's own uncommitted rows of earlier commands.
 *
 * <p>Immutable after construction; safe to share between threads of one worker.
 */
public final class ParallelTransactionView implements TransactionView {
    private final int[] sortedXids;
    private final ComboCids comboCids;

    public ParallelTransactionView(int[] currentXids, ComboCids comboCids) {
        this.sortedXids = currentXids.clone();
        Arrays.sort(this.sortedXids);
        this.comboCids = comboCids;
    }

    @Override
    public boolean isCurrentTransactionId(int xid) {
        return xid != 0 && Arrays.binarySearch(sortedXids, xid) >= 0;
    }

    @Override
    public ComboCids comboCids() { return comboCids; }

    /** The current xids, sorted. */
    public int[] currentXids() { return sortedXids.clone(); }

    /** Serialized form: count, xids (little-endian ints), then {@link ComboCids#toBytes}. */
    public byte[] toBytes() {
        byte[] combos = comboCids.toBytes();
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sortedXids.length + combos.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(sortedXids.length);
        for (int x : sortedXids) b.putInt(x);
        b.put(combos);
        return b.array();
    }

    public static ParallelTransactionView fromBytes(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt();
        int[] xids = new int[n];
        for (int i = 0; i < n; i++) xids[i] = b.getInt();
        return new ParallelTransactionView(xids, ComboCids.fromBytes(b));
    }
}
