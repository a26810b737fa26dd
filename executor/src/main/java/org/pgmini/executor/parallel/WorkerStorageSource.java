package org.pgmini.executor.parallel;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.WorkerStorage;

import java.util.function.Supplier;

/**
 * How an entry point running in a worker process reaches the postmaster's storage: the process
 * around the job (the server's {@code ParallelWorkerProcess}, or a test running jobs on
 * threads) installs a supplier that attaches a fresh {@link WorkerStorage} (the shared buffer
 * pool and commit log of the main segment, with its own relation files). Each job attaches and
 * closes its own, so a worker never keeps files or mappings of an older shared memory
 * generation (after a crash restart) between jobs.
 */
public final class WorkerStorageSource {
    private static volatile Supplier<WorkerStorage> source;

    private WorkerStorageSource() {}

    /** Set once by the worker process at start (tests may replace it). */
    public static void install(Supplier<WorkerStorage> attach) { source = attach; }

    /** A new attachment to the storage; the caller closes it. */
    public static WorkerStorage attach() {
        Supplier<WorkerStorage> s = source;
        if (s == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "table access is not supported in this parallel worker");
        }
        return s.get();
    }
}
