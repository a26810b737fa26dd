package org.pgmini.shmem.dsm;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.resowner.ResourceOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dynamic shared memory as the rest of the system uses it (the upper layer of the 2013 design):
 * reference-counted segments registered in the control segment, each mapping owned by a
 * {@link ResourceOwner}. One instance per process: the postmaster makes it with
 * {@link #postmasterStartup}, a worker JVM with {@link #backendStartup} given the control handle.
 *
 * <p>Cleanup occasions:
 * <ol>
 * <li>resource owner release: detaches the owner's mappings (also on error);</li>
 * <li>process exit: a JVM shutdown hook detaches all mappings of this process (a worker) or
 *     destroys everything (the postmaster); a process killed with -9 runs no hook, so the
 *     postmaster drops its references with {@link #releaseReferencesOf} /
 *     {@link #releaseDeadProcesses};</li>
 * <li>postmaster exit: {@link #postmasterShutdown} destroys every listed segment and the control
 *     segment;</li>
 * <li>postmaster start after a crash: {@link org.pgmini.shmem.CrashCleanup}.</li>
 * </ol>
 *
 * <p>Lock order: a DsmSegment's monitor, then the control segment's spinlock; no syscall runs
 * under the spinlock (segments are created before and destroyed after the locked update).
 */
public final class Dsm {
    private static final Logger LOG = LoggerFactory.getLogger(Dsm.class);

    private final DsmImpl impl;
    private final boolean postmaster;
    private final DsmMapping controlMapping;
    private final DsmControl control;
    private final Set<DsmSegment> mappings = ConcurrentHashMap.newKeySet();
    private final Thread exitHook;
    private volatile boolean closed;

    private Dsm(DsmImpl impl, boolean postmaster, DsmMapping controlMapping, DsmControl control) {
        this.impl = impl;
        this.postmaster = postmaster;
        this.controlMapping = controlMapping;
        this.control = control;
        this.exitHook = new Thread(this::onProcessExit, "dsm-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /**
     * The postmaster's start: creates the control segment, sized for
     * {@code maxConnections + maxWorkerProcesses} backends. With kind {@code none} there is no
     * control segment and {@link #controlHandle()} is 0.
     */
    public static Dsm postmasterStartup(DsmImplKind kind, Path dynshmemDir, int maxConnections, int maxWorkerProcesses) {
        DsmImpl impl = DsmImpls.forKind(kind, dynshmemDir);
        if (kind == DsmImplKind.NONE) {
            return new Dsm(impl, true, null, null);
        }
        int maxItems = DsmControl.maxItemsFor(maxConnections + maxWorkerProcesses);
        DsmMapping m = DsmImpls.createWithRandomHandle(impl, DsmControl.sizeFor(maxItems));
        DsmControl c = DsmControl.format(m.region(), maxItems, kind, Processes.myPid());
        return new Dsm(impl, true, m, c);
    }

    /** A worker's (or any non-postmaster process's) start: maps the postmaster's control segment. */
    public static Dsm backendStartup(DsmImplKind kind, Path dynshmemDir, int controlHandle) {
        DsmImpl impl = DsmImpls.forKind(kind, dynshmemDir);
        if (kind == DsmImplKind.NONE) {
            return new Dsm(impl, false, null, null);
        }
        DsmMapping m = impl.attach(controlHandle);
        DsmControl c = DsmControl.open(m.region(), m.name());
        return new Dsm(impl, false, m, c);
    }

    public DsmImplKind kind() { return impl.kind(); }
    public DsmImpl impl() { return impl; }
    /** The control segment's handle, to record in the data directory and pass to workers; 0 for none. */
    public int controlHandle() { return controlMapping == null ? 0 : controlMapping.handle(); }
    /** Number of segment slots in the control segment. */
    public int maxSegments() { return control == null ? 0 : control.maxItems(); }

    private void checkUsable() {
        if (control == null) {
            throw NoneDsmImpl.disabled();
        }
        if (closed) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "dynamic shared memory is shut down");
        }
    }

    /**
     * dsm_create: a new zero-filled segment of {@code size} bytes, mapped, with one reference owned
     * by {@code owner} (null: until explicitly detached or process exit).
     */
    public DsmSegment create(long size, ResourceOwner owner) {
        checkUsable();
        DsmMapping m = DsmImpls.createWithRandomHandle(impl, size);
        int index;
        try {
            index = control.register(m.handle(), size, Processes.myPid());
        } catch (RuntimeException e) {
            safely(() -> impl.detach(m));
            safely(() -> impl.destroy(m.handle()));
            throw e;
        }
        return track(new DsmSegment(this, m, index, owner), owner);
    }

    /**
     * dsm_attach: maps an existing segment. Fails with "could not map dynamic shared memory
     * segment" (55000) when the handle names no live segment (e.g. its last user already left).
     */
    public DsmSegment attach(int handle, ResourceOwner owner) {
        checkUsable();
        int index = control.addReference(handle, Processes.myPid());
        if (index < 0) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "could not map dynamic shared memory segment");
        }
        DsmMapping m;
        try {
            m = impl.attach(handle);
        } catch (RuntimeException e) {
            dropReference(index, handle);
            throw e;
        }
        return track(new DsmSegment(this, m, index, owner), owner);
    }

    private DsmSegment track(DsmSegment seg, ResourceOwner owner) {
        mappings.add(seg);
        if (owner != null) {
            try {
                owner.remember(seg);
            } catch (RuntimeException e) {
                seg.detach();
                throw e;
            }
        }
        return seg;
    }

    /** This process's mapping of {@code handle}, or null (dsm_find_mapping). */
    public DsmSegment findMapping(int handle) {
        for (DsmSegment s : mappings) {
            if (s.handle() == handle && !s.isDetached()) {
                return s;
            }
        }
        return null;
    }

    void detach(DsmSegment seg) {
        Deque<Runnable> callbacks = seg.beginDetach();
        if (callbacks == null) {
            return;
        }
        RuntimeException failure = null;
        for (Runnable cb : callbacks) {
            try {
                cb.run();
            } catch (RuntimeException e) {
                failure = chain(failure, e);
            }
        }
        try {
            impl.detach(seg.mapping);
        } catch (RuntimeException e) {
            failure = chain(failure, e);
        }
        mappings.remove(seg);
        if (!closed) {
            try {
                dropReference(seg.controlIndex, seg.handle());
            } catch (RuntimeException e) {
                failure = chain(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void dropReference(int index, int handle) {
        if (control.dropReference(index, handle, Processes.myPid())) {
            destroyAndFree(index, handle);
        }
    }

    private void destroyAndFree(int index, int handle) {
        try {
            impl.destroy(handle);
        } finally {
            control.free(index);
        }
    }

    void pinSegment(DsmSegment seg) {
        checkUsable();
        control.pin(seg.handle());
    }

    /** dsm_unpin_segment: drops the pin; destroys the segment if nobody maps it any more. */
    public void unpinSegment(int handle) {
        checkUsable();
        int index = control.unpin(handle);
        if (index >= 0) {
            destroyAndFree(index, handle);
        }
    }

    void resize(DsmSegment seg, long newSize) {
        checkUsable();
        synchronized (seg) {
            if (seg.isDetached()) {
                throw new IllegalStateException("segment is detached");
            }
            impl.resize(seg.mapping, newSize);
            control.updateSize(seg.controlIndex, seg.handle(), newSize);
        }
    }

    /** The rows of pg_dsm_segments: every live segment of the control segment. */
    public List<DsmSegmentInfo> segments() {
        if (control == null || closed) {
            return List.of();
        }
        return control.list();
    }

    /** This process's mappings (for diagnostics and tests). */
    public List<DsmSegment> localMappings() {
        return new ArrayList<>(mappings);
    }

    /**
     * Drops every reference held by {@code pid}, which must be dead (the postmaster calls this when
     * it reaps a child that exited without detaching). Segments left without references are
     * destroyed. Returns how many were destroyed.
     */
    public int releaseReferencesOf(int pid) {
        checkUsable();
        if (pid == Processes.myPid()) {
            throw new IllegalArgumentException("cannot release the references of the calling process");
        }
        List<int[]> toDestroy = control.releaseReferencesOf(pid);
        for (int[] d : toDestroy) {
            destroyAndFree(d[0], d[1]);
        }
        if (!toDestroy.isEmpty()) {
            LOG.debug("released DSM references of dead process {}; destroyed {} segments", pid, toDestroy.size());
        }
        return toDestroy.size();
    }

    /** Sweeps the control segment for pids that no longer run and releases their references. */
    public int releaseDeadProcesses() {
        checkUsable();
        int destroyed = 0;
        for (int pid : control.attachedPids()) {
            if (pid != Processes.myPid() && !Processes.isAlive(pid)) {
                destroyed += releaseReferencesOf(pid);
            }
        }
        return destroyed;
    }

    /** Detaches every mapping of this process (process exit of a worker). */
    public void detachAll() {
        RuntimeException failure = null;
        for (DsmSegment s : new ArrayList<>(mappings)) {
            try {
                s.detach();
            } catch (RuntimeException e) {
                failure = chain(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Postmaster exit (or the first step of crash-and-restart): unmaps this process's mappings,
     * destroys every segment listed in the control segment whoever still maps it, then the control
     * segment. This instance is unusable afterwards.
     */
    public synchronized void postmasterShutdown() {
        if (closed) {
            return;
        }
        if (control == null) {
            closed = true;
            removeHook();
            return;
        }
        for (DsmSegment s : new ArrayList<>(mappings)) {
            Deque<Runnable> cbs = s.beginDetach();
            if (cbs != null) {
                cbs.forEach(cb -> safely(cb));
                safely(() -> impl.detach(s.mapping));
            }
            mappings.remove(s);
        }
        for (int handle : control.allHandles()) {
            safely(() -> impl.destroy(handle));
        }
        closed = true;
        int controlHandle = controlMapping.handle();
        safely(() -> impl.detach(controlMapping));
        safely(() -> impl.destroy(controlHandle));
        removeHook();
    }

    /** A worker's clean exit: detach everything, unmap the control segment. */
    public synchronized void backendShutdown() {
        if (closed) {
            return;
        }
        safely(this::detachAll);
        closed = true;
        if (controlMapping != null) {
            safely(() -> impl.detach(controlMapping));
        }
        removeHook();
    }

    /**
     * Crash cleanup of a previous postmaster's DSM: maps its control segment (if it still exists),
     * destroys every segment listed there, then the control segment. Returns the names removed.
     */
    public static List<String> destroyListedSegments(DsmImplKind kind, Path dynshmemDir, int controlHandle) {
        List<String> removed = new ArrayList<>();
        if (kind == DsmImplKind.NONE || controlHandle == 0) {
            return removed;
        }
        DsmImpl impl = DsmImpls.forKind(kind, dynshmemDir);
        DsmMapping m;
        try {
            m = impl.attach(controlHandle);
        } catch (PgException gone) {
            return removed;
        }
        try {
            DsmControl c = DsmControl.open(m.region(), m.name());
            for (int handle : c.allHandles()) {
                if (impl.destroy(handle)) {
                    removed.add(impl.segmentName(handle));
                }
            }
        } catch (PgException corrupt) {
            LOG.warn("ignoring damaged dynamic shared memory control segment \"{}\": {}", m.name(), corrupt.getMessage());
        } finally {
            safely(() -> impl.detach(m));
        }
        if (impl.destroy(controlHandle)) {
            removed.add(impl.segmentName(controlHandle));
        }
        return removed;
    }

    private void onProcessExit() {
        if (postmaster) {
            safely(this::postmasterShutdown);
        } else {
            safely(this::backendShutdown);
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException inShutdown) {
            // called from the hook itself
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("dynamic shared memory cleanup: {}", e.getMessage());
        }
    }

    private static RuntimeException chain(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
