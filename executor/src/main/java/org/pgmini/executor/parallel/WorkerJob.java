package org.pgmini.executor.parallel;

import org.pgmini.shmem.dsm.DsmSegment;
import org.pgmini.shmem.toc.ShmToc;

/**
 * What a worker's entry point sees: the job's segment and table of contents, its worker number
 * (0-based, PostgreSQL's ParallelWorkerNumber), how many workers the leader launched, and the
 * leader's process id.
 */
public record WorkerJob(DsmSegment segment, ShmToc toc, int workerNumber, int launchedWorkers, int leaderPid) {}
