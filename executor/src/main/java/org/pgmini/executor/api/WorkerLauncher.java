package org.pgmini.executor.api;

import org.pgmini.shmem.dsm.Dsm;

/**
 * What the executor needs from the server to run parallel work: the postmaster's dynamic shared
 * memory and the pool of parallel worker processes. Implemented by the server
 * ({@code org.pgmini.server.worker.WorkerPool}); reached through {@link SessionContext#workers()}.
 */
public interface WorkerLauncher {
    /** The DSM of this server (segments are created here and their handles passed to workers). */
    Dsm dsm();

    /**
     * Starts up to {@code nworkers} workers on the job: each attaches the segment {@code dsmHandle}
     * and runs the entry point registered under {@code entryPoint} with its worker number
     * (0 .. launched-1). Fewer than asked is normal (max_worker_processes, max_parallel_workers):
     * the result says how many were launched, possibly none. {@code leaderPid} is the leader's OS
     * process (workers watch it), {@code leaderBackendPid} its session's pid as clients see it
     * (pg_stat_activity.leader_pid).
     */
    LaunchedWorkers launch(int nworkers, int dsmHandle, String entryPoint, int leaderPid, int leaderBackendPid);

    /** The workers of one launch. Thread-safe. */
    interface LaunchedWorkers {
        int count();

        /** The process id of worker {@code i}. */
        int pid(int i);

        /** True while worker {@code i}'s process is alive and still on this job. */
        boolean isRunning(int i);
    }
}
