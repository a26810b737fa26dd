package org.pgmini.executor.plan;

import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.AppendNode;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.FunctionScanNode;
import org.pgmini.executor.exec.LimitNode;
import org.pgmini.executor.exec.MaterializeNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectNode;
import org.pgmini.executor.exec.ResultNode;
import org.pgmini.executor.exec.ScrollableCursor;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgCursorStatements;
import org.pgmini.executor.parser.ast.PgWriteStatement;
import org.pgmini.executor.portal.Portal;
import org.pgmini.executor.portal.StoreScan;
import org.pgmini.executor.portal.TupleStore;
import org.pgmini.executor.query.SessionDependentPlan;
import org.pgmini.executor.query.TableQuery;

/**
 * SQL cursors (DECLARE / FETCH / MOVE / CLOSE), kept per session like PostgreSQL's portals
 * ({@link Portal} holds one cursor's rows and position).
 *
 * <p>DECLARE starts the query with the statement's snapshot and keeps the running plan:
 * <ul>
 * <li>a cursor that does not scroll (NO SCROLL, or no SCROLL over a plan PostgreSQL could not run
 *     backwards: joins, aggregation) streams: FETCH n pulls n rows from the plan;</li>
 * <li>a SCROLL cursor whose plan's top node is a Sort sorts with random access (in memory, or on
 *     a frozen result tape under a small work_mem) and reads the sort backwards;</li>
 * <li>any other SCROLL cursor reads its plan lazily into a {@link TupleStore} (memory up to
 *     work_mem, then a temp file), which backward fetches read again (PostgreSQL's Material on
 *     top of a scrollable cursor's plan).</li>
 * </ul>
 * A cursor without HOLD exists only in its transaction block (25P01 outside one) and is closed,
 * with its temp files, when the transaction (or the savepoint it was declared in) ends: a
 * pending action of the storage transaction. A WITH HOLD cursor is materialized before its
 * transaction commits ({@link #commit}, PostgreSQL's PreCommit_Portals; at once when declared
 * outside a block, whose implicit transaction ends with the statement) and lives until CLOSE or
 * the end of the session; if that fails, COMMIT fails and the transaction rolls back; if its
 * transaction aborts, it is gone.
 *
 * <p>Not done: BINARY cursors (0A000), FOR UPDATE cursors, WHERE CURRENT OF, the pg_cursors
 * view. Session thread only (the cleaner of a vanished session's cursors excepted); the store is
 * keyed weakly by the SessionContext object.
 */
final class Cursors {
    private Cursors() {}

    private static final Map<SessionContext, Map<String, Portal>> SESSIONS = new WeakHashMap<>();
    /** Closes the cursors (temp files) of a session object that is gone without CLOSE. */
    private static final Cleaner CLEANER = Cleaner.create();

    /** The session's live cursors (those of ended transactions closed and dropped). */
    private static Map<String, Portal> of(SessionContext s) {
        Map<String, Portal> m;
        synchronized (SESSIONS) {
            m = SESSIONS.get(s);
            if (m == null) {
                Map<String, Portal> fresh = new LinkedHashMap<>();
                SESSIONS.put(s, fresh);
                CLEANER.register(s, () -> closeAll(fresh));
                m = fresh;
            }
        }
        Object tx = currentTransaction(s);
        synchronized (m) {
            m.values().removeIf(p -> {
                boolean dead = !p.persisted() && p.transaction() != tx;
                if (dead) {
                    p.close();
                }
                return dead;
            });
        }
        return m;
    }

    private static void closeAll(Map<String, Portal> m) {
        synchronized (m) {
            for (Portal p : m.values()) {
                try {
                    p.close();
                } catch (RuntimeException ignored) {
                    // the session is gone: nobody to tell
                }
            }
            m.clear();
        }
    }

    private static Object currentTransaction(SessionContext s) {
        try {
            return s.transaction().inBlock() ? s.database().transaction() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static PreparedQuery plan(PgWriteStatement st, ExpressionAnalyzer.PositionMapper positions, SessionContext session) {
        if (st instanceof PgCursorStatements.Declare d) {
            return declare(d, positions);
        }
        if (st instanceof PgCursorStatements.Fetch f) {
            return fetch(f, session);
        }
        PgCursorStatements.Close c = (PgCursorStatements.Close) st;
        return new SessionPlan(List.of(), (values, s) -> {
            Map<String, Portal> m = of(s);
            if (c.name == null) {
                closeAll(m);
                return WritePlan.command("CLOSE CURSOR ALL");
            }
            Portal p = m.remove(c.name);
            if (p == null) {
                throw notFound(c.name);
            }
            p.close();
            return WritePlan.command("CLOSE CURSOR");
        });
    }

    /**
     * COMMIT: materializes the WITH HOLD cursors of the transaction first (PreCommit_Portals); if
     * one fails, the transaction is rolled back and COMMIT reports the error, as in PostgreSQL.
     * Returns the command tag.
     */
    static String commit(SessionContext s) {
        try {
            persistHeld(s);
        } catch (RuntimeException e) {
            s.transaction().rollback();
            throw e;
        }
        return s.transaction().commit();
    }

    private static void persistHeld(SessionContext s) {
        Map<String, Portal> m;
        synchronized (SESSIONS) {
            m = SESSIONS.get(s);
        }
        if (m == null) {
            return;
        }
        List<Portal> held = new ArrayList<>();
        synchronized (m) {
            for (Portal p : m.values()) {
                if (p.hold() && !p.persisted()) {
                    held.add(p);
                }
            }
        }
        for (Portal p : held) {
            p.persist(workMemKB(s), dataDir(s));
        }
    }

    private static PgException notFound(String name) {
        return new PgException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
    }

    private static PreparedQuery declare(PgCursorStatements.Declare d, ExpressionAnalyzer.PositionMapper positions) {
        if (d.binary) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "DECLARE BINARY CURSOR is not supported");
        }
        return new SessionPlan(List.of(), (values, s) -> {
            boolean inBlock = s.transaction().inBlock();
            if (!d.hold && !inBlock) {
                throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "DECLARE CURSOR can only be used in transaction blocks");
            }
            Map<String, Portal> m = of(s);
            if (m.containsKey(d.name)) {
                throw new PgException("42P03", "cursor \"" + d.name + "\" already exists");
            }
            PreparedQuery q = new Planner(positions, new int[0], s).plan(d.query);
            if (!q.returnsRows()) {
                throw new PgException("42P11", "DECLARE CURSOR must be a query returning rows");
            }
            boolean scroll = d.scroll != null ? d.scroll : runsBackward(q);
            Opened o = open(q, scroll, s);
            Portal p = new Portal(d.name, q.columns(), scroll, d.hold, inBlock ? currentTransaction(s) : null, o.rows(), o.execution());
            try {
                if (!inBlock) {
                    p.persist(workMemKB(s), dataDir(s)); // the implicit transaction commits with this statement
                } else {
                    closeAtTransactionEnd(s, m, p);
                }
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
            synchronized (m) {
                m.put(d.name, p);
            }
            return WritePlan.command("DECLARE CURSOR");
        });
    }

    /**
     * A pending action of the storage transaction (at the current savepoint level): at commit a
     * cursor without HOLD is closed (a held one was persisted just before); at abort of the
     * transaction or of the savepoint it was declared in, any cursor of it is closed. Sessions
     * without storage rely on the check in {@link #of}.
     */
    private static void closeAtTransactionEnd(SessionContext s, Map<String, Portal> m, Portal p) {
        org.pgmini.storage.xact.Transaction tx;
        try {
            tx = s.database().transaction();
        } catch (PgException noStorage) {
            return;
        }
        tx.atEnd(() -> {
            if (!p.persisted()) {
                drop(m, p);
            }
        }, () -> drop(m, p));
    }

    private static void drop(Map<String, Portal> m, Portal p) {
        synchronized (m) {
            m.remove(p.name(), p);
        }
        p.close();
    }

    /** A started cursor query: its rows, and the execution to end with them (null when closing the rows does). */
    private record Opened(Cursor rows, AutoCloseable execution) {}

    /**
     * Starts the query: the rows of a forward cursor stream from the plan; a scrolling one reads
     * a random-access sort at the top backwards, or else materializes lazily into a tuple store.
     */
    private static Opened open(PreparedQuery q, boolean scroll, SessionContext s) {
        Cursor rows;
        if (q instanceof TableQuery t) {
            PlanNode root = t.planned().root();
            if (scroll && root instanceof SortNode sort) {
                sort.withRandomAccess(); // a plan made for this DECLARE only: it is not shared
            }
            ExecState state = t.begin(new Object[0], s);
            Cursor c;
            try {
                c = state.open(root);
            } catch (RuntimeException e) {
                state.close();
                throw asPg(e);
            }
            if (scroll && c instanceof ScrollableCursor sc) {
                return new Opened(sc, state);
            }
            rows = new PlanRows(c::next, () -> {
                try {
                    c.close();
                } finally {
                    state.close();
                }
            });
        } else {
            ResultCursor rc = q.execute(new Object[0], s);
            rows = new PlanRows(rc::next, rc::close);
        }
        return new Opened(scroll ? new StoreScan(new TupleStore(workMemKB(s), dataDir(s)), rows) : rows, null);
    }

    private static long workMemKB(SessionContext s) {
        return ExecState.memorySettingKB(s, "work_mem", 4096);
    }

    /** Where a cursor's tuple store may write temp files; null (memory only) for sessions without storage. */
    private static Path dataDir(SessionContext s) {
        try {
            return s.database().catalog().engine().dataDir();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static PgException asPg(RuntimeException e) {
        return e instanceof PgException p ? p : new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
    }

    /** Forward rows of a running plan; closing ends the execution. Errors reach the client as PgException. */
    private static final class PlanRows implements Cursor {
        private final java.util.function.Supplier<Object[]> next;
        private final Runnable close;
        private boolean closed;

        PlanRows(java.util.function.Supplier<Object[]> next, Runnable close) {
            this.next = next;
            this.close = close;
        }

        @Override
        public Object[] next() {
            if (closed) {
                return null;
            }
            try {
                return next.get();
            } catch (RuntimeException e) {
                close();
                throw asPg(e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                close.run();
            }
        }
    }

    /** ExecSupportsBackwardScan: scans, sorts, projections, limits and appends run backwards; joins and aggregates do not. */
    private static boolean runsBackward(PreparedQuery q) {
        if (!(q instanceof org.pgmini.executor.query.TableQuery t)) {
            return false;
        }
        PlanNode root = t.planned().root();
        return root != null && runsBackward(root);
    }

    private static boolean runsBackward(PlanNode n) {
        if (n instanceof SeqScanNode || n instanceof SortNode || n instanceof ResultNode || n instanceof FunctionScanNode
                || n instanceof MaterializeNode || n.getClass().getSimpleName().equals("ValuesScanNode")) {
            return true;
        }
        if (n instanceof ProjectNode || n instanceof LimitNode || n instanceof AppendNode
                || n.getClass().getSimpleName().equals("SubqueryScanNode")) {
            for (PlanNode c : n.children()) {
                if (!runsBackward(c)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static PreparedQuery fetch(PgCursorStatements.Fetch f, SessionContext session) {
        Portal planned = of(session).get(f.name);
        if (planned == null) {
            throw notFound(f.name);
        }
        List<ColumnDescription> columns = f.move ? List.of() : planned.columns();
        return new SessionPlan(columns, (values, s) -> {
            Portal p = of(s).get(f.name);
            if (p == null) {
                throw notFound(f.name);
            }
            Portal.Result r = p.fetch(f.direction, f.count, f.move);
            String tag = (f.move ? "MOVE " : "FETCH ") + r.count();
            return WritePlan.result(r.rows(), tag);
        });
    }

    /** A cursor statement's plan: it depends on the session's cursors, so the shared plan cache never keeps it. */
    private static final class SessionPlan extends ActionPlan implements SessionDependentPlan {
        SessionPlan(List<ColumnDescription> columns, ActionPlan.Action action) {
            super(new int[0], columns, action);
        }
    }
}
