package org.pgmini.shmem.dsm;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** {@code dynamic_shared_memory_type = none}: every operation reports the facility as disabled. */
public final class NoneDsmImpl implements DsmImpl {

    static PgException disabled() {
        return PgException.withHint(SqlState.FEATURE_NOT_SUPPORTED, "dynamic shared memory is disabled",
                "Set \"dynamic_shared_memory_type\" to a value other than \"none\".");
    }

    @Override public DsmImplKind kind() { return DsmImplKind.NONE; }
    @Override public DsmMapping create(int handle, long size) { throw disabled(); }
    @Override public DsmMapping attach(int handle) { throw disabled(); }
    @Override public void detach(DsmMapping mapping) { throw disabled(); }
    @Override public boolean destroy(int handle) { throw disabled(); }
    @Override public void resize(DsmMapping mapping, long newSize) { throw disabled(); }
    @Override public String segmentName(int handle) { return Integer.toUnsignedString(handle); }
}
