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
 * will need a serialized copy (not done yet). Not thread-safe: one per transaction.
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
}
