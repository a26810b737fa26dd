package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Values of {@code wal_pmem_flush}: how mapped WAL memory is made durable. {@code auto} uses
 * libpmem when it can be loaded, else {@code MappedByteBuffer.force}. The name is ours (PostgreSQL
 * has no PMEM GUCs); {@link Wal#pmemFlushInUse()} reports which one a running WAL uses.
 */
public enum WalPmemFlush {
    AUTO("auto"), LIBPMEM("libpmem"), MSYNC("msync");

    private final String gucValue;

    WalPmemFlush(String gucValue) { this.gucValue = gucValue; }

    public String gucValue() { return gucValue; }

    public static WalPmemFlush fromGuc(String value) {
        for (WalPmemFlush m : values()) if (m.gucValue.equalsIgnoreCase(value)) return m;
        throw PgException.withHint(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"wal_pmem_flush\": \"" + value + "\"",
                "Available values: auto, libpmem, msync.");
    }
}
