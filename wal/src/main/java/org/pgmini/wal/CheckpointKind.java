package org.pgmini.wal;

/** Why a checkpoint runs; decides the record type and the state written to pg_control. */
public enum CheckpointKind {
    /** checkpoint_timeout, max_wal_size, the CHECKPOINT command: record CHECKPOINT_ONLINE. */
    ONLINE,
    /** Clean shutdown: record CHECKPOINT_SHUTDOWN, pg_control state "shut down". */
    SHUTDOWN,
    /** After crash recovery (PostgreSQL writes a shutdown-type checkpoint then too). */
    END_OF_RECOVERY
}
