package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** Values of {@code wal_sync_method}. PostgreSQL's default on Linux is fdatasync. */
public enum WalSyncMethod {
    FSYNC("fsync"), FDATASYNC("fdatasync"), OPEN_SYNC("open_sync"), OPEN_DATASYNC("open_datasync");

    private final String gucValue;

    WalSyncMethod(String gucValue) { this.gucValue = gucValue; }

    public String gucValue() { return gucValue; }

    /** True when every write is durable on return (the file is opened with O_SYNC/O_DSYNC). */
    public boolean syncsOnWrite() { return this == OPEN_SYNC || this == OPEN_DATASYNC; }

    public static WalSyncMethod fromGuc(String value) {
        for (WalSyncMethod m : values()) if (m.gucValue.equalsIgnoreCase(value)) return m;
        throw PgException.withHint(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"wal_sync_method\": \"" + value + "\"",
                "Available values: fsync, fdatasync, open_sync, open_datasync.");
    }
}
