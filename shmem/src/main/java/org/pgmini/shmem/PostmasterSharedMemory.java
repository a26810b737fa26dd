package org.pgmini.shmem;

import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.main.MainSharedMemory;

import java.nio.file.Path;
import java.util.List;

/**
 * All shared memory the postmaster owns, with its life cycle: {@link #start} (after cleaning up
 * what a crashed predecessor left), {@link #reinitialize} (crash-and-restart: destroy every DSM
 * segment and the main segment, create both anew), {@link #shutdown} (postmaster exit).
 *
 * <p>The postmaster's main thread drives it; the methods are synchronized only because the JVM
 * shutdown hook may run {@link #shutdown()} concurrently.
 */
public final class PostmasterSharedMemory {
    private final Path dataDir;
    private final DsmImplKind kind;
    private final int maxConnections;
    private final int maxWorkerProcesses;
    private final long mainSize;
    private final int mainIndexCapacity;
    private final List<String> removedAtStart;
    private MainSharedMemory main;
    private Dsm dsm;
    /** Postmaster exit without {@link #shutdown()} (System.exit, SIGTERM) still cleans up. */
    private final Thread exitHook = new Thread(this::shutdownFromHook, "shmem-exit");

    private PostmasterSharedMemory(Path dataDir, DsmImplKind kind, int maxConnections, int maxWorkerProcesses,
                                   long mainSize, int mainIndexCapacity, List<String> removedAtStart) {
        this.dataDir = dataDir;
        this.kind = kind;
        this.maxConnections = maxConnections;
        this.maxWorkerProcesses = maxWorkerProcesses;
        this.mainSize = mainSize;
        this.mainIndexCapacity = mainIndexCapacity;
        this.removedAtStart = removedAtStart;
    }

    /**
     * Postmaster start: {@link CrashCleanup#cleanupAfterCrash} on the data directory, then the
     * main segment ({@code mainSize} bytes, see {@link MainSharedMemory#sizeFor}) and the DSM
     * control segment, recorded in {@code pg_dynshmem/state}.
     */
    public static PostmasterSharedMemory start(Path dataDir, DsmImplKind kind, int maxConnections,
                                               int maxWorkerProcesses, long mainSize, int mainIndexCapacity) {
        List<String> removed = CrashCleanup.cleanupAfterCrash(dataDir);
        PostmasterSharedMemory p = new PostmasterSharedMemory(dataDir, kind, maxConnections, maxWorkerProcesses,
                mainSize, mainIndexCapacity, removed);
        p.create();
        Runtime.getRuntime().addShutdownHook(p.exitHook);
        return p;
    }

    private void create() {
        main = MainSharedMemory.create(mainSize, mainIndexCapacity);
        try {
            dsm = Dsm.postmasterStartup(kind, dataDir.resolve("pg_dynshmem"), maxConnections, maxWorkerProcesses);
        } catch (RuntimeException e) {
            main.destroy();
            throw e;
        }
        state().write(dataDir);
    }

    /**
     * Crash-and-restart: everything in shared memory is discarded and created anew. The caller
     * must have ended every session thread and worker that touches shared memory first (as
     * PostgreSQL terminates all backends before reinitialising): this process's mappings are
     * unmapped here, and a thread still copying from one would fault.
     */
    public synchronized void reinitialize() {
        destroyAll();
        create();
    }

    /** Postmaster exit: destroys all segments and removes the state file. */
    public synchronized void shutdown() {
        destroyAll();
        SharedMemoryState.remove(dataDir);
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException inShutdown) {
            // called from the hook
        }
    }

    private void shutdownFromHook() {
        try {
            shutdown();
        } catch (RuntimeException e) {
            // Nothing to report to at this point; the next start's crash cleanup finishes the job.
        }
    }

    private void destroyAll() {
        if (dsm != null) {
            dsm.postmasterShutdown();
            dsm = null;
        }
        if (main != null) {
            main.destroy();
            main = null;
        }
    }

    /** What a worker JVM needs to attach: pass it on its command line or let it read the state file. */
    public synchronized SharedMemoryState state() {
        return new SharedMemoryState(Processes.myPid(), kind, dsm.controlHandle(), main.name());
    }

    public MainSharedMemory main() { return main; }
    public Dsm dsm() { return dsm; }
    /** What the start-up crash cleanup removed (for the log). */
    public List<String> removedAtStart() { return removedAtStart; }
}
