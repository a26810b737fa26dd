package org.pgmini.shmem.mq;

import org.pgmini.shmem.dsm.DsmSegment;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.Latch;

import java.util.function.BooleanSupplier;

/** What sender and receiver share: the queue, the latches, detach, and the peer liveness check. */
abstract class ShmMqEndpoint {
    final ShmMq mq;
    final MappedRegion region;
    final long base;
    final long ring;
    final long ringSize;
    /** Counter movement after which a side publishes its counter (and wakes the peer). */
    final long publishThreshold;
    final Latch myLatch;
    final Latch peerLatch;
    private final int peerPidField;
    private final BooleanSupplier peerCheck;
    private boolean detached;

    /**
     * @param peerCheck optional extra liveness check of the counterparty (e.g. "the worker process
     *                  is still running"), used in particular before the peer has attached and
     *                  registered its pid; may be null
     */
    ShmMqEndpoint(ShmMq mq, boolean sender, BooleanSupplier peerCheck) {
        this.mq = mq;
        this.region = mq.region();
        this.base = mq.base();
        this.ring = base + ShmMq.HEADER;
        this.ringSize = mq.ringSize();
        this.publishThreshold = Math.max(8, (ringSize / 4) & ~7L);
        this.myLatch = sender ? mq.senderLatch() : mq.receiverLatch();
        this.peerLatch = sender ? mq.receiverLatch() : mq.senderLatch();
        this.peerPidField = sender ? ShmMq.RECEIVER_PID : ShmMq.SENDER_PID;
        this.peerCheck = peerCheck;
        mq.claim(sender ? ShmMq.SENDER_PID : ShmMq.RECEIVER_PID, Processes.myPid());
        myLatch.setOwnerPid(Processes.myPid());
    }

    public ShmMq queue() { return mq; }

    /** True while the counterparty can still act: its pid runs (once known) and the extra check passes. */
    boolean peerAlive() {
        if (peerCheck != null && !peerCheck.getAsBoolean()) {
            return false;
        }
        int pid = region.getIntVolatile(base + peerPidField);
        return pid == 0 || Processes.isAlive(pid);
    }

    boolean queueDetached() {
        return region.getIntVolatile(base + ShmMq.DETACHED) != 0;
    }

    /**
     * Sleeps on this side's latch until the peer sets it, or declares the queue detached when the
     * peer (or the postmaster) died. Returns false in the latter case.
     */
    boolean sleep() {
        int r = myLatch.await(-1, this::peerAlive);
        myLatch.reset();
        if ((r & (Latch.WL_PEER_DEATH | Latch.WL_POSTMASTER_DEATH)) != 0) {
            region.putIntVolatile(base + ShmMq.DETACHED, 1);
            return false;
        }
        return true;
    }

    /** Hook for subclasses to make their last words visible before detaching. */
    abstract void beforeDetach();

    /**
     * shm_mq_detach: tells the peer we are gone (it sees DETACHED once it has consumed what was
     * published). Idempotent.
     */
    public synchronized void detach() {
        if (detached) {
            return;
        }
        detached = true;
        if (region.isValid()) {
            beforeDetach();
            mq.markDetached(peerLatch);
        }
    }

    /** Detach automatically when the segment holding the queue is detached (on_dsm_detach). */
    public void detachWith(DsmSegment segment) {
        segment.onDetach(this::detach);
    }

    static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
