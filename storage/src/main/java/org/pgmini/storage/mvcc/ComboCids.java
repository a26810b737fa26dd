package org.pgmini.storage.mvcc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combo command ids of one transaction (combocid.c): a tuple's t_cid field has room for one
 * command id, but a tuple inserted and then deleted by the same transaction needs both cmin and
 * cmax. Such a tuple gets HEAP_COMBOCID and t_cid = an index into this transaction-local table of
 * (cmin, cmax) pairs. Only the inserting transaction ever needs them (for others the tuple is
 * either invisible or its xmax decides), so the table dies with the transaction. Parallel workers
 * get a serialized copy ({@link #toBytes}/{@link #fromBytes}): the leader's own rows inserted and
 * deleted in one transaction carry combo ids only its table can resolve. Not thread-safe: one
 * per transaction.
 */
public final class ComboCids {
    private final List<long[]> pairs = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();

    /** Returns the combo id for (cmin, cmax), creating it if new. */
    public int combine(int cmin, int cmax) {
        long key = ((long) cmin << 32) | (cmax & 0xFFFFFFFFL);
        return index.computeIfAbsent(key, k -> {
            pairs.add(new long[] {cmin, cmax});
            return pairs.size() - 1;
        });
    }

    public int cmin(int comboId) { return (int) pairs.get(comboId)[0]; }
    public int cmax(int comboId) { return (int) pairs.get(comboId)[1]; }
    public int size() { return pairs.size(); }

    /** Serialized form: count, then (cmin, cmax) per combo id in id order (little-endian ints). */
    public byte[] toBytes() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 8 * pairs.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(pairs.size());
        for (long[] p : pairs) b.putInt((int) p[0]).putInt((int) p[1]);
        return b.array();
    }

    /** A copy with the same combo ids as the table {@link #toBytes} wrote. */
    public static ComboCids fromBytes(java.nio.ByteBuffer b) {
        ComboCids c = new ComboCids();
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            int id = c.combine(b.getInt(), b.getInt());
            if (id != i) throw new IllegalArgumentException("duplicate combo command id pair in serialized table");
        }
        return c;
    }
}
