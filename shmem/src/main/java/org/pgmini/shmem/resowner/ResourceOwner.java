package org.pgmini.shmem.resowner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Owner of process-local resources for a scope (session, transaction, statement/query), as
 * PostgreSQL's ResourceOwner: releasing it releases everything remembered by it and by its
 * children, children first and each owner's resources newest first — on commit and on error
 * alike. DSM mappings are its first users; other modules may register their own {@link Resource}s
 * (buffer pins, temp files).
 *
 * <p>Thread-safety: an owner belongs to one session thread, but remember/forget/release are
 * synchronized so that an owner may be released by another thread (e.g. on session kill).
 */
public final class ResourceOwner implements AutoCloseable {

    /** Something an owner releases. */
    public interface Resource {
        /** Releases it; must be safe to call once. {@code isCommit} only affects leak warnings. */
        void releaseResource(boolean isCommit);

        /** For leak warnings, e.g. "dynamic shared memory segment 1234". */
        String describe();
    }

    private final String name;
    private final ResourceOwner parent;
    private final List<ResourceOwner> children = new ArrayList<>();
    private final LinkedHashSet<Resource> resources = new LinkedHashSet<>();
    private final List<String> leaks = new ArrayList<>();
    private boolean released;

    private ResourceOwner(ResourceOwner parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    /** A top-level owner (a session's, or a worker's for one job). */
    public static ResourceOwner createRoot(String name) {
        return new ResourceOwner(null, name);
    }

    /** A child scope (transaction under session, statement under transaction). */
    public synchronized ResourceOwner createChild(String childName) {
        if (released) {
            throw new IllegalStateException("resource owner \"" + name + "\" is already released");
        }
        ResourceOwner c = new ResourceOwner(this, childName);
        children.add(c);
        return c;
    }

    public String name() { return name; }
    public ResourceOwner parent() { return parent; }

    /** The top of this owner's chain: the session-level owner. */
    public ResourceOwner root() {
        ResourceOwner o = this;
        while (o.parent != null) {
            o = o.parent;
        }
        return o;
    }

    public synchronized void remember(Resource r) {
        if (released) {
            throw new IllegalStateException("resource owner \"" + name + "\" is already released");
        }
        resources.add(r);
    }

    /** Stops tracking {@code r} (it was released or handed to another owner); true if it was tracked. */
    public synchronized boolean forget(Resource r) {
        return resources.remove(r);
    }

    public synchronized int resourceCount() {
        return resources.size();
    }

    public synchronized boolean isReleased() {
        return released;
    }

    /**
     * Releases children, then own resources newest first. Every resource is released even if
     * some fail; the first failure is rethrown afterwards with the others suppressed. On commit,
     * each resource still held is a leak (PostgreSQL warns about it); see {@link #leaksAtCommit()}.
     */
    public void release(boolean isCommit) {
        List<ResourceOwner> kids;
        List<Resource> mine;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            kids = new ArrayList<>(children);
            mine = new ArrayList<>(resources);
            resources.clear();
            children.clear();
        }
        RuntimeException failure = null;
        for (int i = kids.size() - 1; i >= 0; i--) {
            try {
                kids.get(i).release(isCommit);
            } catch (RuntimeException e) {
                failure = chain(failure, e);
            }
        }
        for (int i = mine.size() - 1; i >= 0; i--) {
            Resource r = mine.get(i);
            if (isCommit) {
                synchronized (this) {
                    leaks.add(r.describe());
                }
            }
            try {
                r.releaseResource(isCommit);
            } catch (RuntimeException e) {
                failure = chain(failure, e);
            }
        }
        if (parent != null) {
            synchronized (parent) {
                parent.children.remove(this);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Descriptions of resources that were still held when this owner was released at commit. */
    public synchronized List<String> leaksAtCommit() {
        return new ArrayList<>(leaks);
    }

    /** Releases as on abort (no leak accounting): for try-with-resources. */
    @Override
    public void close() {
        release(false);
    }

    private static RuntimeException chain(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public String toString() {
        return "ResourceOwner(" + name + ")";
    }
}
