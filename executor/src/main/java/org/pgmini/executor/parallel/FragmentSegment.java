package org.pgmini.executor.parallel;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.toc.ShmToc;

/**
 * The layout of a Gather's DSM segment (TOC keys from {@link ParallelContext#FIRST_USER_KEY}),
 * written by the leader ({@link ParallelExecution}) before it launches the workers and read by
 * the workers ({@link FragmentWorker}).
 *
 * <pre>
 * KEY_HEADER     HEADER_SIZE bytes:
 *                  0 long fragment hash     8 int fragment length   12 int queues (workers asked)
 *                 16 int instrument mode   20 int plan nodes       24 long queue size
 *                 32 long statement start s 40 int its nanos        44 int leader's backend pid
 *                 48 long transaction start s 56 int its nanos      60 int parallel-aware scans
 * KEY_FRAGMENT   the serialized fragment ({@link FragmentCodec})
 * KEY_SESSION    int length + (user, database, settings) in DataOutput form
 * KEY_PARAMS     int length + the parameters as one {@link TupleQueueCodec} row
 * KEY_SNAPSHOT   int length + the leader's statement snapshot
 * KEY_XACT       int length + the leader's ParallelTransactionView
 * KEY_SCANS      one ParallelBlockAllocator per parallel-aware scan, in plan preorder
 * KEY_QUEUES     GatherQueues layout: the shared latch, then one tuple shm_mq per worker
 * KEY_INSTRUMENT per worker: long "written" flag, then per plan node (preorder) {@link #COUNTERS} longs
 * </pre>
 *
 * <p>Invariants: the leader writes every entry before {@code launch()}; afterwards workers only
 * write the allocators' {@code next} word (CAS), their own tuple queue and their own instrument
 * area; the leader reads a worker's instrument area only after that worker's job ended (its
 * error queue detached, an ordered store), so plain stores suffice there.
 */
final class FragmentSegment {
    static final long KEY_HEADER = ParallelContext.FIRST_USER_KEY;
    static final long KEY_FRAGMENT = KEY_HEADER + 1;
    static final long KEY_SESSION = KEY_HEADER + 2;
    static final long KEY_PARAMS = KEY_HEADER + 3;
    static final long KEY_SNAPSHOT = KEY_HEADER + 4;
    static final long KEY_XACT = KEY_HEADER + 5;
    static final long KEY_SCANS = KEY_HEADER + 6;
    static final long KEY_QUEUES = KEY_HEADER + 7;
    static final long KEY_INSTRUMENT = KEY_HEADER + 8;
    static final int KEYS = 9;
    static final long HEADER_SIZE = 64;

    static final int INSTRUMENT_OFF = 0, INSTRUMENT_ROWS = 1, INSTRUMENT_TIMING = 2;
    /** loops, rows, startup ns, total ns, removed by filter, removed by join filter. */
    static final int COUNTERS = 6;

    private FragmentSegment() {}

    static long instrumentSize(int workers, int nodes) {
        return (long) Math.max(1, workers) * workerInstrumentSize(nodes);
    }

    static long workerInstrumentSize(int nodes) {
        return 8 + 8L * COUNTERS * nodes;
    }

    /** The fragment's nodes in preorder: leader and workers number them the same way. */
    static List<PlanNode> preorder(PlanNode root) {
        List<PlanNode> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(PlanNode n, List<PlanNode> out) {
        out.add(n);
        for (PlanNode c : n.children()) {
            collect(c, out);
        }
    }

    /** The parallel-aware scans among {@code nodes}, in order. */
    static List<SeqScanNode> parallelScans(List<PlanNode> nodes) {
        List<SeqScanNode> out = new ArrayList<>();
        for (PlanNode n : nodes) {
            if (n instanceof SeqScanNode s && s.parallelAware()) {
                out.add(s);
            }
        }
        return out;
    }

    static void putInstant(MappedRegion r, long at, Instant t) {
        r.putLong(at, t.getEpochSecond());
        r.putInt(at + 8, t.getNano());
    }

    static Instant getInstant(MappedRegion r, long at) {
        return Instant.ofEpochSecond(r.getLong(at), r.getInt(at + 8));
    }

    /** Allocates and fills an entry of {@code 4 + data.length} bytes (int length, then the bytes). */
    static void insertPrefixed(ShmToc toc, MappedRegion region, long key, byte[] data) {
        long at = toc.allocate(4 + data.length);
        region.putInt(at, data.length);
        region.putBytes(at + 4, data, 0, data.length);
        toc.insert(key, at);
    }

    static byte[] readPrefixed(ShmToc toc, MappedRegion region, long key) {
        long at = toc.lookup(key, false);
        byte[] out = new byte[region.getInt(at)];
        region.getBytes(at + 4, out, 0, out.length);
        return out;
    }

    static byte[] encodeSession(String user, String database, Map<String, String> settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(user == null ? "" : user);
            out.writeUTF(database == null ? "" : database);
            out.writeInt(settings.size());
            for (Map.Entry<String, String> e : settings.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** {user, database} and the settings map. */
    record SessionData(String user, String database, Map<String, String> settings) {}

    static SessionData decodeSession(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            String user = in.readUTF();
            String db = in.readUTF();
            int n = in.readInt();
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                settings.put(in.readUTF(), in.readUTF());
            }
            return new SessionData(user, db, settings);
        } catch (IOException e) {
            throw new IllegalStateException("invalid session data in a parallel segment", e);
        }
    }
}
