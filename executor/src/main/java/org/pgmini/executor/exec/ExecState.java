package org.pgmini.executor.exec;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.ParallelBlockAllocator;
import org.pgmini.storage.heap.TupleVisitor;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.tmp.TempFileSet;
import org.pgmini.storage.xact.Transaction;

/**
 * Everything one execution of a plan tree shares: the session, the expression context (one
 * current row slot, set by each node before it evaluates), the storage transaction and the
 * statement's snapshot, work_mem, the temp files of sorts (removed at close, also on error) and,
 * under EXPLAIN ANALYZE, one {@link Instrumentation} per node. Session thread only.
 */
public final class ExecState implements AutoCloseable {
    public final SessionContext session;
    public final EvalContext eval;
    private final DatabaseAccess db;
    private Transaction tx;
    private Snapshot snapshot;
    private TempFileSet tempFiles;
    private long workMemKB = -1;
    private Map<PlanNode, Instrumentation> instruments;
    private boolean timing = true;
    /** Set in parallel workers; in the leader built from the transaction on first use. */
    private HeapScanAccess heapAccess;
    /** Parallel-aware scans of a running Gather and the block allocators their participants share. */
    private Map<PlanNode, ParallelBlockAllocator> parallelScans;
    /** A parallel worker's data directory (it has no catalog); null in the leader. */
    private Path workerDataDir;
    // ptapes: begin
    /** In a parallel worker: the job it runs (its segment, worker number); null in the leader. */
    private org.pgmini.executor.parallel.WorkerJob parallelJob;

    /** Set by the worker's fragment runner, so that a node can find its own area in the job's segment. */
    public void setParallelJob(org.pgmini.executor.parallel.WorkerJob job) {
        this.parallelJob = job;
    }

    /** The parallel worker job this execution belongs to, or null (the leader, a serial plan). */
    public org.pgmini.executor.parallel.WorkerJob parallelJob() {
        return parallelJob;
    }
    // ptapes: end

    public ExecState(SessionContext session, EvalContext eval, DatabaseAccess db) {
        this.session = session;
        this.eval = eval;
        this.db = db;
        eval.executor = this;
    }

    /** Results of uncorrelated subqueries, computed once per execution (PostgreSQL's InitPlans). */
    private Map<Object, Object> initPlans;

    /** The value {@code compute} gives for {@code key}, computed at the first request of this execution. */
    public Object initPlan(Object key, java.util.function.Supplier<Object> compute) {
        if (initPlans == null) {
            initPlans = new IdentityHashMap<>();
        }
        Object v = initPlans.get(key);
        if (v == null && !initPlans.containsKey(key)) {
            v = compute.get();
            initPlans.put(key, v);
        }
        return v;
    }

    private DatabaseAccess storage() {
        return db != null ? db : session.database();
    }

    /** Turns on EXPLAIN ANALYZE counters (with or without timing) for every node opened from now on. */
    public void instrument(boolean withTiming) {
        this.instruments = new IdentityHashMap<>();
        this.timing = withTiming;
    }

    public Instrumentation instrumentation(PlanNode n) {
        return instruments == null ? null : instruments.get(n);
    }

    /** Whether this execution has storage (temp files for sorts need a data directory). */
    public boolean hasStorage() {
        if (db != null) {
            return true;
        }
        try {
            return session != null && session.database() != null;
        } catch (PgException e) {
            return false;
        }
    }

    public DatabaseAccess database() {
        if (db == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "tables are not supported in this session");
        }
        return db;
    }

    /** The storage transaction; the first call of the statement starts it (new snapshot under READ COMMITTED). */
    public Transaction transaction() {
        if (tx == null) {
            tx = database().transaction();
            snapshot = tx.startStatement();
        }
        return tx;
    }

    /** Starts the statement in storage right away (the executor's side of the contract in DatabaseAccess). */
    public void startStatement() {
        transaction();
    }

    public Snapshot snapshot() {
        transaction();
        return snapshot;
    }

    public long workMemKB() {
        if (workMemKB < 0) {
            workMemKB = memorySettingKB(session, "work_mem", 4096);
        }
        return workMemKB;
    }

    /** A setting such as work_mem ("4MB", "64kB", "1GB") in kB; {@code fallback} when unset or unreadable. */
    public static long memorySettingKB(SessionContext session, String name, long fallback) {
        String v;
        try {
            v = session == null ? null : session.settings().currentSetting(name, true);
        } catch (PgException e) {
            v = null;
        }
        if (v == null) {
            return fallback;
        }
        v = v.trim();
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return fallback;
        }
        long n = Long.parseLong(v.substring(0, i));
        String unit = v.substring(i).trim();
        switch (unit) {
            case "": case "kB": return n;
            case "MB": return n * 1024;
            case "GB": return n * 1024 * 1024;
            case "TB": return n * 1024L * 1024 * 1024;
            case "B": return Math.max(1, n / 1024);
            default: return fallback;
        }
    }

    public Path dataDir() {
        if (workerDataDir != null) {
            return workerDataDir;
        }
        return storage().catalog().engine().dataDir();
    }

    /**
     * A parallel worker's execution: tables are read through {@code access} (the shared buffer
     * pool with the leader's snapshot), temp files go under {@code dataDir}.
     */
    public void useHeapAccess(HeapScanAccess access, Path dataDir) {
        this.heapAccess = access;
        this.workerDataDir = dataDir;
    }

    /** How scans read tables: a worker's access, or the session's heap with the statement's snapshot. */
    public HeapScanAccess heapAccess() {
        if (heapAccess == null) {
            Transaction t = transaction();
            Snapshot snap = snapshot();
            Heap heap = database().heap();
            heapAccess = new HeapScanAccess() {
                @Override
                public int nblocks(HeapRelation rel) {
                    return heap.nblocks(rel);
                }

                @Override
                public void scanVisible(HeapRelation rel, int startBlock, int endBlock, TupleVisitor visitor) {
                    heap.scanVisible(rel, snap, t, startBlock, endBlock, visitor);
                }
            };
        }
        return heapAccess;
    }

    /** Gather: {@code scan}'s participants in this process claim blocks from {@code allocator} (null: stop sharing). */
    public void setParallelScan(PlanNode scan, ParallelBlockAllocator allocator) {
        if (parallelScans == null) {
            parallelScans = new IdentityHashMap<>();
        }
        if (allocator == null) {
            parallelScans.remove(scan);
        } else {
            parallelScans.put(scan, allocator);
        }
    }

    /** The shared block allocator of a parallel-aware scan under a running Gather, or null (scan every block). */
    public ParallelBlockAllocator parallelScan(PlanNode scan) {
        return parallelScans == null ? null : parallelScans.get(scan);
    }

    /** Whether EXPLAIN ANALYZE counters are on, and with timing. */
    public boolean instrumented() {
        return instruments != null;
    }

    public boolean timingInstrumented() {
        return instruments != null && timing;
    }

    /** The node's counters, created when instrumentation is on and none exist yet (null when off). */
    public Instrumentation instrumentationCreating(PlanNode n) {
        return instruments == null ? null : instruments.computeIfAbsent(n, k -> new Instrumentation());
    }

    /** The execution's temp files (sorts); all removed when the execution closes. */
    public TempFileSet tempFiles() {
        if (tempFiles == null) {
            tempFiles = new TempFileSet(dataDir());
        }
        return tempFiles;
    }

    /** Opens a child for pulling, counting its rows and time under EXPLAIN ANALYZE. */
    public Cursor open(PlanNode n) {
        if (instruments == null) {
            return n.openCursor(this);
        }
        Instrumentation ins = instruments.computeIfAbsent(n, k -> new Instrumentation());
        ins.loops++;
        long t0 = timing ? System.nanoTime() : 0;
        Cursor c = n.openCursor(this);
        if (timing) {
            // work done at open (a sort consuming its input) is part of the time to the first row
            long d = System.nanoTime() - t0;
            ins.totalNanos += d;
            ins.startupNanos += d;
        }
        if (c instanceof MarkableCursor m) {
            return countingMarkable(m, ins); // sort helper: a Merge Join's inner keeps mark/restore
        }
        return new Cursor() {
            boolean first = true;

            @Override
            public Object[] next() {
                long s = timing ? System.nanoTime() : 0;
                Object[] r = c.next();
                if (timing) {
                    long d = System.nanoTime() - s;
                    ins.totalNanos += d;
                    if (first) {
                        ins.startupNanos += d;
                    }
                }
                first = false;
                if (r != null) {
                    ins.rows++;
                }
                return r;
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    /** EXPLAIN ANALYZE's row count over a markable cursor (re-read rows count again, as PostgreSQL's). */
    private MarkableCursor countingMarkable(MarkableCursor c, Instrumentation ins) {
        return new MarkableCursor() {
            @Override
            public Object[] next() {
                long s = timing ? System.nanoTime() : 0;
                Object[] r = c.next();
                if (timing) {
                    ins.totalNanos += System.nanoTime() - s;
                }
                if (r != null) {
                    ins.rows++;
                }
                return r;
            }

            @Override
            public Object mark() {
                return c.mark();
            }

            @Override
            public void restore(Object mark) {
                c.restore(mark);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    /** Runs a child to completion, pushing its rows into {@code sink}. */
    public void push(PlanNode n, RowSink sink) {
        if (instruments == null) {
            n.pushRows(this, sink);
            return;
        }
        Instrumentation ins = instruments.computeIfAbsent(n, k -> new Instrumentation());
        ins.loops++;
        long t0 = timing ? System.nanoTime() : 0;
        long[] firstAt = {-1};
        n.pushRows(this, row -> {
            if (ins.rows++ == 0 && timing) {
                firstAt[0] = System.nanoTime();
            }
            sink.accept(row);
        });
        if (timing) {
            long end = System.nanoTime();
            ins.totalNanos += end - t0;
            ins.startupNanos += (firstAt[0] < 0 ? end : firstAt[0]) - t0;
        }
    }

    private Map<PlanNode, Long> sortBounds;

    /** Limit tells the Sort below it how many rows will be read (top-N); taken by the sort's next open. */
    void offerSortBound(PlanNode sort, long bound) {
        if (sortBounds == null) {
            sortBounds = new IdentityHashMap<>();
        }
        sortBounds.put(sort, bound);
    }

    long takeSortBound(PlanNode sort) {
        Long b = sortBounds == null ? null : sortBounds.remove(sort);
        return b == null ? -1 : b;
    }

    boolean timing() {
        return timing;
    }

    private java.util.List<AutoCloseable> closeables;

    /** Something to close with this execution (a running parallel execution: its workers and segment). */
    public void onClose(AutoCloseable c) {
        if (closeables == null) {
            closeables = new java.util.ArrayList<>();
        }
        closeables.add(c);
    }

    @Override
    public void close() {
        if (closeables != null) {
            java.util.List<AutoCloseable> list = closeables;
            closeables = null;
            for (AutoCloseable c : list) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing after the statement ended: nothing left to report to
                }
            }
        }
        if (tempFiles != null) {
            tempFiles.close();
            tempFiles = null;
        }
    }
}
