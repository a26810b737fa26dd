package org.pgmini.executor.parallel;

import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.Latch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader's side of Gather's tuple queues: one shm_mq per launched worker, read round-robin
 * without blocking on any single queue (PostgreSQL's gather_readnext idea): it stays on a queue
 * while it delivers, moves on when it would block, and sleeps on ONE latch that every queue sets
 * when a worker writes, only after a full pass found nothing.
 *
 * <p>Setup order (the invariant that makes the shared latch work): {@link #prepare} creates the
 * queues and points each queue's receiver latch at the shared one BEFORE the workers are
 * launched, so a sender never sets any other latch. No lost wake-up: the latch is reset before
 * a pass over the queues; a message written after that pass sets it, so the wait returns.
 *
 * <p>Session thread only.
 */
public final class GatherQueues implements AutoCloseable {
    private final ParallelContext pc;
    private final Latch latch;
    private final List<ShmMqReceiver> live = new ArrayList<>();
    private int current;

    private GatherQueues(ParallelContext pc, Latch latch) {
        this.pc = pc;
        this.latch = latch;
    }

    /** Bytes of segment {@link #prepare} needs for {@code nworkers} queues of {@code queueSize}. */
    public static long size(int nworkers, long queueSize) { return 64 + queueSize * Math.max(1, nworkers); }

    /**
     * Leader, before {@code pc.launch()}: formats the shared latch at {@code at} (64-byte aligned,
     * {@link #size} bytes) and one queue per worker after it.
     */
    public static void prepare(MappedRegion region, long at, int nworkers, long queueSize, int leaderPid) {
        Latch latch = Latch.init(region, at, leaderPid);
        for (int i = 0; i < nworkers; i++) {
            ShmMq.create(region, queueOffset(at, i, queueSize), queueSize).setReceiverLatch(latch);
        }
    }

    /** Where worker {@code i}'s queue starts (the worker attaches its sender there). */
    public static long queueOffset(long at, int worker, long queueSize) { return at + 64 + worker * queueSize; }

    /** Leader, after {@code pc.launch()}: attaches a receiver to each launched worker's queue. */
    public static GatherQueues attach(ParallelContext pc, long at, long queueSize) {
        MappedRegion region = pc.segment().region();
        GatherQueues g = new GatherQueues(pc, new Latch(region, at));
        for (int i = 0; i < pc.launched(); i++) {
            ShmMqReceiver r = ShmMqReceiver.attach(ShmMq.at(region, queueOffset(at, i, queueSize)), pc.workerAlive(i));
            r.detachWith(pc.segment());
            g.live.add(r);
        }
        return g;
    }

    /**
     * The next message of any worker (valid until the next call), or null once every worker
     * has detached its queue (all rows delivered). A queue detached because its worker died
     * ends its rows too; the caller's {@code pc.waitForFinish()} then raises the worker's error.
     */
    public ByteBuffer next() {
        boolean lastPass = false;
        while (!live.isEmpty()) {
            latch.reset();
            for (int k = 0; k < live.size(); k++) {
                if (current >= live.size()) current = 0;
                ShmMqReceiver r = live.get(current);
                ShmMqResult res = r.receive(true);
                if (res == ShmMqResult.SUCCESS) return r.message();
                if (res == ShmMqResult.DETACHED) {
                    r.detach();
                    live.remove(current);
                    k--;
                    if (live.isEmpty()) return null;
                    continue;
                }
                current++; // would block: try the next queue
            }
            if (lastPass) {
                // every worker left, yet some queue is not detached (a worker died): no more rows
                close();
                return null;
            }
            if (!anyWorkerAlive()) {
                lastPass = true; // one more pass: a worker may have written and left after ours
                continue;
            }
            latch.await(-1, this::anyWorkerAlive);
        }
        return null;
    }

    private boolean anyWorkerAlive() {
        for (int i = 0; i < pc.launched(); i++) {
            if (pc.workerAlive(i).getAsBoolean()) return true;
        }
        return false;
    }

    /** Stops reading (e.g. LIMIT reached): workers see their queues detached and stop sending. */
    @Override
    public void close() {
        for (ShmMqReceiver r : live) r.detach();
        live.clear();
    }
}
