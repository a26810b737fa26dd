package org.pgmini.executor.parallel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Entry points by name, as PostgreSQL's parallel.c looks up a worker's entry function by library
 * and function name: a worker JVM has the same class path as the leader, so registering at class
 * initialisation is enough. Built-in entries are registered here.
 */
public final class ParallelEntryPoints {
    private static final Map<String, ParallelEntryPoint> ENTRIES = new ConcurrentHashMap<>();

    static {
        register(TestShmMq.WORKER_ENTRY, TestShmMq::workerMain);
        register(ParallelScanCount.WORKER_ENTRY, ParallelScanCount::workerMain);
        register(ParallelExecution.WORKER_ENTRY, FragmentWorker::run);
    }

    private ParallelEntryPoints() {}

    public static void register(String name, ParallelEntryPoint entry) {
        ENTRIES.put(name, entry);
    }

    public static ParallelEntryPoint lookup(String name) {
        ParallelEntryPoint e = ENTRIES.get(name);
        if (e == null) {
            throw new PgException(SqlState.UNDEFINED_FUNCTION, "internal function \"" + name
                    + "\" not found for parallel worker");
        }
        return e;
    }
}
