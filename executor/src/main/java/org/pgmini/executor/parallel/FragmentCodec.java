package org.pgmini.executor.parallel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.GatherNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.executor.expr.VolatileCall;

/**
 * Ships a partial plan to parallel workers (PostgreSQL's nodeToString/stringToNode for the plan
 * below a Gather): Java serialization of the immutable {@link PlanNode} subtree with its
 * {@code Eval} closures (serializable lambdas), types, relations and intervals replaced by
 * {@link FragmentRefs} that resolve to the worker's own instances.
 *
 * <p>Writing also checks parallel safety, because the walk sees every object of the fragment:
 * a volatile function call, a scan that wants ctids, a nested Gather, a write node, or anything
 * that does not serialize (an InitPlan, a closure over the analyzer or the session) makes the
 * fragment not shippable ({@link NotShippable}), never a wrong answer.
 *
 * <p>Reading caches fragments by content (one worker JVM runs the same cached plan many times):
 * the key is the 64-bit hash the leader computed, confirmed by comparing the bytes.
 */
public final class FragmentCodec {
    private FragmentCodec() {}

    /** Why a fragment cannot run in a worker. */
    public static final class NotShippable extends IOException {
        private static final long serialVersionUID = 1L;

        NotShippable(String reason) {
            super(reason);
        }
    }

    /** Serializations done in this JVM (tests check that planning and execution share one). */
    private static final java.util.concurrent.atomic.AtomicLong SERIALIZATIONS = new java.util.concurrent.atomic.AtomicLong();

    /** The fragment's bytes; {@link NotShippable} with the reason when it cannot be shipped. */
    public static byte[] serialize(PlanNode fragment) throws NotShippable {
        SERIALIZATIONS.incrementAndGet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (CheckingOutput out = new CheckingOutput(bytes)) {
            out.writeObject(fragment);
        } catch (NotShippable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new NotShippable("not serializable: " + e);
        }
        return bytes.toByteArray();
    }

    static long serializations() {
        return SERIALIZATIONS.get();
    }

    /** FNV-1a over the bytes: the worker's cache key (equality of the bytes is checked too). */
    public static long hash(byte[] b) {
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A fragment's bytes and their hash, as the leader ships them. */
    public record Shipped(byte[] bytes, long hash) {}

    /** What serializing one fragment gave: its shipped form, or why it cannot be shipped. */
    private record Outcome(Shipped shipped, String reason) {}

    /**
     * Outcomes by fragment identity. Plans are immutable and cached, so a fragment is serialized
     * once: the planner's safety check ({@link ParallelSafety}) fills this, and the first
     * execution of the chosen fragment takes the bytes from here. Weak keys: candidate fragments
     * the planner threw away go with their plans.
     */
    private static final Map<PlanNode, Outcome> OUTCOMES = new java.util.WeakHashMap<>();

    /** The fragment ready to ship (serialized once per plan node), or null when it cannot be shipped. */
    public static Shipped shipped(PlanNode fragment) {
        return outcome(fragment).shipped;
    }

    /** Null when the fragment can be shipped, else why not; serializes at most once per plan node. */
    static String reasonNotShippable(PlanNode fragment) {
        return outcome(fragment).reason;
    }

    private static Outcome outcome(PlanNode fragment) {
        synchronized (OUTCOMES) {
            Outcome o = OUTCOMES.get(fragment);
            if (o != null) {
                return o;
            }
        }
        Outcome o;
        try {
            byte[] b = serialize(fragment);
            o = new Outcome(new Shipped(b, hash(b)), null);
        } catch (NotShippable e) {
            o = new Outcome(null, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            o = new Outcome(null, String.valueOf(e));
        }
        synchronized (OUTCOMES) {
            OUTCOMES.put(fragment, o);
        }
        return o;
    }

    private record Cached(byte[] bytes, PlanNode plan) {}

    private static final int CACHE_SIZE = 64;
    /** Access-ordered LRU; guarded by its own monitor (a worker runs one job at a time, tests several). */
    private static final Map<Long, Cached> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Cached> e) {
            return size() > CACHE_SIZE;
        }
    };

    /** The fragment of these bytes (hash = {@link #hash}), from the cache when this JVM read it before. */
    public static PlanNode deserialize(byte[] bytes, long hash) {
        synchronized (CACHE) {
            Cached c = CACHE.get(hash);
            if (c != null && Arrays.equals(c.bytes, bytes)) {
                return c.plan;
            }
        }
        PlanNode plan;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            plan = (PlanNode) in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not read the plan fragment in a parallel worker: " + e);
        }
        synchronized (CACHE) {
            CACHE.put(hash, new Cached(bytes, plan));
        }
        return plan;
    }

    /** Replaces foreign objects by their refs and stops at anything parallel-unsafe. */
    private static final class CheckingOutput extends ObjectOutputStream {
        CheckingOutput(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) throws IOException {
            if (obj instanceof VolatileCall v && !ParallelSafety.PARALLEL_SAFE_STABLE.contains(v.function())) {
                throw new NotShippable("volatile function " + v.function());
            }
            if (obj instanceof GatherNode) {
                throw new NotShippable("nested Gather");
            }
            if (obj instanceof SeqScanNode s && s.wantsCtid()) {
                throw new NotShippable("ctid of " + s.relation().name());
            }
            if (obj instanceof PlanNode && obj.getClass().getPackageName().endsWith(".exec.modify")) {
                throw new NotShippable("write node " + obj.getClass().getSimpleName());
            }
            return FragmentRefs.replace(obj);
        }
    }
}
