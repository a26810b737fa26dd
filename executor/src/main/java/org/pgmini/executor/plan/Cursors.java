package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.pgmini.executor.exec.FunctionScanNode;
import org.pgmini.executor.exec.LimitNode;
import org.pgmini.executor.exec.MaterializeNode;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectNode;
import org.pgmini.executor.exec.ResultNode;
import org.pgmini.executor.exec.SeqScanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgCursorStatements;
import org.pgmini.executor.parser.ast.PgCursorStatements.Direction;
import org.pgmini.executor.parser.ast.PgWriteStatement;
import org.pgmini.executor.query.SessionDependentPlan;

/**
 * SQL cursors (DECLARE / FETCH / MOVE / CLOSE), kept per session like PostgreSQL's portals.
 *
 * <p>DECLARE runs the query at once with the statement's snapshot and keeps its rows (a
 * materialized portal: what PostgreSQL does for WITH HOLD cursors at commit and for SCROLL
 * cursors whose plan cannot run backwards); FETCH and MOVE then move a position over them with
 * PostgreSQL's rules (position 0 before the first row, n+1 after the last; FORWARD/BACKWARD n,
 * ABSOLUTE and RELATIVE, FIRST/LAST, ALL). A cursor declared NO SCROLL, or without SCROLL over a
 * plan PostgreSQL could not run backwards (joins, aggregation), refuses to go back: 55000
 * "cursor can only scan forward". A cursor without HOLD exists only in its transaction block
 * (25P01 outside one) and is gone after COMMIT or ROLLBACK (34000 for an unknown name); a HOLD
 * cursor lives until CLOSE or the end of the session.
 *
 * <p>Not done: BINARY cursors (0A000), FOR UPDATE cursors, WHERE CURRENT OF, the pg_cursors
 * view, and streaming (rows are read at DECLARE, so a huge result sits in memory).
 * Session thread only; the store is keyed weakly by the SessionContext object.
 */
final class Cursors {
    private Cursors() {}

    /** One open cursor: its rows, columns and position. */
    private static final class Portal {
        final String name;
        final List<ColumnDescription> columns;
        final List<Object[]> rows;
        final boolean scroll;
        final boolean hold;
        /** The transaction that declared a cursor without HOLD (it dies with it). */
        final Object transaction;
        /** 0 before the first row, rows.size() + 1 after the last. */
        long position;

        Portal(String name, List<ColumnDescription> columns, List<Object[]> rows, boolean scroll, boolean hold,
               Object transaction) {
            this.name = name;
            this.columns = columns;
            this.rows = rows;
            this.scroll = scroll;
            this.hold = hold;
            this.transaction = transaction;
        }
    }

    private static final Map<SessionContext, Map<String, Portal>> SESSIONS = new WeakHashMap<>();

    /** The session's live cursors (those of ended transactions dropped). */
    private static Map<String, Portal> of(SessionContext s) {
        Map<String, Portal> m;
        synchronized (SESSIONS) {
            m = SESSIONS.computeIfAbsent(s, k -> new LinkedHashMap<>());
        }
        Object tx = currentTransaction(s);
        m.values().removeIf(p -> !p.hold && p.transaction != tx);
        return m;
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
        return new WritePlan(new int[0], List.of(), (values, s) -> {
            Map<String, Portal> m = of(s);
            if (c.name == null) {
                m.clear();
                return WritePlan.command("CLOSE CURSOR ALL");
            }
            if (m.remove(c.name) == null) {
                throw notFound(c.name);
            }
            return WritePlan.command("CLOSE CURSOR");
        });
    }

    private static PgException notFound(String name) {
        return new PgException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
    }

    private static PreparedQuery declare(PgCursorStatements.Declare d, ExpressionAnalyzer.PositionMapper positions) {
        if (d.binary) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "DECLARE BINARY CURSOR is not supported");
        }
        return new SessionPlan(List.of(), (values, s) -> {
            if (!d.hold && !s.transaction().inBlock()) {
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
            List<Object[]> rows = new ArrayList<>();
            try (ResultCursor c = q.execute(new Object[0], s)) {
                for (Object[] r; (r = c.next()) != null; ) {
                    rows.add(r);
                }
            }
            m.put(d.name, new Portal(d.name, q.columns(), rows, scroll, d.hold, d.hold ? null : currentTransaction(s)));
            return WritePlan.command("DECLARE CURSOR");
        });
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
        List<ColumnDescription> columns = f.move ? List.of() : planned.columns;
        return new SessionPlan(columns, (values, s) -> {
            Portal p = of(s).get(f.name);
            if (p == null) {
                throw notFound(f.name);
            }
            List<Object[]> out = move(p, f.direction, f.count);
            String tag = (f.move ? "MOVE " : "FETCH ") + out.size();
            return f.move ? WritePlan.result(List.of(), tag) : WritePlan.result(out, tag);
        });
    }

    /** Moves the portal's position as PostgreSQL's DoPortalRunFetch does; the rows passed over in the fetch's direction. */
    private static List<Object[]> move(Portal p, Direction d, long count) {
        long n = p.rows.size();
        List<Object[]> out = new ArrayList<>();
        switch (d) {
            case FORWARD -> {
                if (count == 0) {
                    backward(p, true);
                    refetch(p, out);
                    return out;
                }
                for (long k = 0; k < count && p.position <= n; k++) {
                    p.position++;
                    if (p.position <= n) {
                        out.add(p.rows.get((int) (p.position - 1)));
                    }
                }
            }
            case BACKWARD -> {
                if (count == 0) {
                    backward(p, true);
                    refetch(p, out);
                    return out;
                }
                backward(p, false);
                for (long k = 0; k < count && p.position >= 1; k++) {
                    p.position--;
                    if (p.position >= 1) {
                        out.add(p.rows.get((int) (p.position - 1)));
                    }
                }
            }
            case ABSOLUTE -> {
                if (count > 0) {
                    if (count - 1 < p.position) {
                        rewind(p);
                    }
                    p.position = Math.min(count, n + 1);
                    if (count <= n) {
                        out.add(p.rows.get((int) (count - 1)));
                    }
                } else if (count < 0) {
                    backward(p, false);
                    long target = n + 1 + count;
                    p.position = Math.max(target, 0);
                    if (target >= 1) {
                        out.add(p.rows.get((int) (target - 1)));
                    }
                } else {
                    rewind(p);
                    p.position = 0;
                }
            }
            case RELATIVE -> {
                if (count == 0) {
                    backward(p, true);
                    refetch(p, out);
                    return out;
                }
                if (count < 0) {
                    backward(p, false);
                }
                long target = p.position + count;
                if (target < 1) {
                    p.position = 0;
                } else if (target > n) {
                    p.position = n + 1;
                } else {
                    p.position = target;
                    out.add(p.rows.get((int) (target - 1)));
                }
            }
        }
        return out;
    }

    private static void refetch(Portal p, List<Object[]> out) {
        if (p.position >= 1 && p.position <= p.rows.size()) {
            out.add(p.rows.get((int) (p.position - 1)));
        }
    }

    /** A backward step (or a re-fetch of the current row) needs a cursor that scrolls. */
    private static void backward(Portal p, boolean refetch) {
        if (!p.scroll) {
            throw forwardOnly();
        }
    }

    /** Going back to the start: a no-op at the start, else it needs a cursor that scrolls (DoPortalRewind). */
    private static void rewind(Portal p) {
        if (p.position == 0) {
            return;
        }
        if (!p.scroll) {
            throw forwardOnly();
        }
    }

    private static PgException forwardOnly() {
        return new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward", null,
                "Declare it with SCROLL option to enable backward scan.", 0, null, null);
    }

    /** A cursor statement's plan: it depends on the session's cursors, so the shared plan cache never keeps it. */
    private static final class SessionPlan implements PreparedQuery, SessionDependentPlan {
        private final List<ColumnDescription> columns;
        private final WritePlan.Action action;

        SessionPlan(List<ColumnDescription> columns, WritePlan.Action action) {
            this.columns = columns;
            this.action = action;
        }

        @Override
        public int[] parameterTypeOids() {
            return new int[0];
        }

        @Override
        public List<ColumnDescription> columns() {
            return columns;
        }

        @Override
        public boolean returnsRows() {
            return !columns.isEmpty();
        }

        @Override
        public ResultCursor execute(Object[] parameters, SessionContext session) {
            try {
                return action.run(parameters == null ? new Object[0] : parameters, session);
            } catch (PgException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
            }
        }
    }
}
