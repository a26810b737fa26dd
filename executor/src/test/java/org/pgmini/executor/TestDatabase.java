package org.pgmini.executor;

import java.nio.file.Path;

import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.xact.CommitHook;
import org.pgmini.storage.xact.IsolationLevel;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.storage.xact.TransactionManager;

/**
 * Storage for executor tests: a private buffer pool over a temp data directory, a bootstrapped
 * catalog and one session's transaction, without WAL (a crash is not what these tests test).
 * {@link #transaction()} starts a transaction lazily as the server does; {@link #commit()} and
 * {@link #rollback()} end it. Attach it to a {@link TestSession} with {@code session.database = db}.
 */
public final class TestDatabase implements DatabaseAccess, AutoCloseable {
    public static final StorageEngine.Config CONFIG = new StorageEngine.Config(512, 8, 16, 0, 100, 131072);

    private final StorageEngine engine;
    private final TransactionManager tm;
    private final Catalog catalog;
    private final ProcArray.Proc proc;
    /** Only the first session closes the engine. */
    private final boolean ownsEngine;
    private Transaction tx;
    /** Isolation of the next transaction this test database starts. */
    public IsolationLevel isolation = IsolationLevel.READ_COMMITTED;

    private TestDatabase(StorageEngine engine, boolean bootstrap) {
        this.engine = engine;
        this.tm = TransactionManager.forEngine(engine, CommitHook.NONE, 5);
        this.catalog = bootstrap ? Catalog.bootstrap(engine, tm) : Catalog.open(engine, tm);
        this.proc = engine.procArray().attach();
        this.ownsEngine = true;
    }

    /** A fresh database in {@code dataDir} (an empty directory). */
    public static TestDatabase create(Path dataDir) {
        return new TestDatabase(StorageEngine.startPrivate(dataDir, CONFIG), true);
    }

    /**
     * A fresh database whose buffer pool and commit log live in {@code region} (e.g. so that
     * parallel workers on threads can attach it through {@code WorkerStorage}).
     */
    public static TestDatabase createOn(Path dataDir, org.pgmini.storage.shared.SharedRegion region) {
        return new TestDatabase(StorageEngine.start(dataDir, region, 0, CONFIG, org.pgmini.storage.walhook.WalHook.NONE), true);
    }

    /** Opens a database a previous {@link #create} left in {@code dataDir} (after {@link #close}). */
    public static TestDatabase open(Path dataDir) {
        return new TestDatabase(StorageEngine.startPrivate(dataDir, CONFIG), false);
    }

    /** A second session on the same storage (its own ProcArray slot and transaction). */
    public TestDatabase otherSession() {
        return new TestDatabase(this);
    }

    private TestDatabase(TestDatabase first) {
        this.engine = first.engine;
        this.tm = first.tm;
        this.catalog = first.catalog;
        this.proc = engine.procArray().attach();
        this.ownsEngine = false;
    }

    @Override public Catalog catalog() { return catalog; }
    @Override public Heap heap() { return engine.heap(); }

    @Override
    public Transaction transaction() {
        if (tx == null || tx.isFinished()) {
            tx = tm.begin(proc, isolation);
        }
        return tx;
    }

    /** Ends the current transaction with commit, if one is open. */
    public void commit() {
        if (tx != null && !tx.isFinished()) {
            tx.commit();
        }
        tx = null;
    }

    /** Ends the current transaction with rollback, if one is open. */
    public void rollback() {
        if (tx != null) {
            tx.abort();
        }
        tx = null;
    }

    public StorageEngine engine() { return engine; }

    @Override
    public void close() {
        rollback();
        engine.procArray().detach(proc);
        if (ownsEngine) {
            engine.close();
        }
    }
}
