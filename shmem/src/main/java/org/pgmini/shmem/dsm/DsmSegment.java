package org.pgmini.shmem.dsm;

import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.resowner.ResourceOwner;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * This process's mapping of a DSM segment (PostgreSQL's dsm_segment): obtained from
 * {@link Dsm#create} or {@link Dsm#attach}, released by {@link #detach()} or by its
 * {@link ResourceOwner}. Each mapping holds one reference in the control segment.
 *
 * <p>After detach the memory is unmapped: keep no ByteBuffer views of it beyond that point.
 */
public final class DsmSegment implements ResourceOwner.Resource {
    private final Dsm dsm;
    final DsmMapping mapping;
    final int controlIndex;
    private final Deque<Runnable> onDetach = new ArrayDeque<>();
    private ResourceOwner owner;
    private boolean detached;

    DsmSegment(Dsm dsm, DsmMapping mapping, int controlIndex, ResourceOwner owner) {
        this.dsm = dsm;
        this.mapping = mapping;
        this.controlIndex = controlIndex;
        this.owner = owner;
    }

    public int handle() { return mapping.handle(); }
    public String name() { return mapping.name(); }
    public MappedRegion region() { return mapping.region(); }
    public long size() { return mapping.size(); }
    public synchronized ResourceOwner owner() { return owner; }
    public synchronized boolean isDetached() { return detached; }

    /**
     * Registers a callback run at detach, before unmapping, newest first (on_dsm_detach). Typical
     * use: mark a shm_mq detached so the counterparty stops waiting.
     */
    public synchronized void onDetach(Runnable callback) {
        onDetach.push(callback);
    }

    /** Removes a callback registered with {@link #onDetach} (cancel_on_dsm_detach). */
    public synchronized boolean cancelOnDetach(Runnable callback) {
        return onDetach.remove(callback);
    }

    /** Runs the callbacks, unmaps and drops the reference; destroys the segment if it was the last. */
    public void detach() {
        dsm.detach(this);
    }

    /**
     * dsm_pin_mapping: keep this mapping beyond its current owner, for the whole session — it moves
     * to the root of the owner chain (the session's owner), or stays until process exit if it has
     * no owner.
     */
    public synchronized void pinMapping() {
        if (owner != null) {
            ResourceOwner root = owner.root();
            if (root != owner) {
                owner.forget(this);
                root.remember(this);
                owner = root;
            }
        }
    }

    /** dsm_unpin_mapping: hand the mapping to {@code newOwner} again. */
    public synchronized void unpinMapping(ResourceOwner newOwner) {
        if (owner != null) {
            owner.forget(this);
        }
        newOwner.remember(this);
        owner = newOwner;
    }

    /** dsm_pin_segment: the segment survives without mappings until {@link Dsm#unpinSegment}. */
    public void pinSegment() {
        dsm.pinSegment(this);
    }

    /** Grows or shrinks the segment (posix and mmap only) and remaps it in this process. */
    public void resize(long newSize) {
        dsm.resize(this, newSize);
    }

    // ---- for Dsm ----

    /** Marks detached and takes the callbacks; null if already detached. */
    synchronized Deque<Runnable> beginDetach() {
        if (detached) {
            return null;
        }
        detached = true;
        if (owner != null) {
            owner.forget(this);
            owner = null;
        }
        Deque<Runnable> cbs = new ArrayDeque<>(onDetach);
        onDetach.clear();
        return cbs;
    }

    @Override
    public void releaseResource(boolean isCommit) {
        detach();
    }

    @Override
    public String describe() {
        return "dynamic shared memory segment " + Integer.toUnsignedString(handle());
    }
}
