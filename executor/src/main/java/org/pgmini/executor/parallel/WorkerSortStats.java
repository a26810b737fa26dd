package org.pgmini.executor.parallel;

import java.util.List;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.sort.SortMethod;
import org.pgmini.executor.sort.SortStats;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.toc.ShmToc;

/**
 * The DSM area in which each parallel worker leaves the statistics of the sorts it ran, so that
 * EXPLAIN ANALYZE prints PostgreSQL's per-worker lines under a Sort
 * ({@code Worker 0:  Sort Method: external merge  Disk: 2928kB}; PostgreSQL's
 * SharedSortInfo). Only allocated when the execution is instrumented.
 *
 * <pre>
 * KEY: per worker (launch order), per plan node of the fragment (preorder, as {@link FragmentSegment#preorder}):
 *   long  0 = the node ran no sort in this worker, else 1 + method ordinal | spaceOnDisk &lt;&lt; 32
 *   long  space in kB
 * </pre>
 *
 * <p>Invariants: the leader zeroes the area before launching; worker {@code w} writes only its
 * own slots, and only before it sets its "written" flag in the instrument area
 * ({@link FragmentSegment#KEY_INSTRUMENT}, a volatile store); the leader reads a worker's slots
 * only after that worker's job ended and only if the flag is set, so plain stores and loads
 * suffice here (the flag's volatile store/load orders them).
 */
final class WorkerSortStats {
    /** The area's TOC key: apart from FragmentSegment's consecutive keys, so other areas can be added there. */
    static final long KEY = FragmentSegment.KEY_HEADER + 20;
    private static final int SLOT = 16;

    private WorkerSortStats() {}

    static long size(int workers, int nodes) {
        return (long) Math.max(1, workers) * nodes * SLOT + 8;
    }

    /** Leader, before launch: an area with no stats in it. */
    static void allocate(ShmToc toc, MappedRegion region, int workers, int nodes) {
        long size = size(workers, nodes);
        long at = toc.allocate(size);
        for (long p = 0; p + 8 <= size; p += 8) {
            region.putLong(at + p, 0);
        }
        toc.insert(KEY, at);
    }

    private static long slot(long at, int worker, int nodes, int node) {
        return at + ((long) worker * nodes + node) * SLOT;
    }

    /** Worker: its sort statistics of every node that sorted (before it sets its "written" flag). */
    static void write(ShmToc toc, MappedRegion region, int worker, List<PlanNode> nodes, java.util.function.Function<PlanNode, Instrumentation> ins) {
        long at = toc.lookup(KEY, true);
        if (at < 0) {
            return; // the leader did not ask (not instrumented)
        }
        for (int i = 0; i < nodes.size(); i++) {
            Instrumentation n = ins.apply(nodes.get(i));
            SortStats s = n == null ? null : n.sortStats;
            long p = slot(at, worker, nodes.size(), i);
            region.putLong(p, s == null ? 0 : (1 + s.method().ordinal()) | (s.spaceOnDisk() ? 1L << 32 : 0));
            region.putLong(p + 8, s == null ? 0 : s.spaceKB());
        }
    }

    /** Leader, after worker {@code worker}'s job ended with its "written" flag set: its stats into the nodes' counters. */
    static void collect(ShmToc toc, MappedRegion region, int worker, List<PlanNode> nodes,
                        java.util.function.Function<PlanNode, Instrumentation> ins) {
        long at = toc.lookup(KEY, true);
        if (at < 0) {
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            long p = slot(at, worker, nodes.size(), i);
            long word = region.getLong(p);
            if (word == 0) {
                continue;
            }
            SortMethod method = SortMethod.values()[(int) (word & 0xFFFF_FFFFL) - 1];
            ins.apply(nodes.get(i)).workerSortStats.put(worker, new SortStats(method, (word >>> 32) != 0, region.getLong(p + 8)));
        }
    }
}
