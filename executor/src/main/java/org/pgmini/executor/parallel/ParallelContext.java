package org.pgmini.executor.parallel;

import java.util.function.BooleanSupplier;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.WorkerLauncher;
import org.pgmini.shmem.dsm.DsmSegment;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.resowner.ResourceOwner;
import org.pgmini.shmem.toc.ShmToc;
import org.pgmini.shmem.toc.ShmTocEstimator;

/**
 * The leader's side of a parallel operation (PostgreSQL's ParallelContext): one DSM segment with a
 * table of contents, a fixed header, one error queue per worker, and whatever the caller adds;
 * launching workers through the server's {@link WorkerLauncher}; waiting for them; re-raising a
 * worker's error in the leader.
 *
 * <p>Life cycle: {@code create} → caller fills its TOC entries → {@link #launch()} →
 * {@link #waitForFinish()} → {@link #close()}. The segment belongs to a resource owner of its own,
 * released by {@link #close()} — use try-with-resources so that an error or a cancel on the way
 * still detaches it (the workers' references then keep it alive until they leave; the last detach
 * destroys it).
 *
 * <p>Segment layout (TOC keys): {@link #KEY_FIXED} = {int workers asked, int leader pid},
 * {@link #KEY_ERROR_QUEUES} = workers × {@link #ERROR_QUEUE_SIZE} bytes of shm_mq, one per worker
 * number, the worker sending and the leader receiving. Keys from {@link #FIRST_USER_KEY} belong
 * to the caller.
 */
public final class ParallelContext implements AutoCloseable {
    public static final long MAGIC = 0x50474d5f50415241L;
    public static final long KEY_FIXED = 1;
    public static final long KEY_ERROR_QUEUES = 2;
    public static final long FIRST_USER_KEY = 100;
    public static final long ERROR_QUEUE_SIZE = 16384;
    private static final long FIXED_SIZE = 64;

    private final SessionContext session;
    private final WorkerLauncher launcher;
    private final String entryPoint;
    private final int nworkers;
    private final ResourceOwner owner;
    private final DsmSegment segment;
    private final ShmToc toc;
    private final ShmMqReceiver[] errorQueues;
    private WorkerLauncher.LaunchedWorkers launched;

    private ParallelContext(SessionContext session, WorkerLauncher launcher, String entryPoint, int nworkers,
                            ShmTocEstimator userSpace) {
        this.session = session;
        this.launcher = launcher;
        this.entryPoint = entryPoint;
        this.nworkers = nworkers;
        ShmTocEstimator est = userSpace == null ? new ShmTocEstimator() : userSpace;
        est.chunk(FIXED_SIZE).chunk(ERROR_QUEUE_SIZE * Math.max(1, nworkers)).keys(2);
        this.owner = ResourceOwner.createRoot("parallel context");
        try {
            segment = launcher.dsm().create(est.estimate(), owner);
            toc = ShmToc.create(MAGIC, segment.region(), 0, segment.size());
            long fixed = toc.allocate(FIXED_SIZE);
            segment.region().putInt(fixed, nworkers);
            segment.region().putInt(fixed + 4, Processes.myPid());
            toc.insert(KEY_FIXED, fixed);
            long queues = toc.allocate(ERROR_QUEUE_SIZE * Math.max(1, nworkers));
            toc.insert(KEY_ERROR_QUEUES, queues);
            errorQueues = new ShmMqReceiver[nworkers];
            for (int i = 0; i < nworkers; i++) {
                ShmMq.create(segment.region(), queues + i * ERROR_QUEUE_SIZE, ERROR_QUEUE_SIZE);
            }
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * A context for {@code nworkers} workers running {@code entryPoint}; {@code userSpace} holds the
     * caller's chunks and keys (may be null). Raises 0A000 when the session has no worker pool.
     */
    public static ParallelContext create(SessionContext session, String entryPoint, int nworkers,
                                         ShmTocEstimator userSpace) {
        return new ParallelContext(session, session.workers(), entryPoint, nworkers, userSpace);
    }

    public DsmSegment segment() { return segment; }
    public ShmToc toc() { return toc; }
    public int workersRequested() { return nworkers; }

    /** LaunchParallelWorkers: returns how many were launched (0 .. requested). */
    public int launch() {
        if (launched != null) {
            throw new IllegalStateException("workers already launched");
        }
        launched = nworkers == 0 ? null : launcher.launch(nworkers, segment.handle(), entryPoint, Processes.myPid(),
                session.backendPid());
        int n = launched == null ? 0 : launched.count();
        long queues = toc.lookup(KEY_ERROR_QUEUES, false);
        for (int i = 0; i < n; i++) {
            final int w = i;
            errorQueues[i] = ShmMqReceiver.attach(ShmMq.at(segment.region(), queues + i * ERROR_QUEUE_SIZE),
                    () -> launched.isRunning(w));
            errorQueues[i].detachWith(segment);
        }
        return n;
    }

    public int launched() {
        return launched == null ? 0 : launched.count();
    }

    /** True while worker {@code i} runs this job (for queue peer checks before the worker attached). */
    public BooleanSupplier workerAlive(int i) {
        return () -> launched != null && i < launched.count() && launched.isRunning(i);
    }

    public int workerPid(int i) {
        return launched.pid(i);
    }

    /**
     * WaitForParallelWorkersToFinish: reads every worker's error queue until the worker leaves it.
     * The first error a worker sent is raised here with the worker's SQLSTATE, message, detail,
     * hint and context plus the line "parallel worker".
     */
    public void waitForFinish() {
        PgException first = null;
        for (int i = 0; i < launched(); i++) {
            ShmMqReceiver q = errorQueues[i];
            for (;;) {
                session.checkForInterrupts();
                ShmMqResult r = q.receive(false);
                if (r != ShmMqResult.SUCCESS) {
                    break;
                }
                byte[] msg = new byte[q.message().remaining()];
                q.message().duplicate().get(msg);
                if (first == null) {
                    first = ErrorMessages.decode(msg);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Raises the first error any worker already reported, without waiting (e.g. after a queue detached). */
    public void raiseWorkerErrorIfAny() {
        for (int i = 0; i < launched(); i++) {
            ShmMqReceiver q = errorQueues[i];
            if (q.receive(true) == ShmMqResult.SUCCESS) {
                byte[] msg = new byte[q.message().remaining()];
                q.message().duplicate().get(msg);
                throw ErrorMessages.decode(msg);
            }
        }
    }

    /**
     * Raises the error worker {@code i} reported, if any, without waiting. A worker sends its error
     * before its tuple queue is detached, so after seeing that queue end this finds it.
     */
    public void raiseWorkerErrorIfAny(int i) {
        if (i >= launched()) {
            return;
        }
        ShmMqReceiver q = errorQueues[i];
        if (q.receive(true) == ShmMqResult.SUCCESS) {
            byte[] msg = new byte[q.message().remaining()];
            q.message().duplicate().get(msg);
            throw ErrorMessages.decode(msg);
        }
    }

    /**
     * For an ending query (LIMIT reached, error, cancel): waits up to {@code timeoutMillis} for
     * every launched worker to leave its job, ignoring what they report; no interrupt checks (the
     * caller may already be handling a cancel). Workers notice a detached tuple queue at their
     * next send or interrupt check, so this is short.
     */
    public void waitForWorkersToLeave(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (int i = 0; i < launched(); i++) {
            ShmMqReceiver q = errorQueues[i];
            for (;;) {
                ShmMqResult r = q.receive(true);
                if (r == ShmMqResult.DETACHED || !launched.isRunning(i) || System.nanoTime() > deadline) {
                    break;
                }
                if (r == ShmMqResult.WOULD_BLOCK) {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            }
        }
    }

    /** Detaches the segment (and so the error queues); idempotent. */
    @Override
    public void close() {
        owner.close();
    }

    static PgException lostWorker() {
        return new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lost connection to parallel worker");
    }
}
