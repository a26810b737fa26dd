package org.pgmini.server.worker;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.pgmini.executor.api.WorkerLauncher;
import org.pgmini.server.guc.ConfigView;
import org.pgmini.server.postmaster.PidFile;
import org.pgmini.server.postmaster.ServerLog;
import org.pgmini.shmem.PostmasterSharedMemory;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.main.MainSharedMemory;

/**
 * The postmaster's shared memory and worker processes, with their life cycle: start (after
 * removing what a crashed predecessor left, see shmem's CrashCleanup), crash-and-restart, exit.
 *
 * <p>Sizes come from the GUCs: the DSM control segment from max_connections +
 * max_worker_processes (shmem sizes it), the main segment from the worker slots plus a reserve.
 * {@code pg_dynshmem/state} (written by shmem) stays the source of truth for the cleanup after a
 * crash; the control handle is also copied into line 9 of postmaster.pid for people and tools.
 *
 * <p>Threads: created and driven by the postmaster's main thread; {@link #crashRestart} runs on
 * it too (the pool's exit watcher only enqueues the request).
 */
public final class ServerSharedMemory {
    /** Main shared memory beyond the worker slots, for small structures of other modules. */
    private static final long MAIN_RESERVE = 1 << 20;

    private final Path dataDir;
    private final PostmasterSharedMemory shm;
    private final WorkerPool pool;
    private final ConfigView config;

    private ServerSharedMemory(Path dataDir, PostmasterSharedMemory shm, WorkerPool pool, ConfigView config) {
        this.dataDir = dataDir;
        this.shm = shm;
        this.pool = pool;
        this.config = config;
    }

    /**
     * Creates shared memory as the configuration says and an (empty) worker pool whose unclean
     * worker exits are handed to {@code crashRequests} (the postmaster's request queue).
     */
    public static ServerSharedMemory start(Path dataDir, ConfigView config, PidFile pid, Consumer<Object> crashRequests) {
        return start(dataDir, config, pid, crashRequests, 0);
    }

    /** As above, with {@code storageBytes} more main shared memory for the buffer pool and clog buffers. */
    public static ServerSharedMemory start(Path dataDir, ConfigView config, PidFile pid, Consumer<Object> crashRequests,
                                           long storageBytes) {
        DsmImplKind kind = DsmImplKind.fromGucName(config.getString("dynamic_shared_memory_type"));
        int maxWorkers = config.getInt("max_worker_processes");
        long mainSize = MainSharedMemory.sizeFor(WorkerPool.sharedMemorySize(maxWorkers) + MAIN_RESERVE + storageBytes,
                MainSharedMemory.DEFAULT_INDEX_CAPACITY);
        PostmasterSharedMemory shm = PostmasterSharedMemory.start(dataDir, kind, config.getInt("max_connections"),
                maxWorkers, mainSize, MainSharedMemory.DEFAULT_INDEX_CAPACITY);
        for (String removed : shm.removedAtStart()) {
            ServerLog.log("removed " + removed + " left by a previous postmaster");
        }
        WorkerPool pool = new WorkerPool(dataDir, maxWorkers, () -> config.getInt("max_parallel_workers"),
                crashRequests::accept);
        pool.attach(shm);
        ServerSharedMemory s = new ServerSharedMemory(dataDir, shm, pool, config);
        s.recordInPidFile(pid);
        return s;
    }

    private void recordInPidFile(PidFile pid) {
        pid.setLine(PidFile.LINE_DSM_CONTROL, Integer.toUnsignedString(shm.dsm().controlHandle()));
    }

    /** What sessions launch workers with (null when dynamic_shared_memory_type = none). */
    public WorkerLauncher launcher() {
        return shm.dsm().kind() == DsmImplKind.NONE ? null : pool;
    }

    public WorkerPool pool() {
        return pool;
    }

    /** The main shared memory segment (the current one: a crash restart replaces it). */
    public MainSharedMemory main() {
        return shm.main();
    }

    /** What the postmaster's storage does around a crash restart. */
    public interface RestartSteps {
        /** Before sessions are terminated: refuse new connections. */
        void crashed();

        /** Sessions and workers are gone, shared memory is about to be destroyed: drop storage unwritten. */
        void beforeReinitialize();

        /** Shared memory exists anew: recover and start storage; an exception stops the server. */
        void afterReinitialize(MainSharedMemory main) throws Exception;
    }

    /**
     * PostgreSQL's crash-and-restart after a worker died uncleanly: log the exit, terminate every
     * session (WARNING 57P02 and close), kill the other workers, destroy all DSM segments and the
     * main segment and create them anew, then accept again. {@code terminateSessions} is the
     * protocol server's terminateAllAfterCrash(waitMillis). Returns true when restart_after_crash
     * is off: the caller then shuts down instead.
     */
    public boolean crashRestart(WorkerExit exit, java.util.function.LongConsumer terminateSessions, PidFile pid) {
        return crashRestart(exit, terminateSessions, pid, null);
    }

    /**
     * As above, with the storage's steps: new connections are refused from the start (57P03),
     * storage is thrown away once sessions are gone, and recovered after shared memory is new,
     * before "ready to accept connections". Returns true also when recovery fails.
     */
    public boolean crashRestart(WorkerExit exit, java.util.function.LongConsumer terminateSessions, PidFile pid,
                                RestartSteps storage) {
        ServerLog.log(exit.describe());
        if (storage != null) storage.crashed();
        ServerLog.log("terminating any other active server processes");
        terminateSessions.accept(10_000);
        pool.killAll(10_000);
        if (storage != null) storage.beforeReinitialize();
        if (!config.getBool("restart_after_crash")) {
            ServerLog.log("shutting down because restart_after_crash is off");
            return true;
        }
        ServerLog.log("all server processes terminated; reinitializing");
        shm.reinitialize();
        pool.attach(shm);
        recordInPidFile(pid);
        if (storage != null) {
            try {
                storage.afterReinitialize(shm.main());
            } catch (Exception e) {
                if (e instanceof org.pgmini.error.PgException pe) {
                    ServerLog.error(pe);
                } else {
                    ServerLog.fatal("startup process failed: " + e);
                }
                ServerLog.log("aborting startup due to startup process failure");
                return true;
            }
        }
        ServerLog.log("database system is ready to accept connections");
        return false;
    }

    /** Postmaster exit: workers killed, every segment destroyed, the state file removed. */
    public void shutdown() {
        pool.shutdown();
        shm.shutdown();
    }
}
