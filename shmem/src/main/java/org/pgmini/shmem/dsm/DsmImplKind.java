package org.pgmini.shmem.dsm;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.util.Locale;

/** The values of {@code dynamic_shared_memory_type}, spelled as the GUC spells them. */
public enum DsmImplKind {
    POSIX("posix"),
    SYSV("sysv"),
    MMAP("mmap"),
    /** The facility is off: creating a segment fails, parallel query plans no workers. */
    NONE("none");

    private final String gucName;

    DsmImplKind(String gucName) { this.gucName = gucName; }

    public String gucName() { return gucName; }

    public static DsmImplKind fromGucName(String value) {
        for (DsmImplKind k : values()) {
            if (k.gucName.equals(value.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw PgException.withHint(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"dynamic_shared_memory_type\": \"" + value + "\"",
                "Available values: posix, sysv, mmap, none.");
    }
}
