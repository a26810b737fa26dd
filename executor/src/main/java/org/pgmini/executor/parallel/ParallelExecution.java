package org.pgmini.executor.parallel;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.WorkerLauncher;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.Latch;
import org.pgmini.shmem.toc.ShmToc;
import org.pgmini.shmem.toc.ShmTocEstimator;
import org.pgmini.storage.heap.ParallelBlockAllocator;
import org.pgmini.storage.mvcc.ParallelTransactionView;
import org.pgmini.storage.shared.MappedRegionSlice;
import org.pgmini.storage.xact.Transaction;

/**
 * One parallel execution of a plan fragment (the runtime of Gather and Gather Merge;
 * PostgreSQL's ExecInitParallelPlan + LaunchParallelWorkers + the tuple queue readers).
 *
 * <p>{@link #start} ships the fragment ({@link FragmentCodec}) with the parameters, the leader's
 * snapshot, transaction view, command id and session settings into a new DSM segment
 * ({@link FragmentSegment} layout), one block allocator per parallel-aware scan and one tuple
 * queue per worker, and launches up to {@code nworkers} workers from the warm pool. Fewer
 * (or none: no pool, dynamic_shared_memory_type=none, max_parallel_workers reached, a fragment
 * that cannot be shipped) is normal: then the leader does the work.
 *
 * <p>{@link #readers()}: one {@link TupleReader} per participant — each launched worker's queue,
 * then the leader's own run of the fragment when it participates (or when no worker started).
 * Gather uses {@link #nextAny()}, PostgreSQL's order: worker queues first, round-robin, without
 * blocking on any single one; the leader runs its own part only when no queue had a row; it
 * sleeps on one latch every queue sets only when it has nothing else to do.
 *
 * <p>Ending: once every reader finished, {@link #finish()} waits for the workers, raises the first
 * worker error and adds the workers' EXPLAIN ANALYZE counters to the leader's. {@link #close()}
 * (always: success, error, cancel, LIMIT) detaches the queues (workers still sending see that and
 * stop), waits a bounded time for the workers to leave, collects their counters if not done yet,
 * and releases the segment. It is registered with the {@link ExecState}, so closing the execution
 * closes it too. Session thread only.
 */
public final class ParallelExecution implements AutoCloseable {
    /** Entry point name workers run. */
    public static final String WORKER_ENTRY = "pgmini_parallel_fragment";
    /** Bytes of each worker's tuple queue (PostgreSQL: 64 KiB; larger rings mean fewer stalls). */
    static final long QUEUE_SIZE = 256 * 1024;
    /** How long close() waits for workers to notice the detach and leave. */
    private static final long CLOSE_WAIT_MS = 10_000;
    /** Latch wait slice between interrupt checks (cancel and statement_timeout are flags, not signals). */
    private static final long WAIT_SLICE_NANOS = 10_000_000;

    private final ExecState state;
    private final PlanNode fragment;
    private final List<PlanNode> nodes;
    private final List<SeqScanNode> scans;
    private ParallelContext pc;
    private MappedRegion region;
    private Latch latch;
    private final List<TupleReader> readers = new ArrayList<>();
    private final List<WorkerReader> workerReaders = new ArrayList<>();
    private LeaderReader leaderReader;
    private int launched;
    private int rr;
    private boolean collected;
    private boolean closed;
    /** ptapes: an extra segment area of the calling node, or null. */
    private SegmentArea extra;
    // ptapes: end

    private ParallelExecution(ExecState state, PlanNode fragment) {
        this.state = state;
        this.fragment = fragment;
        this.nodes = FragmentSegment.preorder(fragment);
        this.scans = FragmentSegment.parallelScans(nodes);
    }

    /**
     * Starts the fragment on up to {@code nworkers} workers. {@code leaderParticipates}: the leader
     * runs the fragment too (parallel_leader_participation, not for single-copy); with no worker
     * launched the leader always runs it.
     */
    public static ParallelExecution start(ExecState state, PlanNode fragment, int nworkers, boolean leaderParticipates) {
        return start(state, fragment, nworkers, leaderParticipates, null);
    }

    // ptapes: begin — an extra area of the node's own in the segment (tape-import sort hand-off)
    /**
     * As {@link #start(ExecState, PlanNode, int, boolean)}, with {@code extra} (may be null) put
     * into the segment under its own key and initialized before any worker is launched. When no
     * worker is launched the area may never be initialized.
     */
    public static ParallelExecution start(ExecState state, PlanNode fragment, int nworkers, boolean leaderParticipates,
                                          SegmentArea extra) {
        ParallelExecution pe = new ParallelExecution(state, fragment);
        pe.extra = extra;
        state.onClose(pe);
        try {
            pe.launch(nworkers);
        } catch (RuntimeException e) {
            pe.close();
            throw e;
        }
        if (pe.launched == 0 || leaderParticipates) {
            pe.leaderReader = pe.new LeaderReader();
            pe.readers.add(pe.leaderReader);
        }
        return pe;
    }

    /** Workers really launched (EXPLAIN ANALYZE's Workers Launched). */
    public int launched() {
        return launched;
    }

    /** One reader per participant: the launched workers' in worker order, then the leader's if it participates. */
    public List<TupleReader> readers() {
        return readers;
    }

    private void launch(int nworkers) {
        if (nworkers <= 0 || state.session == null) {
            return;
        }
        FragmentCodec.Shipped shipped = FragmentCodec.shipped(fragment);
        if (shipped == null) {
            return; // not shippable: the leader runs it (the planner normally never asks for that)
        }
        SessionContext session = state.session;
        WorkerLauncher launcher;
        try {
            launcher = session.workers();
        } catch (PgException noPool) {
            return; // no worker pool (dynamic_shared_memory_type = none, a tool): run in the leader
        }
        byte[] params;
        try {
            TupleQueueCodec.Writer w = new TupleQueueCodec.Writer();
            w.writeRow(state.eval.params == null ? new Object[0] : state.eval.params);
            params = java.util.Arrays.copyOf(w.buffer(), w.size());
        } catch (PgException unsupportedValue) {
            return;
        }
        Transaction tx = state.transaction();
        byte[] snapshot = state.snapshot().serialize();
        byte[] xact = new ParallelTransactionView(tx.currentTransactionIds(), tx.comboCids()).toBytes();
        byte[] sessionBytes = FragmentSegment.encodeSession(session.userName(), session.databaseName(), settings(session));
        int queues = nworkers;
        long queueArea = GatherQueues.size(queues, QUEUE_SIZE);
        ShmTocEstimator est = new ShmTocEstimator().chunk(FragmentSegment.HEADER_SIZE)
                .chunk(shipped.bytes().length).chunk(4 + sessionBytes.length).chunk(4 + params.length)
                .chunk(4 + snapshot.length).chunk(4 + xact.length)
                .chunk((long) Math.max(1, scans.size()) * ParallelBlockAllocator.SIZE)
                .chunk(queueArea).chunk(FragmentSegment.instrumentSize(queues, nodes.size()))
                .chunk(WorkerSortStats.size(queues, nodes.size())) // scrollsort: per-worker sort stats
                .keys(FragmentSegment.KEYS + 1);
        if (extra != null) { // ptapes
            est.chunk(extra.size(queues)).keys(1);
        }
        pc = ParallelContext.create(session, WORKER_ENTRY, nworkers, est);
        ShmToc toc = pc.toc();
        region = pc.segment().region();

        long h = toc.allocate(FragmentSegment.HEADER_SIZE);
        region.putLong(h, shipped.hash());
        region.putInt(h + 8, shipped.bytes().length);
        region.putInt(h + 12, queues);
        region.putInt(h + 16, !state.instrumented() ? FragmentSegment.INSTRUMENT_OFF
                : state.timingInstrumented() ? FragmentSegment.INSTRUMENT_TIMING : FragmentSegment.INSTRUMENT_ROWS);
        region.putInt(h + 20, nodes.size());
        region.putLong(h + 24, QUEUE_SIZE);
        FragmentSegment.putInstant(region, h + 32, state.eval.statementTime);
        region.putInt(h + 44, session.backendPid());
        Instant txStart = state.eval.transactionTime();
        FragmentSegment.putInstant(region, h + 48, txStart);
        region.putInt(h + 60, scans.size());
        toc.insert(FragmentSegment.KEY_HEADER, h);

        long f = toc.allocate(shipped.bytes().length);
        region.putBytes(f, shipped.bytes(), 0, shipped.bytes().length);
        toc.insert(FragmentSegment.KEY_FRAGMENT, f);
        FragmentSegment.insertPrefixed(toc, region, FragmentSegment.KEY_SESSION, sessionBytes);
        FragmentSegment.insertPrefixed(toc, region, FragmentSegment.KEY_PARAMS, params);
        FragmentSegment.insertPrefixed(toc, region, FragmentSegment.KEY_SNAPSHOT, snapshot);
        FragmentSegment.insertPrefixed(toc, region, FragmentSegment.KEY_XACT, xact);

        long scanArea = toc.allocate((long) Math.max(1, scans.size()) * ParallelBlockAllocator.SIZE);
        int participants = nworkers + 1;
        List<ParallelBlockAllocator> allocators = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            MappedRegionSlice slice = new MappedRegionSlice(region, scanArea + (long) i * ParallelBlockAllocator.SIZE,
                    ParallelBlockAllocator.SIZE);
            int nblocks = state.heapAccess().nblocks(scans.get(i).heapRelation());
            allocators.add(ParallelBlockAllocator.initialize(slice, 0, nblocks, participants));
        }
        toc.insert(FragmentSegment.KEY_SCANS, scanArea);

        long q = toc.allocate(queueArea);
        GatherQueues.prepare(region, q, queues, QUEUE_SIZE, Processes.myPid());
        toc.insert(FragmentSegment.KEY_QUEUES, q);
        long ins = toc.allocate(FragmentSegment.instrumentSize(queues, nodes.size()));
        for (int w = 0; w < queues; w++) {
            region.putLong(ins + w * FragmentSegment.workerInstrumentSize(nodes.size()), 0);
        }
        toc.insert(FragmentSegment.KEY_INSTRUMENT, ins);
        if (extra != null) { // ptapes
            long e = toc.allocate(extra.size(queues));
            extra.initialize(region, e, queues);
            toc.insert(extra.key(), e);
        }
        if (state.instrumented()) {
            WorkerSortStats.allocate(toc, region, queues, nodes.size()); // scrollsort
        }

        launched = pc.launch();
        if (launched == 0) {
            pc.close();
            pc = null;
            return;
        }
        latch = new Latch(region, q);
        for (int i = 0; i < launched; i++) {
            ShmMqReceiver r = ShmMqReceiver.attach(ShmMq.at(region, GatherQueues.queueOffset(q, i, QUEUE_SIZE)),
                    pc.workerAlive(i));
            r.detachWith(pc.segment());
            WorkerReader wr = new WorkerReader(i, r);
            workerReaders.add(wr);
            readers.add(wr);
        }
        // the leader's own part claims blocks from the same allocators
        for (int i = 0; i < scans.size(); i++) {
            state.setParallelScan(scans.get(i), allocators.get(i));
        }
    }

    private static Map<String, String> settings(SessionContext session) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : WorkerSession.SHIPPED_SETTINGS) {
            String v;
            try {
                v = session.settings().currentSetting(name, true);
            } catch (RuntimeException e) {
                v = null;
            }
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    /**
     * Gather's read: the next row of any participant, or null when all are finished (then
     * {@link #finish()} has run). Worker queues first, round-robin without blocking; then one row
     * of the leader's own part; sleeps on the shared latch only when neither had anything.
     */
    public Object[] nextAny() {
        for (;;) {
            if (latch != null) {
                latch.reset(); // before the pass: a row written after it sets the latch again
            }
            boolean workersLeft = false;
            for (int k = 0; k < workerReaders.size(); k++) {
                if (rr >= workerReaders.size()) {
                    rr = 0;
                }
                WorkerReader w = workerReaders.get(rr);
                if (!w.finished()) {
                    Object[] row = w.next(false);
                    if (row != null) {
                        return row;
                    }
                    workersLeft |= !w.finished();
                }
                rr++;
            }
            if (leaderReader != null && !leaderReader.finished()) {
                Object[] row = leaderReader.next(true);
                if (row != null) {
                    return row;
                }
                continue;
            }
            if (!workersLeft) {
                finish();
                return null;
            }
            awaitWorkers();
        }
    }

    /** Sleeps until a worker writes (or a slice passes), checking for cancel between slices. */
    private void awaitWorkers() {
        state.session.checkForInterrupts();
        latch.await(WAIT_SLICE_NANOS, null);
        state.session.checkForInterrupts();
    }

    /**
     * After every reader finished: waits for the workers to end their jobs, raises the first
     * worker error (SQLSTATE, message, detail, hint, context + "parallel worker") and adds the
     * workers' counters to the leader's EXPLAIN ANALYZE instrumentation.
     */
    public void finish() {
        if (pc != null && !collected) {
            pc.waitForFinish();
            collectInstrumentation();
        }
        for (SeqScanNode s : scans) {
            state.setParallelScan(s, null);
        }
    }

    private void collectInstrumentation() {
        if (collected || pc == null) {
            return;
        }
        collected = true;
        Instrumentation gather = null;
        if (!state.instrumented()) {
            return;
        }
        long at = pc.toc().lookup(FragmentSegment.KEY_INSTRUMENT, false);
        long per = FragmentSegment.workerInstrumentSize(nodes.size());
        for (int w = 0; w < launched; w++) {
            long base = at + w * per;
            if (region.getLongVolatile(base) == 0) {
                continue; // the worker did not get to report (it failed or never started)
            }
            for (int i = 0; i < nodes.size(); i++) {
                long p = base + 8 + 8L * FragmentSegment.COUNTERS * i;
                long loops = region.getLong(p);
                if (loops == 0) {
                    continue;
                }
                Instrumentation ins = state.instrumentationCreating(nodes.get(i));
                ins.addWorker(loops, region.getLong(p + 8), region.getLong(p + 16), region.getLong(p + 24),
                        region.getLong(p + 32), region.getLong(p + 40));
            }
            WorkerSortStats.collect(pc.toc(), region, w, nodes, state::instrumentationCreating); // scrollsort
        }
    }

    /**
     * Stops everything and releases the segment (idempotent): detaches the tuple queues, waits up
     * to {@link #CLOSE_WAIT_MS} for the workers to leave (their errors are ignored: the query is
     * already ending), collects counters, detaches the segment.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SeqScanNode s : scans) {
            state.setParallelScan(s, null);
        }
        try {
            if (leaderReader != null) {
                leaderReader.close();
            }
        } finally {
            if (pc != null) {
                try {
                    for (WorkerReader w : workerReaders) {
                        w.receiver.detach();
                    }
                    pc.waitForWorkersToLeave(CLOSE_WAIT_MS);
                    collectInstrumentation();
                } finally {
                    pc.close();
                    pc = null;
                }
            }
        }
    }

    /** A worker's tuple queue: batches of rows ({@link TupleQueueCodec}) decoded one row at a time. */
    private final class WorkerReader implements TupleReader {
        private final int worker;
        final ShmMqReceiver receiver;
        private final TupleQueueCodec.Reader decoder = new TupleQueueCodec.Reader();
        private byte[] batch = new byte[32 * 1024];
        private boolean finished;

        WorkerReader(int worker, ShmMqReceiver receiver) {
            this.worker = worker;
            this.receiver = receiver;
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        public Object[] next(boolean wait) {
            for (;;) {
                if (decoder.hasMore()) {
                    return decoder.readRow();
                }
                if (finished) {
                    return null;
                }
                if (wait) {
                    latch.reset();
                }
                ShmMqResult res = receiver.receive(true);
                if (res == ShmMqResult.SUCCESS) {
                    ByteBuffer m = receiver.message();
                    int n = m.remaining();
                    if (batch.length < n) {
                        batch = new byte[Math.max(n, batch.length * 2)];
                    }
                    m.duplicate().get(batch, 0, n);
                    decoder.reset(batch, n);
                    continue;
                }
                if (res == ShmMqResult.DETACHED) {
                    ended();
                    continue;
                }
                // would block: a dead worker never detaches its queue, so look at it
                if (!pc.workerAlive(worker).getAsBoolean()) {
                    if (receiver.receive(true) == ShmMqResult.SUCCESS) {
                        ByteBuffer m = receiver.message();
                        int n = m.remaining();
                        if (batch.length < n) {
                            batch = new byte[n];
                        }
                        m.duplicate().get(batch, 0, n);
                        decoder.reset(batch, n);
                        continue;
                    }
                    pc.raiseWorkerErrorIfAny(worker);
                    if (!receiver.queue().isDetached()) {
                        finished = true;
                        receiver.detach();
                        throw ParallelContext.lostWorker();
                    }
                    ended();
                    continue;
                }
                if (!wait) {
                    return null;
                }
                awaitWorkers();
            }
        }

        /** The queue ended: the worker finished its part, or failed (its error is raised now). */
        private void ended() {
            finished = true;
            receiver.detach();
            pc.raiseWorkerErrorIfAny(worker);
        }
    }

    /** The leader's own run of the fragment (its parallel-aware scans claim blocks like a worker's). */
    private final class LeaderReader implements TupleReader {
        private Cursor cursor;
        private boolean finished;

        @Override
        public Object[] next(boolean wait) {
            if (finished) {
                return null;
            }
            if (cursor == null) {
                cursor = state.open(fragment);
            }
            Object[] row = cursor.next();
            if (row == null) {
                finished = true;
                close();
            }
            return row;
        }

        @Override
        public boolean finished() {
            return finished;
        }

        void close() {
            if (cursor != null) {
                Cursor c = cursor;
                cursor = null;
                c.close();
            }
        }
    }
}
