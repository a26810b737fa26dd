package org.pgmini.executor.parallel;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.mq.ShmMqSender;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.toc.ShmToc;
import org.pgmini.shmem.toc.ShmTocEstimator;
import org.pgmini.storage.WorkerStorage;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.ParallelBlockAllocator;
import org.pgmini.storage.heap.TupleVisitor;
import org.pgmini.storage.mvcc.ParallelTransactionView;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.shared.MappedRegionSlice;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test aid (like {@code test_shm_mq}), not a planner feature: {@code pgmini_parallel_count(table
 * text, column text, nworkers int4)} counts the rows of a table the statement's snapshot sees
 * and sums one int2/int4/int8 column (NULLs skipped), with parallel workers that read the pages
 * through the shared buffer pool, claim block ranges from a {@link ParallelBlockAllocator} and
 * send their partial (count, sum) through one shm_mq each. Result text:
 * {@code count=N sum=S workers=W}. The leader scans itself only when no worker started
 * (parallel_leader_participation off), so W > 0 means the workers did all the work.
 *
 * <p>It exercises the pieces a Gather over a Parallel Seq Scan needs: the leader's snapshot and
 * transaction view in the segment (its own uncommitted rows of earlier commands are counted,
 * other transactions' uncommitted ones are not), the relation's files and descriptor, the
 * shared block allocator, a result queue per worker.
 *
 * <p>Segment layout (TOC keys from {@link ParallelContext#FIRST_USER_KEY}): KEY_SCAN = int
 * dbOid, int relNumber, int column index, int nattrs, then per attribute int type oid and int
 * dropped flag; KEY_SNAPSHOT and KEY_XACT = int length + bytes; KEY_ALLOCATOR =
 * {@link ParallelBlockAllocator#SIZE} bytes; KEY_RESULTS = one {@link #RESULT_QUEUE_SIZE}-byte
 * shm_mq per worker (worker sends one 16-byte message: long count, long sum).
 */
public final class ParallelScanCount {
    public static final String WORKER_ENTRY = "pgmini_parallel_count";
    static final long KEY_SCAN = ParallelContext.FIRST_USER_KEY;
    static final long KEY_SNAPSHOT = KEY_SCAN + 1;
    static final long KEY_XACT = KEY_SCAN + 2;
    static final long KEY_ALLOCATOR = KEY_SCAN + 3;
    static final long KEY_RESULTS = KEY_SCAN + 4;
    static final long RESULT_QUEUE_SIZE = 1024;

    private ParallelScanCount() {}

    /** The SQL function (leader side). */
    public static String run(SessionContext session, String table, String column, int nworkers) {
        if (nworkers < 0 || nworkers > 1024) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "number of parallel workers must be between 0 and 1024");
        }
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        String[] parts = table.toLowerCase(java.util.Locale.ROOT).split("\\.", -1);
        if (parts.length > 2) throw new PgException(SqlState.INVALID_NAME, "invalid name syntax");
        RelationDescriptor rel = db.catalog().openRelation(tx, parts.length == 2 ? parts[0] : null,
                parts[parts.length - 1], LockMode.ACCESS_SHARE);
        HeapRelation heapRel = rel.heapRelation();
        int col = columnIndex(heapRel.desc(), column);
        Snapshot snap = tx.snapshot();
        ParallelTransactionView view = new ParallelTransactionView(tx.currentTransactionIds(), tx.comboCids());
        int nblocks = db.heap().nblocks(heapRel);

        byte[] scan = scanHeader(heapRel, col);
        byte[] snapBytes = snap.serialize();
        byte[] viewBytes = view.toBytes();
        ShmTocEstimator est = new ShmTocEstimator().chunk(scan.length).chunk(4 + snapBytes.length)
                .chunk(4 + viewBytes.length).chunk(ParallelBlockAllocator.SIZE)
                .chunk(RESULT_QUEUE_SIZE * Math.max(1, nworkers)).keys(5);
        try (ParallelContext pc = ParallelContext.create(session, WORKER_ENTRY, nworkers, est)) {
            ShmToc toc = pc.toc();
            MappedRegion region = pc.segment().region();
            insertBytes(toc, region, KEY_SCAN, scan, false);
            insertBytes(toc, region, KEY_SNAPSHOT, snapBytes, true);
            insertBytes(toc, region, KEY_XACT, viewBytes, true);
            long allocAt = toc.allocate(ParallelBlockAllocator.SIZE);
            ParallelBlockAllocator.initialize(new MappedRegionSlice(region, allocAt, ParallelBlockAllocator.SIZE),
                    0, nblocks, Math.max(1, nworkers));
            toc.insert(KEY_ALLOCATOR, allocAt);
            long queues = toc.allocate(RESULT_QUEUE_SIZE * Math.max(1, nworkers));
            for (int i = 0; i < nworkers; i++) ShmMq.create(region, queues + i * RESULT_QUEUE_SIZE, RESULT_QUEUE_SIZE);
            toc.insert(KEY_RESULTS, queues);

            int launched = pc.launch();
            long count = 0, sum = 0;
            if (launched == 0) {
                long[] acc = new long[2];
                ParallelBlockAllocator alloc = ParallelBlockAllocator.attach(
                        new MappedRegionSlice(region, allocAt, ParallelBlockAllocator.SIZE), 0);
                TupleVisitor v = accumulator(heapRel.desc(), col, acc);
                for (long r; (r = alloc.next()) != -1; ) {
                    db.heap().scanVisible(heapRel, snap, tx, ParallelBlockAllocator.start(r), ParallelBlockAllocator.end(r), v);
                }
                count = acc[0];
                sum = acc[1];
            }
            // Workers that were not launched never attach their queue; only launched ones are read.
            List<ShmMqReceiver> receivers = new ArrayList<>();
            for (int i = 0; i < launched; i++) {
                ShmMqReceiver r = ShmMqReceiver.attach(ShmMq.at(region, queues + i * RESULT_QUEUE_SIZE), pc.workerAlive(i));
                r.detachWith(pc.segment());
                receivers.add(r);
            }
            for (ShmMqReceiver r : receivers) {
                ShmMqResult res = r.receive(false);
                if (res != ShmMqResult.SUCCESS) {
                    // the worker left without a result: its error may still be on the way, so wait
                    // for every worker to leave and raise the first error (none: it vanished)
                    for (ShmMqReceiver other : receivers) other.detach();
                    pc.waitForFinish();
                    throw new PgException(SqlState.INTERNAL_ERROR, "parallel worker ended without sending its result");
                }
                ByteBuffer m = r.message().order(ByteOrder.LITTLE_ENDIAN);
                count += m.getLong(m.position());
                sum += m.getLong(m.position() + 8);
                r.detach();
            }
            pc.waitForFinish();
            return "count=" + count + " sum=" + sum + " workers=" + launched;
        }
    }

    private static int columnIndex(TupleDesc desc, String column) {
        for (int i = 0; i < desc.natts(); i++) {
            Attribute a = desc.attr(i);
            if (!a.dropped() && a.name().equals(column)) {
                AttributeType t = a.type();
                if (t != AttributeType.INT2 && t != AttributeType.INT4 && t != AttributeType.INT8) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                            "pgmini_parallel_count of a column of type " + t + " is not supported");
                }
                return i;
            }
        }
        throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
    }

    private static byte[] scanHeader(HeapRelation rel, int col) {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 * (col + 1)).order(ByteOrder.LITTLE_ENDIAN);
        RelFileLocator loc = rel.locator();
        b.putInt(loc.dbOid()).putInt(loc.relNumber()).putInt(col).putInt(col + 1);
        for (int i = 0; i <= col; i++) {
            Attribute a = rel.desc().attr(i);
            b.putInt(a.type().oid()).putInt(a.dropped() ? 1 : 0);
        }
        return b.array();
    }

    private static void insertBytes(ShmToc toc, MappedRegion region, long key, byte[] data, boolean lengthPrefix) {
        long at = toc.allocate((lengthPrefix ? 4 : 0) + data.length);
        long p = at;
        if (lengthPrefix) {
            region.putInt(p, data.length);
            p += 4;
        }
        region.putBytes(p, data, 0, data.length);
        toc.insert(key, at);
    }

    private static byte[] readBytes(MappedRegion region, long at, int length) {
        byte[] out = new byte[length];
        region.getBytes(at, out, 0, length);
        return out;
    }

    private static byte[] readPrefixed(MappedRegion region, long at) {
        return readBytes(region, at + 4, region.getInt(at));
    }

    /** Counts every visited tuple and adds column {@code col} when it is not null. */
    private static TupleVisitor accumulator(TupleDesc desc, int col, long[] acc) {
        Object[] slot = new Object[col + 1];
        return (page, base, len, block, off) -> {
            TupleCodec.deform(desc, page, base, slot, col + 1);
            acc[0]++;
            Object v = slot[col];
            if (v != null) acc[1] += ((Number) v).longValue();
        };
    }

    /** The worker: attach storage, claim ranges until none are left, send (count, sum). */
    static void workerMain(WorkerJob job) {
        MappedRegion region = job.segment().region();
        ShmToc toc = job.toc();
        long scanAt = toc.lookup(KEY_SCAN, false);
        int dbOid = region.getInt(scanAt), relNumber = region.getInt(scanAt + 4);
        int col = region.getInt(scanAt + 8), natts = region.getInt(scanAt + 12);
        List<Attribute> attrs = new ArrayList<>();
        for (int i = 0; i < natts; i++) {
            AttributeType t = AttributeType.byOid(region.getInt(scanAt + 16 + 8L * i));
            attrs.add(new Attribute("c" + i, t, -1, false, region.getInt(scanAt + 20 + 8L * i) != 0));
        }
        HeapRelation rel = new HeapRelation(new RelFileLocator(dbOid, relNumber), "relation " + relNumber, new TupleDesc(attrs));
        Snapshot snap = Snapshot.deserialize(readPrefixed(region, toc.lookup(KEY_SNAPSHOT, false)));
        ParallelTransactionView view = ParallelTransactionView.fromBytes(readPrefixed(region, toc.lookup(KEY_XACT, false)));
        ParallelBlockAllocator alloc = ParallelBlockAllocator.attach(
                new MappedRegionSlice(region, toc.lookup(KEY_ALLOCATOR, false), ParallelBlockAllocator.SIZE), 0);
        ShmMqSender out = ShmMqSender.attach(
                ShmMq.at(region, toc.lookup(KEY_RESULTS, false) + job.workerNumber() * RESULT_QUEUE_SIZE), null);
        out.detachWith(job.segment());
        try {
            long[] acc = new long[2];
            try (WorkerStorage storage = WorkerStorageSource.attach()) {
                TupleVisitor v = accumulator(rel.desc(), col, acc);
                for (long r; (r = alloc.next()) != -1; ) {
                    storage.scanVisible(rel, snap, view, ParallelBlockAllocator.start(r), ParallelBlockAllocator.end(r), v);
                }
            }
            byte[] msg = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(acc[0]).putLong(acc[1]).array();
            out.send(msg);
            out.flush();
        } finally {
            out.detach();
        }
    }
}
