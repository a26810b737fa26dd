package org.pgmini.wal.recovery;

/**
 * What startup found: where the latest checkpoint and its redo pointer are, whether crash
 * recovery ran, how many records it replayed, the last valid record and the end of valid WAL
 * (where insertion continues), why reading stopped, and the counters of the newest checkpoint
 * seen (the server continues its xid and OID counters from there, or from what its resource
 * managers saw during redo, whichever is higher).
 */
public record RecoveryResult(long checkpointLsn, long redoLsn, boolean crashRecovery, long replayedRecords,
                             long lastRecordLsn, long endLsn, String endReason, CheckpointData latestCheckpoint,
                             int maxNextOid) {
}
