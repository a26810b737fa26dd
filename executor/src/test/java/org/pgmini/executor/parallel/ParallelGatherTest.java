package org.pgmini.executor.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.TestSession;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.WorkerLauncher;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.ExplainPrinter;
import org.pgmini.executor.exec.GatherNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.query.TableQuery;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.WorkerStorage;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.xact.LockMode;

/**
 * Gather over a Parallel Seq Scan with workers on threads of this JVM running the same job code a
 * worker JVM runs ({@link ParallelWorkerMain}, {@link FragmentWorker}), reading the test
 * database's buffer pool through {@code WorkerStorage}: the fragment really is serialized,
 * shipped through the DSM segment, deserialized and run with the leader's snapshot; rows come
 * back through the tuple queues. Plans are the planner's serial plans with their scans turned
 * into parallel-aware ones (until the parallel planner builds them).
 */
class ParallelGatherTest {
    static final CalciteSqlEngine ENGINE = new CalciteSqlEngine();
    static final int ROWS = 30_000;

    @TempDir
    Path dir;
    private Dsm dsm;
    private TestDatabase db;
    private final TestSession session = new TestSession();
    private final ThreadLauncher launcher = new ThreadLauncher();

    /** Runs each job on a thread of this process. */
    private final class ThreadLauncher implements WorkerLauncher {
        volatile int limit = Integer.MAX_VALUE;
        final AtomicInteger launches = new AtomicInteger();
        final List<Thread> all = new ArrayList<>();

        @Override
        public Dsm dsm() {
            return dsm;
        }

        @Override
        public LaunchedWorkers launch(int nworkers, int dsmHandle, String entryPoint, int leaderPid, int leaderBackendPid) {
            int n = Math.min(nworkers, limit);
            launches.incrementAndGet();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int w = i;
                Thread t = new Thread(() -> ParallelWorkerMain.runJob(dsm, dsmHandle, entryPoint, w, n, null), "worker-" + i);
                threads.add(t);
                t.start();
            }
            synchronized (all) {
                all.addAll(threads);
            }
            return new LaunchedWorkers() {
                @Override public int count() { return n; }
                @Override public int pid(int i) { return Processes.myPid(); }
                @Override public boolean isRunning(int i) { return threads.get(i).isAlive(); }
            };
        }

        void joinAll() throws InterruptedException {
            synchronized (all) {
                for (Thread t : all) {
                    t.join(10_000);
                }
            }
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        dsm = Dsm.postmasterStartup(DsmImplKind.POSIX, dir, 10, 4);
        Path data = Files.createDirectories(dir.resolve("data"));
        ByteBufferRegion region = ByteBufferRegion.allocate(StorageEngine.requiredSize(TestDatabase.CONFIG));
        db = TestDatabase.createOn(data, region);
        WorkerStorageSource.install(() -> WorkerStorage.attach(data, region, 0));
        session.database = db;
        session.workers = launcher;
        makeTable();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        launcher.joinAll();
        db.close();
        dsm.postmasterShutdown();
    }

    private void makeTable() {
        List<ColumnDefinition> defs = List.of(ColumnDefinition.of("a", 23), ColumnDefinition.of("b", 20),
                ColumnDefinition.of("c", 25), ColumnDefinition.of("d", 1700), ColumnDefinition.of("e", 1184),
                ColumnDefinition.of("f", 701));
        db.catalog().createTable(db.transaction(), "public", "t", defs, List.of());
        db.commit();
        var tx = db.transaction();
        RelationDescriptor rel = db.catalog().openRelation(tx, null, "t", LockMode.ROW_EXCLUSIVE);
        for (int i = 1; i <= ROWS; i++) {
            Object[] r = {i, i % 10 == 0 ? null : (long) i * 3, i % 13 == 0 ? null : "row ü" + i,
                    new BigDecimal(i).movePointLeft(2), Instant.ofEpochSecond(1_700_000_000L + i * 60L), i / 7.0};
            Object[] v = new Object[r.length];
            for (int k = 0; k < r.length; k++) {
                v[k] = StorageValues.toStorage(rel.columns().get(k).typeOid(), r[k]);
            }
            db.heap().insert(rel.heapRelation(), v, tx, tx.commandId());
        }
        tx.commandCounterIncrement();
        db.commit();
    }

    private PlanNode serialPlan(String sql) {
        PreparedQuery q = ENGINE.prepare(ENGINE.parse(sql).get(0), new int[0], session);
        return ((TableQuery) q).planned().root();
    }

    /** A copy of {@code plan} whose scans are parallel-aware (deep copy through serialization). */
    static PlanNode parallelize(PlanNode plan) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
                {
                    enableReplaceObject(true);
                }

                @Override
                protected Object replaceObject(Object obj) {
                    Object o = obj instanceof SeqScanNode s && !s.parallelAware() ? s.parallelCopy() : obj;
                    return FragmentRefs.replace(o);
                }
            }) {
                out.writeObject(plan);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (PlanNode) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("plan does not serialize: " + e, e);
        }
    }

    /** Every row of {@code plan}, each in text form, sorted (Gather has no order). */
    private List<String> run(PlanNode plan, Object... params) {
        List<String> out = new ArrayList<>();
        try (ExecState s = new ExecState(session, new EvalContext(params, session), db)) {
            try (Cursor c = s.open(plan)) {
                for (Object[] r; (r = c.next()) != null; ) {
                    out.add(text(r));
                }
            }
        } finally {
            db.commit();
        }
        out.sort(null);
        return out;
    }

    private String text(Object[] r) {
        StringBuilder sb = new StringBuilder();
        for (Object v : r) {
            sb.append(v == null ? "∅" : v instanceof Object[] a ? Arrays.deepToString(a) : v.toString()).append('|');
        }
        return sb.toString();
    }

    private void awaitNoSegments(String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!dsm.segments().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(), dsm.segments(), what);
    }

    private List<String> parallelEqualsSerial(String sql, int workers, Object... params) {
        PlanNode serial = serialPlan(sql);
        List<String> expected = run(serial, params);
        PlanNode partial = parallelize(serial);
        assertNull(ParallelSafety.reasonNotShippable(partial), sql);
        GatherNode g = new GatherNode(partial, workers, false);
        int before = launcher.launches.get();
        List<String> got = run(g, params);
        assertEquals(before + 1, launcher.launches.get(), "workers were asked for");
        assertEquals(expected, got, sql);
        awaitNoSegments(sql);
        return got;
    }

    @Test
    @Timeout(120)
    void parallelResultsEqualSerialResults() {
        assertEquals(ROWS, parallelEqualsSerial("select * from t", 2).size());
        parallelEqualsSerial("select a, b * 2, c || 'x', d + 1, e, f from t where a % 7 = 3", 2);
        parallelEqualsSerial("select a, b is null, upper(c), d * d, e + interval '1 day' from t where b > 1000 and c like '%9%'", 3);
        parallelEqualsSerial("select a, coalesce(c, 'none'), case when a % 2 = 0 then d end from t where a between 100 and 20000", 1);
        parallelEqualsSerial("select to_char(e, 'YYYY-MM-DD HH24:MI'), extract(year from e), a::text from t where a < 5000", 2);
        List<String> some = parallelEqualsSerial("select a, c from t where a > $1 and c is not null", 2, 29_000);
        assertEquals(1000 - (ROWS / 13 - 29_000 / 13), some.size());
    }

    @Test
    @Timeout(60)
    void aFragmentIsSerializedOnceForPlanningAndExecution() {
        PlanNode partial = parallelize(serialPlan("select a, d * 2 from t where a % 5 = 1"));
        long before = FragmentCodec.serializations();
        assertNull(ParallelSafety.reasonNotShippable(partial), "the planner's check");
        assertTrue(ParallelSafety.shippable(partial), "asked again while planning");
        assertEquals(before + 1, FragmentCodec.serializations(), "the check serializes once");
        List<String> rows = run(new GatherNode(partial, 2, false));
        assertEquals(ROWS / 5, rows.size());
        List<String> again = run(new GatherNode(partial, 1, false));
        assertEquals(rows.size(), again.size());
        assertEquals(before + 1, FragmentCodec.serializations(),
                "execution ships the bytes the planning check produced");
        awaitNoSegments("after the fragment ran twice");
    }

    @Test
    @Timeout(60)
    void volatileFunctionsAndCtidsAreNotShippable() {
        assertNull(ParallelSafety.reasonNotShippable(parallelize(serialPlan("select a, c from t where a > 5"))));
        String why = ParallelSafety.reasonNotShippable(parallelize(serialPlan("select a, clock_timestamp() from t")));
        assertNotNull(why);
        assertTrue(why.contains("clock_timestamp"), why);
        assertNull(ParallelSafety.reasonNotShippable(parallelize(serialPlan("select now(), statement_timestamp() from t"))));
        GatherNode g = new GatherNode(parallelize(serialPlan("select a from t where a > 5")), 2, false);
        assertNull(ParallelSafety.reasonNotShippable(g), "a whole plan: its Gather's partial plan is checked");
        assertEquals("nested Gather", ParallelSafety.reasonNotShippable(new GatherNode(g, 2, false)));
        assertTrue(!ParallelSafety.shippable(parallelize(serialPlan("select a from t where a > pg_sleep(0)::text::int"))));
    }

    @Test
    @Timeout(60)
    void workerErrorSurfacesWithItsSqlState() {
        // only one row divides by zero; whichever participant reads it raises 22012 in the leader
        GatherNode g = new GatherNode(parallelize(serialPlan("select a / (a - 29999) from t")), 2, false);
        PgException e = assertThrows(PgException.class, () -> run(g));
        assertEquals("22012", e.sqlState());
        assertEquals("division by zero", e.getMessage());
        awaitNoSegments("segment released after a worker error");
        // with the leader out, the error must have come from a worker
        session.values.put("parallel_leader_participation", "off");
        e = assertThrows(PgException.class, () -> run(g));
        assertEquals("22012", e.sqlState());
        assertEquals("parallel worker", e.context());
        awaitNoSegments("segment released after a worker error");
    }

    @Test
    @Timeout(60)
    void fewerWorkersThanPlannedIsNormal() {
        PlanNode p = parallelize(serialPlan("select a, d from t where a % 3 = 0"));
        List<String> expected = run(serialPlan("select a, d from t where a % 3 = 0"));
        launcher.limit = 1;
        assertEquals(expected, run(new GatherNode(p, 4, false)));
        launcher.limit = 0;
        assertEquals(expected, run(new GatherNode(p, 4, false)));
        session.values.put("parallel_leader_participation", "off");
        assertEquals(expected, run(new GatherNode(p, 4, false)), "no worker: the leader runs it anyway");
        launcher.limit = 2;
        assertEquals(expected, run(new GatherNode(p, 2, false)), "workers only");
        session.workers = null; // no pool at all
        assertEquals(expected, run(new GatherNode(p, 2, false)));
        awaitNoSegments("segments released");
    }

    @Test
    @Timeout(60)
    void earlyCloseStopsWorkersAndReleasesTheSegment() {
        GatherNode g = new GatherNode(parallelize(serialPlan("select a, c from t")), 2, false);
        try (ExecState s = new ExecState(session, new EvalContext(new Object[0], session), db)) {
            Cursor c = s.open(g);
            for (int i = 0; i < 10; i++) {
                assertNotNull(c.next());
            }
            c.close();
        } finally {
            db.commit();
        }
        awaitNoSegments("LIMIT-like early close released the segment");
    }

    @Test
    @Timeout(60)
    void cancelStopsTheQueryAndTheWorkers() {
        GatherNode g = new GatherNode(parallelize(serialPlan("select a, c from t")), 2, false);
        session.cancelAfterChecks = 2; // the third check (the leader's own scan checks too) raises
        PgException e = assertThrows(PgException.class, () -> run(g));
        assertEquals("57014", e.sqlState());
        awaitNoSegments("segment released after cancel");
        // leader not participating: it checks while it waits for the workers' rows
        session.values.put("parallel_leader_participation", "off");
        GatherNode slow = new GatherNode(parallelize(serialPlan("select a from t where c = 'no such row'")), 2, false);
        session.cancelAfterChecks = 0;
        e = assertThrows(PgException.class, () -> run(slow));
        assertEquals("57014", e.sqlState());
        session.cancelAfterChecks = -1;
        awaitNoSegments("segment released after cancel");
        assertEquals(List.of(), run(slow), "the next query runs normally");
    }

    @Test
    @Timeout(60)
    void explainAnalyzeShowsWorkersLaunchedAndSumsWorkerCounters() {
        GatherNode g = new GatherNode(parallelize(serialPlan("select a from t where a % 7 = 3")), 2, false);
        List<String> lines;
        try (ExecState s = new ExecState(session, new EvalContext(new Object[0], session), db)) {
            s.instrument(false);
            try (Cursor c = s.open(g)) {
                while (c.next() != null) { }
            }
            lines = new ExplainPrinter(false, s, false).print(g);
        } finally {
            db.commit();
        }
        String all = String.join("\n", lines);
        assertTrue(all.startsWith("Gather (actual rows=" + (ROWS / 7 + (ROWS % 7 >= 3 ? 1 : 0)) + " loops=1)"), all);
        assertTrue(all.contains("Workers Planned: 2"), all);
        assertTrue(all.contains("Workers Launched: 2"), all);
        assertTrue(all.contains("Parallel Seq Scan on t (actual rows="), all);
        assertTrue(all.contains("loops=3)"), all);
        // rows removed are summed over the participants and printed per loop, as PostgreSQL does
        long removed = ROWS - ROWS / 7 - (ROWS % 7 >= 3 ? 1 : 0);
        assertTrue(all.contains("Rows Removed by Filter: " + Math.round(removed / 3.0)), all);
    }

    @Test
    @Timeout(60)
    void tupleQueueCodecRoundTripsTheContractClasses() {
        Object[] row = {null, true, false, (short) 7, 42, 1L << 40, 1.5f, -2.25, new BigDecimal("123.4500"),
                new BigDecimal("123456789012345678901234567890.123"), "plain", "ünïcødé ✓", new byte[] {1, 2, 3},
                Instant.ofEpochSecond(-5, 123_000), new org.pgmini.storage.tuple.IntervalValue(1, 2, 3),
                org.pgmini.executor.types.NumericSpecial.NAN, (byte) 'x',
                new Object[] {1L, new BigDecimal("2.5"), new Object[] {null, "deep"}}};
        TupleQueueCodec.Writer w = new TupleQueueCodec.Writer();
        w.writeRow(row);
        w.writeRow(new Object[] {1});
        TupleQueueCodec.Reader r = new TupleQueueCodec.Reader();
        r.reset(w.buffer(), w.size());
        Object[] back = r.readRow();
        assertEquals(Arrays.deepToString(row), Arrays.deepToString(back));
        assertEquals(new BigDecimal("123.4500").scale(), ((BigDecimal) back[8]).scale());
        assertEquals(1, r.readRow()[0]);
        assertTrue(!r.hasMore());
        PgException e = assertThrows(PgException.class, () -> w.writeRow(new Object[] {new StringBuilder("x")}));
        assertEquals("XX000", e.sqlState());
    }

    /** A constant of an interface, of an anonymous class that is not serializable. */
    interface Shape {
        String name();

        Shape SQUARE = new Shape() {
            @Override
            public String name() {
                return "square";
            }
        };
    }

    @Test
    void nonSerializableConstantsTravelByName() throws Exception {
        Object ref = FragmentRefs.replace(Shape.SQUARE);
        assertTrue(ref instanceof FragmentRefs.StaticRef, String.valueOf(ref));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ref);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertTrue(in.readObject() == Shape.SQUARE);
        }
        assertTrue(FragmentRefs.replace(new Object()).getClass() == Object.class, "no constant: left alone");
    }

    @Test
    void typesResolveToTheCanonicalInstances() throws Exception {
        PgType[] types = {PgTypes.INT4, PgTypes.TEXT, PgTypes.NUMERIC, PgTypes.TIMESTAMPTZ, PgTypes.INTERVAL};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return FragmentRefs.replace(obj);
            }
        }) {
            out.writeObject(types);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Object[] back = (Object[]) in.readObject();
            for (int i = 0; i < types.length; i++) {
                assertTrue(back[i] == types[i], types[i].name());
            }
        }
    }
}
