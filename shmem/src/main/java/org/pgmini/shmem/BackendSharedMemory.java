package org.pgmini.shmem;

import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.shmem.sync.PostmasterDeath;

import java.nio.file.Path;

/**
 * A worker JVM's view of the postmaster's shared memory: the main segment and DSM, attached from a
 * {@link SharedMemoryState}. Attaching also starts watching the postmaster, so latch waits return
 * WL_POSTMASTER_DEATH when it is gone.
 */
public final class BackendSharedMemory implements AutoCloseable {
    private final MainSharedMemory main;
    private final Dsm dsm;

    private BackendSharedMemory(MainSharedMemory main, Dsm dsm) {
        this.main = main;
        this.dsm = dsm;
    }

    public static BackendSharedMemory attach(Path dataDir, SharedMemoryState state) {
        PostmasterDeath.watch(state.postmasterPid());
        MainSharedMemory main = state.mainSegmentName() == null ? null : MainSharedMemory.attach(state.mainSegmentName());
        try {
            Dsm dsm = Dsm.backendStartup(state.dsmKind(), dataDir.resolve("pg_dynshmem"), state.dsmControlHandle());
            return new BackendSharedMemory(main, dsm);
        } catch (RuntimeException e) {
            if (main != null) {
                main.detach();
            }
            throw e;
        }
    }

    public MainSharedMemory main() { return main; }
    public Dsm dsm() { return dsm; }

    /** Clean worker exit: detach all DSM mappings, unmap everything. */
    @Override
    public void close() {
        dsm.backendShutdown();
        if (main != null) {
            main.detach();
        }
    }
}
