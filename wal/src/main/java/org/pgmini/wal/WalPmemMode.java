package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** Values of the {@code wal_pmem_mode} GUC (postmaster context): the WAL designs of ARCHITECTURE §6. */
public enum WalPmemMode {
    OFF("off"),
    MAPPED_SEGMENTS("mapped_segments"),
    PMEM_BUFFERS("pmem_buffers"),
    SEGMENTS_AS_BUFFERS("segments_as_buffers"),
    NVWAL("nvwal");

    private final String gucValue;

    WalPmemMode(String gucValue) { this.gucValue = gucValue; }

    public String gucValue() { return gucValue; }

    public static WalPmemMode fromGuc(String value) {
        for (WalPmemMode m : values()) if (m.gucValue.equalsIgnoreCase(value)) return m;
        throw PgException.withHint(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"wal_pmem_mode\": \"" + value + "\"",
                "Available values: off, mapped_segments, pmem_buffers, segments_as_buffers, nvwal.");
    }
}
