package org.pgmini.storage.walint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.error.PgException;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.xact.IsolationLevel;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.wal.SynchronousCommit;
import org.pgmini.wal.WalPmemFlush;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.RealFileLayer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Database} end to end: DDL and rows through the catalog and the WAL-backed transaction
 * manager, then a power loss (only fsynced WAL survives; no data page was ever written, so
 * everything comes back from WAL) or a kill (page cache survives, buffers lost). After
 * recovery: committed CREATE TABLE and its rows are there, an uncommitted CREATE is not, a
 * committed DROP's file is gone, a committed TRUNCATE's old rows are gone.
 */
@Timeout(120)
class DatabaseRecoveryTest {
    private static final StorageEngine.Config CONFIG = new StorageEngine.Config(1024, 8, 16, 0, 100, 1 << 20);
    private Path dir;
    private Path data;
    private WalSettings settings;
    private FaultInjectingFileLayer layer;

    @BeforeEach
    void setUp() throws IOException {
        setUp(WalPmemMode.OFF);
    }

    private void setUp(WalPmemMode mode) throws IOException {
        if (dir != null) tearDown();
        dir = WalintSupport.tempDir("pgmini-db-");
        data = dir.resolve("data");
        settings = WalintSupport.walSettings(dir, mode);
        Database.initdb(data, null, settings, new RealFileLayer(WalPmemFlush.MSYNC), CONFIG);
    }

    @AfterEach
    void tearDown() throws IOException {
        WalintSupport.deleteTree(dir);
        dir = null;
    }

    private Database start() throws IOException {
        layer = new FaultInjectingFileLayer(new RealFileLayer(WalPmemFlush.MSYNC));
        return Database.start(data, ByteBufferRegion.allocate(Database.requiredSize(CONFIG)), 0, CONFIG, settings.copy(), layer);
    }

    /** Power loss: nothing but fsynced WAL survives (data pages were never written: no checkpoint, no bgwriter). */
    private void powerLoss(Database db) throws IOException {
        db.wal().abandon();
        layer.powerLoss(null);
        db.engine().abandon();
    }

    private static final class Session implements AutoCloseable {
        final Database db;
        final ProcArray.Proc proc;
        Transaction tx;

        Session(Database db) {
            this.db = db;
            this.proc = db.engine().procArray().attach();
        }

        Transaction begin() {
            tx = db.transactionManager().begin(proc, IsolationLevel.READ_COMMITTED);
            tx.startStatement();
            return tx;
        }

        void createTable(String name) {
            db.catalog().createTable(tx, "public", name, List.of(ColumnDefinition.of("id", 23), ColumnDefinition.of("v", 25)), List.of());
        }

        void insert(String name, int from, int to) {
            RelationDescriptor t = db.catalog().openRelation(tx, null, name, LockMode.ROW_EXCLUSIVE);
            for (int i = from; i < to; i++) db.heap().insert(t.heapRelation(), new Object[] {i, "row " + i}, tx, tx.commandId());
            tx.commandCounterIncrement();
        }

        void commit() { db.commit(tx, SynchronousCommit.ON); }

        @Override
        public void close() {
            if (tx != null) tx.abort();
            db.engine().procArray().detach(proc);
        }
    }

    /** The ids visible in a new transaction, or null if the table does not exist. */
    private static TreeSet<Integer> ids(Database db, String name) {
        try (Session s = new Session(db)) {
            Transaction tx = s.begin();
            RelationDescriptor t;
            try {
                t = db.catalog().openRelation(tx, null, name, LockMode.ACCESS_SHARE);
            } catch (PgException e) {
                assertEquals("42P01", e.sqlState());
                return null;
            }
            TreeSet<Integer> out = new TreeSet<>();
            try (HeapScan scan = db.heap().beginScan(t.heapRelation(), tx.snapshot(), tx)) {
                while (scan.hasNext()) out.add((Integer) scan.next().values(t.tupleDesc())[0]);
            }
            return out;
        }
    }

    private static TreeSet<Integer> range(int from, int to) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = from; i < to; i++) s.add(i);
        return s;
    }

    /** Builds the scenario; returns the dropped table's file path (relative to the data dir). */
    private String workload(Database db) {
        String droppedFile;
        Session b = new Session(db); // its transaction is still running at the crash: never closed
        try (Session a = new Session(db)) {
            a.begin();
            a.createTable("kept");
            a.insert("kept", 0, 500);
            a.createTable("dropped");
            a.insert("dropped", 0, 10);
            a.createTable("truncated");
            a.insert("truncated", 0, 100);
            a.commit();

            a.begin();
            a.insert("kept", 500, 600);
            RelationDescriptor d = db.catalog().openRelation(a.tx, null, "dropped", LockMode.ACCESS_EXCLUSIVE);
            droppedFile = d.heapRelation().locator().relativePath(ForkNumber.MAIN);
            db.catalog().dropTable(a.tx, null, "dropped", false);
            db.catalog().truncate(a.tx, db.catalog().openRelation(a.tx, null, "truncated", LockMode.ACCESS_EXCLUSIVE));
            a.insert("truncated", 1000, 1005);
            a.commit();

            // an aborted CREATE and an aborted insert
            a.begin();
            a.createTable("rolled_back");
            a.insert("kept", 700, 710);
            a.tx.abort();

            // still running at the crash
            b.begin();
            b.createTable("uncommitted");
            b.insert("uncommitted", 0, 5);
            b.insert("kept", 800, 810);
        }
        assertFalse(Files.exists(data.resolve(droppedFile)), "a committed DROP removes the file at once");
        return droppedFile;
    }

    private void checkRecovered(Database db, String droppedFile) {
        assertTrue(db.wal().recoveryResult().crashRecovery());
        assertEquals(range(0, 600), ids(db, "kept"));
        assertNull(ids(db, "dropped"));
        assertFalse(Files.exists(data.resolve(droppedFile)), "the dropped table's file stays gone");
        assertEquals(range(1000, 1005), ids(db, "truncated"));
        assertNull(ids(db, "rolled_back"));
        assertNull(ids(db, "uncommitted"));
    }

    @ParameterizedTest
    @EnumSource(WalPmemMode.class)
    void committedDdlAndRowsSurvivePowerLoss(WalPmemMode mode) throws Exception {
        setUp(mode); // initdb with this mode's settings
        Database db = start();
        String droppedFile = workload(db);
        powerLoss(db);

        db = start();
        try {
            checkRecovered(db, droppedFile);
            // the recovered database goes on: new DDL and rows, then a clean restart keeps all of it
            try (Session s = new Session(db)) {
                s.begin();
                s.createTable("after");
                s.insert("after", 0, 3);
                s.commit();
                s.tx = null;
            }
        } finally {
            db.shutdown();
        }
        db = start();
        try {
            assertFalse(db.wal().recoveryResult().crashRecovery());
            assertEquals(range(0, 600), ids(db, "kept"));
            assertEquals(range(0, 3), ids(db, "after"));
        } finally {
            db.shutdown();
        }
    }

    @Test
    void committedDdlAndRowsSurviveAKill() throws Exception {
        Database db = start();
        String droppedFile = workload(db);
        db.abandon(); // as a crash-restart does: buffers thrown away, no checkpoint
        db = start();
        try {
            checkRecovered(db, droppedFile);
        } finally {
            db.shutdown();
        }
    }

    @Test
    void asynchronousCommitIsLostOnlyUpToTheLastFlush() throws Exception {
        Database db = start();
        List<Integer> syncIds = new ArrayList<>();
        try (Session s = new Session(db)) {
            s.begin();
            s.createTable("t");
            s.commit();
            for (int i = 0; i < 20; i++) {
                s.begin();
                s.insert("t", i, i + 1);
                if (i % 2 == 0) {
                    s.commit();
                    syncIds.add(i);
                } else {
                    db.commit(s.tx, SynchronousCommit.OFF);
                }
            }
            s.begin();
            s.insert("t", 100, 101);
            db.commit(s.tx, SynchronousCommit.OFF); // last: no later synchronous commit flushes it
            s.tx = null;
        }
        powerLoss(db);
        db = start();
        try {
            TreeSet<Integer> got = ids(db, "t");
            assertTrue(got.containsAll(syncIds), "every synchronous commit survives: " + got);
            assertTrue(got.containsAll(range(0, 19)), "async commits before a sync one ride on its flush: " + got);
            assertFalse(got.contains(100), "an asynchronous commit nobody flushed is lost: " + got);
        } finally {
            db.shutdown();
        }
    }

    @Test
    void checkpointRecordsCarryTheOidCounter() throws Exception {
        Database db = start();
        try {
            try (Session s = new Session(db)) {
                s.begin();
                s.createTable("t");
                s.commit();
                s.tx = null;
            }
            db.checkpoint();
            int next = db.catalog().oidCounter().peekNext();
            assertTrue(next > 16384);
            assertEquals(next, db.wal().controlData().checkPointCopy().nextOid());
        } finally {
            db.shutdown();
        }
        db = start();
        try {
            assertTrue(Catalog.isBootstrapped(db.engine()));
            assertTrue(db.catalog().oidCounter().peekNext() > 16384, "oids are not handed out twice after a restart");
        } finally {
            db.shutdown();
        }
    }
}
