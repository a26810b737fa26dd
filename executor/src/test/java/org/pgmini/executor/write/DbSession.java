package org.pgmini.executor.write;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.TestSession;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.Settings;
import org.pgmini.executor.api.StatementKind;
import org.pgmini.executor.api.TransactionControl;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.StorageValues;

/**
 * A test session over a {@link TestDatabase} that behaves like the server around the engine:
 * each statement outside a block runs in its own transaction (committed after it, rolled back
 * on error), BEGIN/COMMIT/ROLLBACK and savepoints drive the storage transaction, an error inside
 * a block leaves it failed until ROLLBACK [TO]. Settings and notices come from a TestSession.
 */
public final class DbSession implements SessionContext, AutoCloseable {
    public final TestDatabase db;
    public final TestSession base = new TestSession();
    private boolean inBlock;
    private boolean failed;

    /** The result of one statement: its tag and rows in text form. */
    public record Result(String tag, List<List<String>> rows) {}

    public DbSession(TestDatabase db) {
        this.db = db;
    }

    @Override public String userName() { return base.userName(); }
    @Override public String databaseName() { return base.databaseName(); }
    @Override public int backendPid() { return base.backendPid(); }
    @Override public Settings settings() { return base.settings(); }
    @Override public void notice(Notice notice) { base.notice(notice); }
    @Override public void checkForInterrupts() { base.checkForInterrupts(); }
    @Override public DatabaseAccess database() { return db; }

    public List<Notice> notices() { return base.notices; }

    @Override
    public TransactionControl transaction() {
        return new TransactionControl() {
            @Override public String begin() { inBlock = true; return "BEGIN"; }
            @Override public String commit() {
                boolean wasFailed = failed;
                end(!failed);
                return wasFailed ? "ROLLBACK" : "COMMIT";
            }
            @Override public String rollback() { end(false); return "ROLLBACK"; }
            @Override public boolean inBlock() { return inBlock; }
            @Override public String savepoint(String name) {
                requireBlock("SAVEPOINT");
                db.transaction().savepoint(name);
                return "SAVEPOINT";
            }
            @Override public String rollbackToSavepoint(String name) {
                requireBlock("ROLLBACK TO SAVEPOINT");
                db.transaction().rollbackToSavepoint(name);
                failed = false;
                return "ROLLBACK";
            }
            @Override public String releaseSavepoint(String name) {
                requireBlock("RELEASE SAVEPOINT");
                db.transaction().releaseSavepoint(name);
                return "RELEASE";
            }
        };
    }

    private void requireBlock(String what) {
        if (!inBlock) {
            throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    private void end(boolean commit) {
        inBlock = false;
        failed = false;
        if (commit) {
            db.commit();
        } else {
            db.rollback();
        }
    }

    /** Runs every statement of {@code sql}; returns the last one's result. */
    public Result run(String sql, Object... params) {
        Result last = null;
        for (ParsedStatement p : ENGINE.parse(sql)) {
            last = runOne(p, params);
        }
        return last;
    }

    static final CalciteSqlEngine ENGINE = new CalciteSqlEngine();

    private Result runOne(ParsedStatement p, Object[] params) {
        StatementKind k = p.kind();
        if (failed && k != StatementKind.ROLLBACK && k != StatementKind.COMMIT && k != StatementKind.ROLLBACK_TO_SAVEPOINT) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        try {
            PreparedQuery q = ENGINE.prepare(p, new int[0], this);
            List<List<String>> rows = new ArrayList<>();
            String tag;
            try (ResultCursor c = q.execute(params, this)) {
                Object[] row;
                while ((row = c.next()) != null) {
                    List<String> r = new ArrayList<>();
                    for (int i = 0; i < row.length; i++) {
                        r.add(row[i] == null ? null : q.columns().get(i).type().output(row[i], this));
                    }
                    rows.add(r);
                }
                tag = c.commandTag();
            }
            if (!inBlock) {
                db.commit();
            }
            return new Result(tag, rows);
        } catch (RuntimeException e) {
            if (inBlock) {
                failed = true;
            } else {
                db.rollback();
            }
            throw e;
        }
    }

    /** The error a statement raises (the test fails if it succeeds). */
    public PgException error(String sql) {
        try {
            run(sql);
        } catch (PgException e) {
            return e;
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    /**
     * The rows of a table as its own transaction sees them now (text form, sorted), read from
     * the heap directly: the read path is another helper's work.
     */
    public List<String> table(String name) {
        Transaction tx = db.transaction();
        tx.startStatement();
        RelationDescriptor d = db.catalog().openRelation(tx, null, name, LockMode.ACCESS_SHARE);
        List<String> out = new ArrayList<>();
        try (HeapScan s = db.heap().beginScan(d.heapRelation(), tx.snapshot(), tx)) {
            while (s.hasNext()) {
                HeapTuple t = s.next();
                Object[] v = t.values(d.heapRelation().desc());
                StringBuilder b = new StringBuilder();
                for (RelationDescriptor.Column c : d.columns()) {
                    if (c.dropped()) {
                        continue;
                    }
                    Object x = StorageValues.fromStorage(c.typeOid(), v[c.attnum() - 1]);
                    b.append(b.length() == 0 ? "" : "|").append(x == null ? "" : PgTypes.byOid(c.typeOid()).output(x, this));
                }
                out.add(b.toString());
            }
        }
        if (!inBlock) {
            db.commit();
        }
        out.sort(null);
        return out;
    }

    @Override
    public void close() {
        db.close();
    }
}
