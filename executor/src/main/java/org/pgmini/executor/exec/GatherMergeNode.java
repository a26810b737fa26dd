package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.parallel.ParallelExecution;
import org.pgmini.executor.parallel.TupleReader;
import org.pgmini.executor.sort.RowOrdering;

/**
 * Gather Merge (nodeGatherMerge.c): each participant runs the partial plan, a {@link SortNode}
 * over a parallel-aware scan, so each delivers its share of the rows sorted; the leader merges
 * those streams with a binary heap (one current row per participant), which keeps the order.
 * Participants: the launched workers, and the leader itself when parallel_leader_participation is
 * on (or when no worker could be launched: then it alone sorts everything, as PostgreSQL does).
 *
 * <p>Startup: the leader's own reader is asked for its first row first (it sorts its share of
 * the blocks while the workers sort theirs), then each worker's, blocking. Afterwards each step
 * takes the heap's top and refills it from the same participant (blocking: the merge cannot go on
 * without that participant's next row). A worker's error is raised by its reader; {@code close}
 * stops the workers and releases the segment on success, error, cancel and LIMIT alike
 * ({@link ParallelExecution}).
 *
 * <p>EXPLAIN: {@code Gather Merge}, {@code Workers Planned: N}, under ANALYZE {@code Workers
 * Launched: N}; the Sort below prints its key and, under ANALYZE, the leader's {@code Sort Method}
 * line and one {@code Worker N:  Sort Method: ...} line per worker (sent back through
 * {@code parallel.WorkerSortStats}).
 */
public final class GatherMergeNode extends PlanNode {
    /** What each participant runs: a Sort, or a node that keeps its Sort's order (Partial GroupAggregate). */
    private final PlanNode partial;
    /** The Sort whose key order the participants' rows come in (the {@code partial} plan itself or below it). */
    private final SortNode sort;
    private final int workersPlanned;

    /**
     * @param sort           the partial plan each participant runs: a Sort over a projection of a parallel-aware scan
     * @param workersPlanned EXPLAIN's "Workers Planned"
     */
    public GatherMergeNode(SortNode sort, int workersPlanned) {
        this(sort, sort, workersPlanned);
    }

    /**
     * A Gather Merge over a partial plan whose rows keep the order of {@code orderedBy}: the
     * key slots of {@code orderedBy}'s rows hold the same values in {@code partial}'s rows
     * (a Partial GroupAggregate outputs its group keys in the slots its Sort sorted them in).
     */
    public GatherMergeNode(PlanNode partial, SortNode orderedBy, int workersPlanned) {
        this.partial = partial;
        this.sort = orderedBy;
        this.workersPlanned = workersPlanned;
    }

    public SortNode sort() {
        return sort;
    }

    public int workersPlanned() {
        return workersPlanned;
    }

    @Override
    public String explainName() {
        return "Gather Merge";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(partial);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        GatherNode.explainWorkers(out, ins, workersPlanned);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        ParallelExecution pe = GatherNode.startWorkers(s, this, partial, workersPlanned, GatherNode.leaderParticipates(s, false));
        try {
            return new Merge(pe, sort.ordering());
        } catch (RuntimeException e) {
            pe.close();
            throw e;
        }
    }

    /** The heap merge of the participants' sorted streams. */
    private static final class Merge implements Cursor {
        private final ParallelExecution pe;
        private final RowOrdering ordering;
        private final TupleReader[] readers;
        /** Heap of participant indexes by their current row; heap[0] holds the smallest. */
        private final int[] heap;
        private final Object[][] current;
        private int size;
        private boolean finished;

        Merge(ParallelExecution pe, RowOrdering ordering) {
            this.pe = pe;
            this.ordering = ordering;
            List<TupleReader> list = pe.readers();
            readers = list.toArray(new TupleReader[0]);
            heap = new int[readers.length];
            current = new Object[readers.length][];
            // the leader's reader (last, when it participates) first: it does its share meanwhile
            for (int k = readers.length - 1; k >= 0; k--) {
                Object[] row = readers[k].next(true);
                if (row != null) {
                    current[k] = row;
                    heap[size++] = k;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        @Override
        public Object[] next() {
            if (size == 0) {
                if (!finished) {
                    finished = true;
                    pe.finish();
                }
                return null;
            }
            int top = heap[0];
            Object[] row = current[top];
            Object[] refill = readers[top].next(true);
            if (refill != null) {
                current[top] = refill;
            } else {
                current[top] = null;
                heap[0] = heap[--size];
            }
            if (size > 0) {
                siftDown(0);
            }
            return row;
        }

        private void siftDown(int i) {
            int x = heap[i];
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int r = l + 1;
                int c = r < size && ordering.compare(current[heap[r]], current[heap[l]]) < 0 ? r : l;
                if (ordering.compare(current[heap[c]], current[x]) >= 0) {
                    break;
                }
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = x;
        }

        @Override
        public void close() {
            pe.close();
        }
    }
}
