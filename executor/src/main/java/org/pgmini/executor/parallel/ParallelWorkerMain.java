package org.pgmini.executor.parallel;

import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.DsmSegment;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqSender;
import org.pgmini.shmem.resowner.ResourceOwner;
import org.pgmini.shmem.toc.ShmToc;

/**
 * One job in a worker process (PostgreSQL's ParallelWorkerMain): attach the leader's segment,
 * find the table of contents and this worker's error queue, run the entry point, report an
 * error through the queue, detach. The process around it (slot, latch, postmaster watch) is
 * the server's {@code org.pgmini.server.worker.ParallelWorkerProcess}.
 */
public final class ParallelWorkerMain {
    private ParallelWorkerMain() {}

    /**
     * Runs one job. {@code jobDone} is called after the entry point returned (and an error was
     * queued) but before the segment is detached: the leader learns that the job ended when the
     * error queue is detached, so whatever must be true by then (the slot being free for the next
     * job) happens in {@code jobDone}. Errors of the setup itself (no such segment) are only thrown.
     */
    public static void runJob(Dsm dsm, int dsmHandle, String entryPoint, int workerNumber, int launchedWorkers,
                              Runnable jobDone) {
        ResourceOwner owner = ResourceOwner.createRoot("parallel worker job");
        try {
            DsmSegment seg = dsm.attach(dsmHandle, owner);
            ShmToc toc = ShmToc.attach(ParallelContext.MAGIC, seg.region(), 0);
            long fixed = toc.lookup(ParallelContext.KEY_FIXED, false);
            int leaderPid = seg.region().getInt(fixed + 4);
            long queues = toc.lookup(ParallelContext.KEY_ERROR_QUEUES, false);
            ShmMqSender errors = ShmMqSender.attach(
                    ShmMq.at(seg.region(), queues + workerNumber * ParallelContext.ERROR_QUEUE_SIZE), null);
            errors.detachWith(seg);
            try {
                ParallelEntryPoints.lookup(entryPoint).run(new WorkerJob(seg, toc, workerNumber, launchedWorkers, leaderPid));
            } catch (Throwable t) {
                errors.send(ErrorMessages.encode(t));
                errors.flush();
                if (t instanceof Error err && !(t instanceof StackOverflowError)) {
                    throw err;
                }
            }
            if (jobDone != null) {
                jobDone.run();
                jobDone = null;
            }
        } finally {
            if (jobDone != null) {
                jobDone.run();
            }
            owner.close();
        }
    }
}
