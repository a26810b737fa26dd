package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * {@code synchronous_commit} as far as a single server is concerned: {@code off} returns before
 * the commit record is durable (the walwriter flushes it within wal_writer_delay); every other
 * value (on, local, remote_write, remote_apply — there is no replication) waits for the flush.
 */
public enum SynchronousCommit {
    OFF, ON;

    public static SynchronousCommit fromGuc(String value) {
        switch (value.toLowerCase()) {
            case "off": case "false": case "no": case "0": return OFF;
            case "on": case "true": case "yes": case "1": case "local": case "remote_write": case "remote_apply":
                return ON;
            default:
                throw PgException.withHint(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"synchronous_commit\": \"" + value + "\"",
                        "Available values: local, remote_write, remote_apply, on, off.");
        }
    }
}
