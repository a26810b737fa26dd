package org.pgmini.executor.parallel;

import java.time.Instant;
import java.util.List;

import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.HeapScanAccess;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.mq.ShmMqSender;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.toc.ShmToc;
import org.pgmini.storage.WorkerStorage;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.ParallelBlockAllocator;
import org.pgmini.storage.heap.TupleVisitor;
import org.pgmini.storage.mvcc.ParallelTransactionView;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.shared.MappedRegionSlice;

/**
 * A parallel worker's part of a Gather (PostgreSQL's ParallelQueryMain): read the fragment
 * (cached by content), the parameters, the leader's snapshot, transaction view and settings
 * from the segment ({@link FragmentSegment}); run the fragment push-style over the shared buffer
 * pool, its parallel-aware scans claiming blocks from the shared allocators; send the rows in
 * batches through this worker's tuple queue; report EXPLAIN ANALYZE counters; detach.
 *
 * <p>Stopping early: a detached queue (the leader has enough rows, failed or was cancelled)
 * ends the run at the next send or interrupt check. On an error the queue is left attached on
 * purpose: {@link ParallelWorkerMain} sends the error first and detaches everything after, so the
 * leader, seeing the queue end, finds the error already there.
 */
final class FragmentWorker {
    /** Largest batch of rows per queue message. */
    private static final int MAX_BATCH = 32 * 1024;
    /** First batches are small so the first rows reach the leader soon (LIMIT, a slow filter). */
    private static final int FIRST_BATCH = 512;

    private FragmentWorker() {}

    /** The queue went away: stop producing. */
    private static final class QueueDetached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueDetached() {
            super(null, null, false, false);
        }
    }

    static void run(WorkerJob job) {
        MappedRegion region = job.segment().region();
        ShmToc toc = job.toc();
        long h = toc.lookup(FragmentSegment.KEY_HEADER, false);
        long hash = region.getLong(h);
        int fragmentLength = region.getInt(h + 8);
        int instrumentMode = region.getInt(h + 16);
        int nodeCount = region.getInt(h + 20);
        long queueSize = region.getLong(h + 24);
        Instant statementTime = FragmentSegment.getInstant(region, h + 32);
        int backendPid = region.getInt(h + 44);
        Instant txTime = FragmentSegment.getInstant(region, h + 48);

        byte[] bytes = new byte[fragmentLength];
        region.getBytes(toc.lookup(FragmentSegment.KEY_FRAGMENT, false), bytes, 0, fragmentLength);
        PlanNode plan = FragmentCodec.deserialize(bytes, hash);
        List<PlanNode> nodes = FragmentSegment.preorder(plan);
        if (nodes.size() != nodeCount) {
            throw new IllegalStateException("plan fragment has " + nodes.size() + " nodes, the leader counted " + nodeCount);
        }

        TupleQueueCodec.Reader paramReader = new TupleQueueCodec.Reader();
        byte[] paramBytes = FragmentSegment.readPrefixed(toc, region, FragmentSegment.KEY_PARAMS);
        paramReader.reset(paramBytes, paramBytes.length);
        Object[] params = paramReader.readRow();
        FragmentSegment.SessionData sd = FragmentSegment.decodeSession(
                FragmentSegment.readPrefixed(toc, region, FragmentSegment.KEY_SESSION));
        Snapshot snap = Snapshot.deserialize(FragmentSegment.readPrefixed(toc, region, FragmentSegment.KEY_SNAPSHOT));
        ParallelTransactionView view = ParallelTransactionView.fromBytes(
                FragmentSegment.readPrefixed(toc, region, FragmentSegment.KEY_XACT));

        long queues = toc.lookup(FragmentSegment.KEY_QUEUES, false);
        ShmMq mq = ShmMq.at(region, GatherQueues.queueOffset(queues, job.workerNumber(), queueSize));
        ShmMqSender out = ShmMqSender.attach(mq, null);
        out.detachWith(job.segment());

        WorkerSession session = new WorkerSession(sd.user(), sd.database(), backendPid, job.leaderPid(), sd.settings(),
                statementTime, txTime, mq);
        try (WorkerStorage storage = WorkerStorageSource.attach();
             ExecState state = new ExecState(session, new EvalContext(params, session, statementTime), null)) {
            state.useHeapAccess(heapAccess(storage, snap, view), storage.dataDir());
            state.setParallelJob(job); // ptapes: nodes with an area of their own find it through the job
            if (instrumentMode != FragmentSegment.INSTRUMENT_OFF) {
                state.instrument(instrumentMode == FragmentSegment.INSTRUMENT_TIMING);
            }
            List<SeqScanNode> scans = FragmentSegment.parallelScans(nodes);
            long scanArea = toc.lookup(FragmentSegment.KEY_SCANS, false);
            for (int i = 0; i < scans.size(); i++) {
                state.setParallelScan(scans.get(i), ParallelBlockAllocator.attach(new MappedRegionSlice(region,
                        scanArea + (long) i * ParallelBlockAllocator.SIZE, ParallelBlockAllocator.SIZE), 0));
            }
            BatchSender sender = new BatchSender(out);
            try {
                state.push(plan, sender::accept);
                sender.flush();
            } catch (QueueDetached stop) {
                // the leader needs no more rows
            } catch (RuntimeException e) {
                if (!mq.isDetached()) {
                    throw e;
                }
                // an interrupt check saw the leader detach: it no longer reads, nothing to report
            }
            if (instrumentMode != FragmentSegment.INSTRUMENT_OFF) {
                report(region, toc, job.workerNumber(), nodes, state);
            }
        }
        out.detach();
    }

    /** Writes this worker's counters into its instrument area, then sets its "written" flag. */
    private static void report(MappedRegion region, ShmToc toc, int worker, List<PlanNode> nodes, ExecState state) {
        long base = toc.lookup(FragmentSegment.KEY_INSTRUMENT, false) + worker * FragmentSegment.workerInstrumentSize(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Instrumentation ins = state.instrumentation(nodes.get(i));
            long p = base + 8 + 8L * FragmentSegment.COUNTERS * i;
            region.putLong(p, ins == null ? 0 : ins.loops());
            region.putLong(p + 8, ins == null ? 0 : ins.rows());
            region.putLong(p + 16, ins == null ? 0 : ins.startupNanos());
            region.putLong(p + 24, ins == null ? 0 : ins.totalNanos());
            region.putLong(p + 32, ins == null ? 0 : ins.removedByFilter);
            region.putLong(p + 40, ins == null ? 0 : ins.removedByJoinFilter);
        }
        WorkerSortStats.write(toc, region, worker, nodes, state::instrumentation); // scrollsort: before the flag
        region.putLongVolatile(base, 1);
    }

    private static HeapScanAccess heapAccess(WorkerStorage storage, Snapshot snap, ParallelTransactionView view) {
        return new HeapScanAccess() {
            @Override
            public int nblocks(HeapRelation rel) {
                return storage.nblocks(rel);
            }

            @Override
            public void scanVisible(HeapRelation rel, int startBlock, int endBlock, TupleVisitor visitor) {
                storage.scanVisible(rel, snap, view, startBlock, endBlock, visitor);
            }
        };
    }

    /** Encodes rows into batches and sends each batch as one queue message. */
    private static final class BatchSender {
        private final ShmMqSender out;
        private final TupleQueueCodec.Writer writer = new TupleQueueCodec.Writer();
        private int limit = FIRST_BATCH;

        BatchSender(ShmMqSender out) {
            this.out = out;
        }

        void accept(Object[] row) {
            writer.writeRow(row);
            if (writer.size() >= limit) {
                send(limit < MAX_BATCH);
                limit = Math.min(MAX_BATCH, limit * 2);
            }
        }

        void flush() {
            if (writer.size() > 0) {
                send(true);
            }
            out.flush();
        }

        private void send(boolean publishNow) {
            ShmMqResult r = out.send(writer.buffer(), 0, writer.size(), false, publishNow);
            writer.reset();
            if (r != ShmMqResult.SUCCESS) {
                throw new QueueDetached();
            }
        }
    }
}
