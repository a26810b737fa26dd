package org.pgmini.executor.exec;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.ParallelBlockAllocator;
import org.pgmini.storage.heap.TupleVisitor;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.xact.Transaction;

/**
 * Seq Scan: the tuples of a table its snapshot sees, read in place on the shared page
 * ({@link Heap#scanVisible}), with the filter pushed down and only the needed columns decoded.
 *
 * <p>Row layout: one slot per attribute (attnum - 1; dropped and unneeded columns stay null),
 * then one slot holding the tuple's {@link ItemPointer} (its ctid) when {@code wantCtid}, so
 * UPDATE/DELETE/FOR UPDATE can find the row version they read.
 */
public final class SeqScanNode extends PlanNode {
    /** Blocks read per batch when pulling: small enough to stream, large enough to amortize the call. */
    private static final int PULL_BLOCKS = 16;
    /** Blocks per scanVisible call when pushing: interrupts are checked between calls. */
    private static final int PUSH_BLOCKS = 2048;
    /**
     * Blocks per call for a participant of a parallel scan: its interrupt check is also how a
     * worker notices that the leader stopped reading, so check more often (cheap: a volatile read).
     */
    private static final int PARALLEL_PUSH_BLOCKS = 64;

    /**
     * Types whose stored Java value is already the executor's (bool, int2/4/8, float4/8, text,
     * varchar, bpchar, name): no {@link StorageValues#fromStorage} call per value for them.
     */
    private static final java.util.Set<Integer> SAME_REPRESENTATION = java.util.Set.of(16, 20, 21, 23, 25, 1043, 1042, 19, 700, 701);

    private final RelationDescriptor rel;
    private final String refname;
    private final HeapRelation heapRel;
    private final int decode;
    private final int[] convertIdx;
    private final int[] convertOid;
    private final boolean wantCtid;
    private final int width;
    private final Qual qual;
    /** Parallel Seq Scan: the participants of a Gather share this scan's blocks (CONTRACT, session 3). */
    private final boolean parallelAware;

    /**
     * @param decode   how many leading attributes to decode (1 + the highest attnum the query reads)
     * @param wantCtid whether the slot after the attributes gets the tuple's ctid
     */
    public SeqScanNode(RelationDescriptor rel, String refname, int decode, boolean wantCtid, Qual qual) {
        this(rel, refname, decode, wantCtid, qual, false);
    }

    /**
     * @param parallelAware a Parallel Seq Scan below a Gather: each participant reads the blocks
     *                      it claims from the scan's shared allocator (all of them when it runs alone)
     */
    public SeqScanNode(RelationDescriptor rel, String refname, int decode, boolean wantCtid, Qual qual, boolean parallelAware) {
        this.parallelAware = parallelAware;
        this.rel = rel;
        this.refname = refname;
        this.heapRel = rel.heapRelation();
        this.decode = decode;
        this.wantCtid = wantCtid;
        this.width = rel.columns().size() + 1;
        this.qual = qual;
        int n = 0;
        int[] idx = new int[decode];
        int[] oid = new int[decode];
        for (int i = 0; i < decode; i++) {
            int t = rel.columns().get(i).typeOid();
            if (!SAME_REPRESENTATION.contains(t)) {
                idx[n] = i;
                oid[n++] = t;
            }
        }
        this.convertIdx = java.util.Arrays.copyOf(idx, n);
        this.convertOid = java.util.Arrays.copyOf(oid, n);
    }

    public RelationDescriptor relation() {
        return rel;
    }

    /** The heap relation this scan reads (its file and tuple descriptor). */
    public HeapRelation heapRelation() {
        return heapRel;
    }

    /** The slot of the ctid in this scan's rows. */
    public int ctidSlot() {
        return rel.columns().size();
    }

    public boolean parallelAware() {
        return parallelAware;
    }

    /** Whether the rows carry their ctid (DML and row locking read it; such scans stay serial). */
    public boolean wantsCtid() {
        return wantCtid;
    }

    /**
     * The same scan (columns, filter) as a Parallel Seq Scan, for the parallel planner
     * (query.ParallelPaths), which sets its estimates.
     */
    public SeqScanNode parallelCopy() {
        return new SeqScanNode(rel, refname, decode, wantCtid, qual, true);
    }

    @Override
    public String explainName() {
        String s = (parallelAware ? "Parallel Seq Scan on " : "Seq Scan on ") + rel.name();
        return refname.equals(rel.name()) ? s : s + " " + refname;
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        Qual.explainFilterPerLoop(out, ins, qual);
    }

    /** Decodes one visible tuple into {@code row} (stored values converted to the executor's). */
    private void fill(Object[] row, TupleDesc desc, ByteBuffer page, int base, int block, int offset) {
        TupleCodec.deform(desc, page, base, row, decode);
        for (int i = 0; i < convertIdx.length; i++) {
            int c = convertIdx[i];
            row[c] = StorageValues.fromStorage(convertOid[i], row[c]);
        }
        if (wantCtid) {
            row[width - 1] = new ItemPointer(block, offset);
        }
    }

    /**
     * The ranges of blocks this participant reads: consecutive ranges of {@code step} blocks over
     * the whole table, or, for a parallel-aware scan under a running Gather, the ranges it claims
     * from the shared allocator (cut into {@code step}-block pieces so that pulling stays
     * streaming). Returns packed ranges ({@link ParallelBlockAllocator#start}/{@code end}), -1 at the end.
     */
    private final class BlockRanges {
        private final ParallelBlockAllocator shared;
        private final int step;
        private int next;
        private int end;

        BlockRanges(ExecState s, int step) {
            this.shared = parallelAware ? s.parallelScan(SeqScanNode.this) : null;
            this.step = step;
            this.end = shared == null ? s.heapAccess().nblocks(heapRel) : 0;
        }

        long next() {
            if (next >= end) {
                if (shared == null) {
                    return -1;
                }
                long r = shared.next();
                if (r == -1) {
                    return -1;
                }
                next = ParallelBlockAllocator.start(r);
                end = ParallelBlockAllocator.end(r);
            }
            int from = next;
            next = (int) Math.min(end, (long) next + step);
            return ((long) from << 32) | next;
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        HeapScanAccess heap = s.heapAccess();
        Instrumentation ins = s.instrumentation(this);
        TupleDesc desc = heapRel.desc();
        ArrayDeque<Object[]> batch = new ArrayDeque<>();
        TupleVisitor visitor = (page, base, length, block, offset) -> {
            Object[] row = new Object[width];
            fill(row, desc, page, base, block, offset);
            s.eval.row = row;
            if (passes(qual == null ? null : qual.eval(), s)) {
                batch.add(row);
            } else if (ins != null) {
                ins.removedByFilter++;
            }
        };
        BlockRanges ranges = new BlockRanges(s, PULL_BLOCKS);
        return new Cursor() {
            boolean done;

            @Override
            public Object[] next() {
                while (batch.isEmpty()) {
                    if (done) {
                        return null;
                    }
                    s.session.checkForInterrupts();
                    long r = ranges.next();
                    if (r == -1) {
                        done = true;
                        return null;
                    }
                    heap.scanVisible(heapRel, ParallelBlockAllocator.start(r), ParallelBlockAllocator.end(r), visitor);
                }
                return batch.poll();
            }
        };
    }

    @Override
    protected void pushRows(ExecState s, RowSink sink) {
        HeapScanAccess heap = s.heapAccess();
        Instrumentation ins = s.instrumentation(this);
        TupleDesc desc = heapRel.desc();
        Object[] row = new Object[width];
        var q = qual == null ? null : qual.eval();
        TupleVisitor visitor = (page, base, length, block, offset) -> {
            fill(row, desc, page, base, block, offset);
            s.eval.row = row;
            if (q == null || Boolean.TRUE.equals(q.eval(s.eval))) {
                sink.accept(row);
            } else if (ins != null) {
                ins.removedByFilter++;
            }
        };
        BlockRanges ranges = new BlockRanges(s, parallelAware && s.parallelScan(this) != null ? PARALLEL_PUSH_BLOCKS : PUSH_BLOCKS);
        for (long r; ; ) {
            s.session.checkForInterrupts();
            if ((r = ranges.next()) == -1) {
                break;
            }
            heap.scanVisible(heapRel, ParallelBlockAllocator.start(r), ParallelBlockAllocator.end(r), visitor);
        }
    }
}
