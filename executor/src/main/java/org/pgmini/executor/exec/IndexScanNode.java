package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.executor.exec.modify.TableIndexes;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.index.IndexCursor;
import org.pgmini.storage.index.IndexRelation;
import org.pgmini.storage.index.ScanKey;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.xact.Transaction;

/**
 * Index Scan: the heap TIDs a B-tree yields for the index conditions, in index order (or
 * reverse: {@code Index Scan Backward}), each fetched from the heap with the statement's
 * snapshot; the index conditions are then checked again on the fetched row (entries are not
 * MVCC-filtered, so an entry may belong to another version of the row, and this keeps the
 * result right whatever the entry), then the rest of the filter.
 *
 * <p>Row layout as {@link SeqScanNode}: one slot per attribute, then the ctid when
 * {@code wantCtid} (UPDATE/DELETE find the version they read). Not parallel-aware: an index
 * scan runs in the leader only.
 */
public final class IndexScanNode extends PlanNode {
    /**
     * One index condition: index column {@code column} (0-based) {@code op} the value of
     * {@code value}, which has the column's type (the planner coerced it) and is evaluated once
     * when the scan opens (constants and parameters only).
     */
    public record IndexCond(int column, ScanKey.Op op, Eval value, int typeOid) implements java.io.Serializable {}

    private final RelationDescriptor rel;
    private final RelationDescriptor.Index index;
    private final String refname;
    private final int decode;
    private final boolean wantCtid;
    private final boolean backward;
    private final List<IndexCond> conds;
    /** The index conditions as a qual: EXPLAIN's "Index Cond", and the recheck on each fetched row. */
    private final Qual indexQual;
    private final Qual filter;
    private final int rowWidth;

    public IndexScanNode(RelationDescriptor rel, RelationDescriptor.Index index, String refname, int decode, boolean wantCtid,
                         boolean backward, List<IndexCond> conds, Qual indexQual, Qual filter) {
        this.rel = rel;
        this.index = index;
        this.refname = refname;
        this.decode = decode;
        this.wantCtid = wantCtid;
        this.backward = backward;
        this.conds = List.copyOf(conds);
        this.indexQual = indexQual;
        this.filter = filter;
        this.rowWidth = rel.columns().size() + 1;
    }

    public RelationDescriptor relation() {
        return rel;
    }

    public RelationDescriptor.Index index() {
        return index;
    }

    public boolean backward() {
        return backward;
    }

    /** The slot of the ctid in this scan's rows. */
    public int ctidSlot() {
        return rel.columns().size();
    }

    @Override
    public String explainName() {
        String s = "Index Scan" + (backward ? " Backward" : "") + " using " + index.name() + " on " + rel.name();
        return refname.equals(rel.name()) ? s : s + " " + refname;
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (indexQual != null) {
            out.add("Index Cond: " + indexQual.text());
        }
        Qual.explainFilterPerLoop(out, ins, filter);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Transaction tx = s.transaction();
        Snapshot snap = s.snapshot();
        Heap heap = s.database().heap();
        HeapRelation heapRel = rel.heapRelation();
        IndexRelation ir = TableIndexes.relation(rel, index);
        Instrumentation ins = s.instrumentation(this);
        List<ScanKey> keys = new ArrayList<>(conds.size());
        boolean empty = false;
        s.eval.row = null;
        for (IndexCond c : conds) {
            Object v = c.value().eval(s.eval);
            if (v == null) {
                empty = true; // a strict comparison with NULL is never true
                break;
            }
            keys.add(new ScanKey(c.column(), c.op(), StorageValues.toStorage(c.typeOid(), v)));
        }
        if (empty) {
            return () -> null;
        }
        IndexCursor cursor = s.database().btree().scan(ir, keys, backward);
        Eval recheck = indexQual == null ? null : indexQual.eval();
        int[] typeOids = new int[decode];
        for (int i = 0; i < decode; i++) {
            typeOids[i] = rel.columns().get(i).typeOid();
        }
        return new Cursor() {
            boolean closed;

            @Override
            public Object[] next() {
                if (closed) {
                    return null;
                }
                long n = 0;
                for (ItemPointer tid; (tid = cursor.next()) != null; ) {
                    if ((++n & 1023) == 0) {
                        s.session.checkForInterrupts();
                    }
                    HeapTuple t = heap.fetch(heapRel, tid, snap, tx);
                    if (t == null) {
                        continue;
                    }
                    Object[] stored = t.values(heapRel.desc());
                    Object[] row = new Object[rowWidth];
                    for (int i = 0; i < decode; i++) {
                        row[i] = StorageValues.fromStorage(typeOids[i], stored[i]);
                    }
                    if (wantCtid) {
                        row[rowWidth - 1] = tid;
                    }
                    s.eval.row = row;
                    if (recheck != null && !Boolean.TRUE.equals(recheck.eval(s.eval))) {
                        continue;
                    }
                    if (filter(row, filter, s, ins)) {
                        return row;
                    }
                }
                close();
                return null;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    cursor.close();
                }
            }
        };
    }
}
