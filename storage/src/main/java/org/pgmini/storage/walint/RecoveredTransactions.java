package org.pgmini.storage.walint;

import org.pgmini.storage.xact.TransactionIds;

import java.util.HashSet;
import java.util.Set;

/**
 * What replay learns about transactions: every xid that changed a page, minus those whose
 * commit or abort record was replayed. At the end of recovery the rest were running at the
 * crash (or rolled back a subtransaction, which is not logged) and are marked aborted. Used by
 * the single startup thread only.
 */
final class RecoveredTransactions {
    private final Set<Integer> open = new HashSet<>();
    private int newest = TransactionIds.INVALID;

    void sawChange(int xid) {
        if (!TransactionIds.isNormal(xid)) return;
        open.add(xid);
        noteNewest(xid);
    }

    void ended(int xid, int[] subxids) {
        open.remove(xid);
        noteNewest(xid);
        for (int s : subxids) {
            open.remove(s);
            noteNewest(s);
        }
    }

    private void noteNewest(int xid) {
        if (!TransactionIds.isValid(newest) || TransactionIds.follows(xid, newest)) newest = xid;
    }

    /** Xids that changed pages but have no commit/abort record, in no particular order. */
    int[] withoutOutcome() { return open.stream().mapToInt(Integer::intValue).toArray(); }

    /** The newest xid seen in any record, or 0. */
    int newest() { return newest; }

    void clear() {
        open.clear();
        newest = TransactionIds.INVALID;
    }
}
