package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * A planned SELECT over FROM items, as the session runs it: each execution starts the statement
 * in storage (new snapshot under READ COMMITTED), takes AccessShareLock on the tables read, and
 * streams rows from the operator tree. Immutable and shareable; the cache drops it when the
 * catalog changes ({@link #catalogGeneration}).
 */
public final class TableQuery implements PreparedQuery, CatalogDependent {
    private final Planned planned;
    private final int[] paramOids;
    private final int[] paramPositions;
    /** SharedInvalidation's counter when the plan was made (-1 for plans that read no table). */
    final long catalogGeneration;

    /** The settings and table sizes its parallel choices were made from (null: none to check). */
    private ParallelPlanInputs parallelInputs;

    void setParallelInputs(ParallelPlanInputs inputs) {
        this.parallelInputs = inputs;
    }

    /** Whether the parallel planner would still choose this plan (see {@link ParallelPlanInputs}). */
    boolean parallelInputsHold(SessionContext session) {
        return parallelInputs == null || parallelInputs.stillHold(session);
    }

    /** Plans the same statement again (set by the engine before the plan is published). */
    private java.util.function.Function<SessionContext, PreparedQuery> replanner;

    /**
     * A prepared statement kept across DDL is planned again at its next execution, as PostgreSQL
     * does; if its result columns changed, 0A000 "cached plan must not change result type".
     */
    public void setReplanner(java.util.function.Function<SessionContext, PreparedQuery> replanner) {
        this.replanner = replanner;
    }

    public TableQuery(Planned planned, int[] paramOids, int[] paramPositions, long catalogGeneration) {
        this.planned = planned;
        this.paramOids = paramOids;
        this.paramPositions = paramPositions;
        this.catalogGeneration = catalogGeneration;
    }

    public Planned planned() {
        return planned;
    }

    // ptapes: begin
    /** The same query run through another root (an execution mode of the same plan); never replanned itself. */
    TableQuery withRoot(org.pgmini.executor.exec.PlanNode root) {
        TableQuery q = new TableQuery(new Planned(root, planned.columns(), planned.relationOids(), planned.initPlans()),
                paramOids, paramPositions, catalogGeneration);
        q.parallelInputs = parallelInputs;
        return q;
    }
    // ptapes: end

    public long catalogGeneration() {
        return catalogGeneration;
    }

    @Override
    public int[] parameterTypeOids() {
        return paramOids.clone();
    }

    @Override
    public List<ColumnDescription> columns() {
        return planned.columns();
    }

    @Override
    public boolean returnsRows() {
        return true;
    }

    /** Sets up an execution: parameters checked, statement started, tables locked. */
    public ExecState begin(Object[] parameters, SessionContext session) {
        int bound = parameters == null ? 0 : parameters.length;
        if (bound < paramOids.length) {
            throw missingParameter(bound);
        }
        EvalContext ec = new EvalContext(parameters == null ? new Object[0] : parameters, session);
        DatabaseAccess db = planned.usesTables() ? session.database() : null;
        ExecState state = new ExecState(session, ec, db);
        if (db != null) {
            state.startStatement();
            Transaction tx = state.transaction();
            for (int oid : planned.relationOids()) {
                tx.lockRelation(oid, LockMode.ACCESS_SHARE);
            }
        }
        try {
            InitPlan.runAll(planned.initPlans(), ec);
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
        return state;
    }

    /** The plan to run now: this one, or a fresh one when committed DDL made this one stale. */
    PreparedQuery current(SessionContext session) {
        if (replanner == null || PlanValidity.stillValid(this, session)) {
            return this;
        }
        PreparedQuery fresh = replanner.apply(session);
        if (!sameColumns(fresh.columns())) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
        return fresh;
    }

    private boolean sameColumns(List<ColumnDescription> other) {
        List<ColumnDescription> mine = columns();
        if (other.size() != mine.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            ColumnDescription a = mine.get(i);
            ColumnDescription b = other.get(i);
            if (a.type().oid() != b.type().oid() || a.typmod() != b.typmod()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ResultCursor execute(Object[] parameters, SessionContext session) {
        PreparedQuery now = current(session);
        if (now != this) {
            return now.execute(parameters, session);
        }
        ExecState state = begin(parameters, session);
        Cursor root;
        try {
            root = state.open(planned.root());
        } catch (RuntimeException e) {
            state.close();
            throw wrap(e);
        }
        return new ResultCursor() {
            long count;
            boolean closed;

            @Override
            public Object[] next() {
                if (closed) {
                    return null;
                }
                try {
                    Object[] r = root.next();
                    if (r == null) {
                        close();
                        return null;
                    }
                    count++;
                    return r;
                } catch (RuntimeException e) {
                    close();
                    throw wrap(e);
                }
            }

            @Override
            public String commandTag() {
                return "SELECT " + count;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    try {
                        root.close();
                    } finally {
                        state.close();
                    }
                }
            }
        };
    }

    static PgException wrap(RuntimeException e) {
        if (e instanceof PgException p) {
            return p;
        }
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
    }

    private PgException missingParameter(int bound) {
        int best = bound;
        for (int i = bound; i < paramOids.length; i++) {
            int p = paramPositions[i];
            if (p > 0 && (paramPositions[best] == 0 || p < paramPositions[best])) {
                best = i;
            }
        }
        return PgException.atPosition(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (best + 1), paramPositions[best]);
    }
}
