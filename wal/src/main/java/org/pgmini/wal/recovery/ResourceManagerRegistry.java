package org.pgmini.wal.recovery;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The table of resource managers, indexed by id. XLOG (id 0) is built in; the rest are
 * registered by storage at start, before recovery. Registration of an id twice is an error.
 */
public final class ResourceManagerRegistry {
    private final AtomicReferenceArray<ResourceManager> table = new AtomicReferenceArray<>(256);

    public ResourceManagerRegistry() {
        register(new XlogResourceManager());
    }

    /** A registry with XLOG and every ResourceManager found through java.util.ServiceLoader. */
    public static ResourceManagerRegistry withServiceLoader() {
        ResourceManagerRegistry r = new ResourceManagerRegistry();
        for (ResourceManager rm : ServiceLoader.load(ResourceManager.class)) {
            if (r.get(rm.id()) == null) r.register(rm);
        }
        return r;
    }

    public void register(ResourceManager rm) {
        if (rm.id() < 0 || rm.id() > 255) throw new IllegalArgumentException("rmgr id out of range: " + rm.id());
        if (!table.compareAndSet(rm.id(), null, rm)) {
            throw new PgException(SqlState.DUPLICATE_OBJECT,
                    "resource manager with ID " + rm.id() + " already registered");
        }
    }

    /** The resource manager with this id, or null. */
    public ResourceManager get(int id) { return table.get(id & 0xFF); }

    public List<ResourceManager> all() {
        List<ResourceManager> l = new ArrayList<>();
        for (int i = 0; i < 256; i++) if (table.get(i) != null) l.add(table.get(i));
        return l;
    }
}
