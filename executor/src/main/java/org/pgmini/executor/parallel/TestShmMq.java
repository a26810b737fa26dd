package org.pgmini.executor.parallel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.mq.ShmMqSender;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.Latch;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.toc.ShmToc;
import org.pgmini.shmem.toc.ShmTocEstimator;

/**
 * test_shm_mq and test_shm_mq_pipelined with the semantics of PostgreSQL's test module: a ring of
 * nworkers + 1 queues in one DSM segment, leader → worker 1 → … → worker N → leader.
 * Queue i is written by worker i-1 (the leader for i = 0) and read by worker i (the leader for
 * i = N). The basic test sends the message once and relays what comes back repeat_count - 1
 * times, then checks the final message; the pipelined test keeps up to all of them in flight with
 * nowait calls and checks each one.
 */
public final class TestShmMq {
    static final String WORKER_ENTRY = "test_shm_mq_worker";
    private static final long KEY_QUEUE_SIZE = ParallelContext.FIRST_USER_KEY;
    private static final long KEY_QUEUES = ParallelContext.FIRST_USER_KEY + 1;
    private static final long KEY_LATCH = ParallelContext.FIRST_USER_KEY + 2;
    private static final long MIN_QUEUE = ShmMq.HEADER + ShmMq.MIN_RING;

    private TestShmMq() {}

    /** SELECT test_shm_mq(queue_size, message, repeat_count, num_workers). */
    public static Object basic(SessionContext session, long queueSize, String message, int repeatCount, int workers) {
        if (repeatCount < 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "repeat count size must be an integer value greater than or equal to zero");
        }
        if (workers <= 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "number of workers must be an integer value greater than zero");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        try (Ring ring = Ring.setUp(session, queueSize, workers)) {
            if (ring.out.send(msg, 0, msg.length, false, true) != ShmMqResult.SUCCESS) {
                ring.failed("could not send message");
            }
            int loops = repeatCount;
            for (;;) {
                session.checkForInterrupts();
                if (ring.in.receive(false) != ShmMqResult.SUCCESS) {
                    ring.failed("could not receive message");
                }
                if (--loops <= 0) {
                    break;
                }
                if (ring.out.send(ring.in.message(), false, true) != ShmMqResult.SUCCESS) {
                    ring.failed("could not send message");
                }
            }
            verify(msg, ring.in.message());
            ring.finish();
        }
        return VoidType.VALUE;
    }

    /** SELECT test_shm_mq_pipelined(queue_size, message, repeat_count, num_workers [, verify]). */
    public static Object pipelined(SessionContext session, long queueSize, String message, int repeatCount, int workers,
                                   boolean verify) {
        if (repeatCount < 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "repeat count size must be an integer value greater than or equal to zero");
        }
        if (workers < 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "number of workers must be an integer value greater than or equal to zero");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        ByteBuffer msgBuf = ByteBuffer.wrap(msg);
        try (Ring ring = Ring.setUp(session, queueSize, workers)) {
            int sent = 0;
            int received = 0;
            for (;;) {
                boolean wait = true;
                if (sent < repeatCount) {
                    ShmMqResult r = ring.out.send(msgBuf, true, false);
                    if (r == ShmMqResult.SUCCESS) {
                        sent++;
                        wait = false;
                    } else if (r == ShmMqResult.DETACHED) {
                        ring.failed("could not send message");
                    }
                }
                if (received < repeatCount) {
                    ShmMqResult r = ring.in.receive(true);
                    if (r == ShmMqResult.SUCCESS) {
                        received++;
                        if (verify) {
                            verify(msg, ring.in.message());
                        }
                        wait = false;
                    } else if (r == ShmMqResult.DETACHED) {
                        ring.failed("could not receive message");
                    }
                } else {
                    if (sent != received) {
                        throw new PgException(SqlState.INTERNAL_ERROR,
                                "message sent " + sent + " times, but received " + received + " times");
                    }
                    break;
                }
                if (wait) {
                    ring.out.flush();
                    int w = ring.latch.await(-1, ring::workersAlive);
                    ring.latch.reset();
                    if ((w & (Latch.WL_PEER_DEATH | Latch.WL_POSTMASTER_DEATH)) != 0) {
                        ring.failed("could not receive message");
                    }
                    session.checkForInterrupts();
                }
            }
            ring.finish();
        }
        return VoidType.VALUE;
    }

    private static void verify(byte[] original, ByteBuffer got) {
        if (got.remaining() != original.length) {
            throw PgException.withDetail(SqlState.INTERNAL_ERROR, "message corrupted", "The original message was "
                    + original.length + " bytes but the final message is " + got.remaining() + " bytes.");
        }
        // ByteBuffer.mismatch compares in vectorised chunks: a byte loop would dominate 1 MiB messages.
        int i = got.duplicate().mismatch(ByteBuffer.wrap(original));
        if (i >= 0) {
            throw PgException.withDetail(SqlState.INTERNAL_ERROR, "message corrupted",
                    "The new and original messages differ at byte " + i + " of " + original.length + ".");
        }
    }

    /** The leader's end of the ring: the parallel context, its out (queue 0) and in (queue N) handles. */
    private static final class Ring implements AutoCloseable {
        final ParallelContext pc;
        final ShmMqSender out;
        final ShmMqReceiver in;
        final Latch latch;
        final int workers;

        private Ring(ParallelContext pc, ShmMqSender out, ShmMqReceiver in, Latch latch, int workers) {
            this.pc = pc;
            this.out = out;
            this.in = in;
            this.latch = latch;
            this.workers = workers;
        }

        static Ring setUp(SessionContext session, long queueSize, int workers) {
            if (queueSize < MIN_QUEUE) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "queue size must be at least " + MIN_QUEUE + " bytes");
            }
            long qsize = queueSize & ~63L;
            if (qsize > (1L << 40) / (workers + 1)) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "queue size overflows size_t");
            }
            ShmTocEstimator est = new ShmTocEstimator().chunk(8).chunk(qsize * (workers + 1)).chunk(Latch.SIZE).keys(3);
            ParallelContext pc = ParallelContext.create(session, WORKER_ENTRY, workers, est);
            try {
                ShmToc toc = pc.toc();
                MappedRegion region = pc.segment().region();
                long sizeAt = toc.allocate(8);
                region.putLong(sizeAt, qsize);
                toc.insert(KEY_QUEUE_SIZE, sizeAt);
                long queues = toc.allocate(qsize * (workers + 1));
                toc.insert(KEY_QUEUES, queues);
                long latchAt = toc.allocate(Latch.SIZE);
                Latch latch = Latch.init(region, latchAt, Processes.myPid());
                toc.insert(KEY_LATCH, latchAt);
                ShmMq first = ShmMq.create(region, queues, qsize);
                for (int i = 1; i <= workers; i++) {
                    ShmMq.create(region, queues + i * qsize, qsize);
                }
                ShmMq last = ShmMq.at(region, queues + workers * qsize);
                // One latch for both leader ends, so the pipelined loop can sleep on both at once.
                first.setSenderLatch(latch);
                last.setReceiverLatch(latch);
                int launched = pc.launch();
                Ring ring = new Ring(pc,
                        ShmMqSender.attach(first, workers == 0 ? null : pc.workerAlive(0)),
                        ShmMqReceiver.attach(last, workers == 0 ? null : pc.workerAlive(workers - 1)),
                        latch, workers);
                ring.out.detachWith(pc.segment());
                ring.in.detachWith(pc.segment());
                if (launched < workers) {
                    // The workers that did start leave when their in queue is detached. Wait until
                    // they have: a statement right after this error must find their slots free, as
                    // PostgreSQL's test_shm_mq finds its workers terminated before it reports.
                    ring.out.detach();
                    ring.in.detach();
                    pc.waitForWorkersToLeave(10_000);
                    throw PgException.withHint("53000", "could not register background process",
                            "You may need to increase max_worker_processes.");
                }
                return ring;
            } catch (RuntimeException e) {
                pc.close();
                throw e;
            }
        }

        boolean workersAlive() {
            for (int i = 0; i < workers; i++) {
                if (!pc.workerAlive(i).getAsBoolean()) {
                    return false;
                }
            }
            return true;
        }

        /** A queue failed: a worker's own error explains it better, so raise that if there is one. */
        void failed(String what) {
            out.detach();
            in.detach();
            pc.raiseWorkerErrorIfAny();
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, what);
        }

        /** Normal end: leave the ring (the workers see their queues detach and finish), collect their errors. */
        void finish() {
            out.detach();
            in.detach();
            pc.waitForFinish();
        }

        @Override
        public void close() {
            pc.close();
        }
    }

    /** The worker: relays every message from its in queue to its out queue until the in queue is detached. */
    static void workerMain(WorkerJob job) {
        MappedRegion region = job.segment().region();
        ShmToc toc = job.toc();
        long qsize = region.getLong(toc.lookup(KEY_QUEUE_SIZE, false));
        long queues = toc.lookup(KEY_QUEUES, false);
        int n = job.workerNumber();
        ShmMqReceiver in = ShmMqReceiver.attach(ShmMq.at(region, queues + n * qsize), null);
        ShmMqSender out = ShmMqSender.attach(ShmMq.at(region, queues + (n + 1) * qsize), null);
        in.detachWith(job.segment());
        out.detachWith(job.segment());
        try {
            for (;;) {
                ShmMqResult r = in.receive(true);
                if (r == ShmMqResult.WOULD_BLOCK) {
                    out.flush();
                    r = in.receive(false);
                }
                if (r != ShmMqResult.SUCCESS) {
                    break;
                }
                if (out.send(in.message(), false, false) != ShmMqResult.SUCCESS) {
                    break;
                }
            }
        } finally {
            in.detach();
            out.detach();
        }
    }
}
