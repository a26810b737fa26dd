package org.pgmini.storage.xact;

/**
 * PostgreSQL's eight table lock modes, weakest first, with their conflict table (lock.c's
 * LockConflicts). Two requests by different transactions conflict when {@link #conflictsWith}
 * says so; a transaction never conflicts with itself.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    /** Bit i set in CONFLICTS[m] = mode m conflicts with mode i (ordinal order). */
    private static final int[] CONFLICTS = {
            bits(7),                          // AccessShare: AccessExclusive
            bits(6, 7),                       // RowShare: Exclusive, AccessExclusive
            bits(4, 5, 6, 7),                 // RowExclusive: Share and stronger
            bits(3, 4, 5, 6, 7),              // ShareUpdateExclusive: itself and stronger
            bits(2, 3, 5, 6, 7),              // Share: RowExclusive, SUE, SRE, Exclusive, AE
            bits(2, 3, 4, 5, 6, 7),           // ShareRowExclusive
            bits(1, 2, 3, 4, 5, 6, 7),        // Exclusive: all but AccessShare
            bits(0, 1, 2, 3, 4, 5, 6, 7)};    // AccessExclusive: everything

    private final String displayName;

    LockMode(String displayName) { this.displayName = displayName; }

    /** The name PostgreSQL prints (pg_locks.mode, deadlock DETAIL). */
    public String displayName() { return displayName; }

    public boolean conflictsWith(LockMode other) { return (CONFLICTS[ordinal()] & (1 << other.ordinal())) != 0; }

    private static int bits(int... is) {
        int m = 0;
        for (int i : is) m |= 1 << i;
        return m;
    }
}
