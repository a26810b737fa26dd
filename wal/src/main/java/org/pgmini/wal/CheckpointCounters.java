package org.pgmini.wal;

/** Transaction and OID counters a checkpoint record carries; the server's transaction manager supplies them. */
public record CheckpointCounters(long nextXid, int nextOid, int oldestXid, int oldestXidDb, int oldestActiveXid) {
    /** What a fresh cluster starts with (PostgreSQL's initdb: first normal xid 3, first user OID 10000... ours: the server decides). */
    public static CheckpointCounters initial(long nextXid, int nextOid) {
        return new CheckpointCounters(nextXid, nextOid, (int) nextXid, 1, 0);
    }
}
