package org.pgmini.executor.parallel;

/** Code a parallel worker runs for a job; registered by name in {@link ParallelEntryPoints}. */
@FunctionalInterface
public interface ParallelEntryPoint {
    /** Runs the job; a thrown exception reaches the leader through the worker's error queue. */
    void run(WorkerJob job);
}
