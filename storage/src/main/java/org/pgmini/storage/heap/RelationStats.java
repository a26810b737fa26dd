package org.pgmini.storage.heap;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-table activity counters (what pg_stat_user_tables will show): inserted, updated and
 * deleted rows, and what the last VACUUM found. Counted when the operation happens, not when its
 * transaction commits (PostgreSQL counts at commit; the transaction-aware version comes with the
 * statistics collector). Process-local.
 */
public final class RelationStats {
    final AtomicLong inserted = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    private volatile long nLiveTup;
    private volatile long nDeadTup;
    private volatile Instant lastVacuum;

    public long tuplesInserted() { return inserted.get(); }
    public long tuplesUpdated() { return updated.get(); }
    public long tuplesDeleted() { return deleted.get(); }
    /** Live rows as counted by the last VACUUM. */
    public long nLiveTup() { return nLiveTup; }
    /** Dead rows left by the last VACUUM plus rows deleted or updated since. */
    public long nDeadTup() { return Math.max(0, nDeadTup + deletedSinceVacuum.get() - pruned.get()); }
    public Instant lastVacuum() { return lastVacuum; }

    final AtomicLong deletedSinceVacuum = new AtomicLong();
    /** Dead tuples removed by opportunistic pruning since the last VACUUM. */
    final AtomicLong pruned = new AtomicLong();

    void vacuumed(long live, long dead, Instant when) {
        nLiveTup = live;
        nDeadTup = dead;
        deletedSinceVacuum.set(0);
        pruned.set(0);
        lastVacuum = when;
    }
}
