package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.TargetTable;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Catalog;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.parser.ast.PgDml;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.RowConflicts;
import org.pgmini.storage.xact.Transaction;

/**
 * SELECT ... FOR UPDATE / NO KEY UPDATE [OF t] [NOWAIT | SKIP LOCKED] on one table, with
 * WHERE, ORDER BY, LIMIT and OFFSET: PostgreSQL's plan shape Limit → LockRows → Sort → Scan.
 * The table is locked RowShareLock; the rows the snapshot sees that satisfy WHERE are sorted,
 * then locked one by one in that order until LIMIT rows (after OFFSET, whose rows are locked
 * too, as in PostgreSQL) are returned. A row changed by a concurrent transaction: it waits
 * (NOWAIT: 55P03, SKIP LOCKED: the row is skipped); under READ COMMITTED the newest version is
 * re-checked against WHERE and locked instead (the output shows it), under REPEATABLE READ
 * 40001. FOR SHARE / KEY SHARE need multixacts (storage raises 0A000).
 */
final class LockingSelectPlanner extends TableStatementPlanner {
    LockingSelectPlanner(ExpressionAnalyzer.PositionMapper positions, List<ParamSlot> params, SessionContext session) {
        super(positions, params, session);
    }

    private PgException notAllowed(String clause, SqlNode at, String strength) {
        return PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "FOR " + strength + " is not allowed with " + clause,
                at == null ? 0 : pos(at));
    }

    PreparedQuery plan(PgDml.LockingSelect st) {
        SqlNode q = st.query;
        SqlNodeList order = null;
        SqlNode offset = null;
        SqlNode fetch = null;
        if (q instanceof SqlOrderBy) {
            SqlOrderBy ob = (SqlOrderBy) q;
            order = ob.orderList;
            offset = ob.offset;
            fetch = ob.fetch;
            q = ob.query;
        }
        if (!(q instanceof SqlSelect)) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"FOR\"", pos(st));
        }
        SqlSelect select = (SqlSelect) q;
        if (select.getGroup() != null) {
            throw notAllowed("GROUP BY clause", select.getGroup(), st.strength);
        }
        if (select.getHaving() != null) {
            throw notAllowed("HAVING clause", select.getHaving(), st.strength);
        }
        if (select.isDistinct()) {
            throw notAllowed("DISTINCT clause", null, st.strength);
        }
        SqlNode from = select.getFrom();
        SqlNode table = from != null && from.getKind() == SqlKind.AS ? ((SqlCall) from).operand(0) : from;
        if (!(table instanceof SqlIdentifier)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "FOR " + st.strength
                    + " is supported only on a query of one table yet", from == null ? pos(st) : pos(from));
        }
        RelationName rn = RelationName.of((SqlIdentifier) table, pos(table), session == null ? null : session.databaseName());
        String refName = from.getKind() == SqlKind.AS ? ((SqlIdentifier) ((SqlCall) from).operand(1)).getSimple() : rn.name();
        for (SqlIdentifier of : st.of) {
            if (!of.isSimple() || !of.getSimple().equals(refName)) {
                throw PgException.atPosition(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", of.names)
                        + "\" in FOR " + st.strength + " clause not found in FROM clause", pos(of));
            }
        }
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        RelationDescriptor d;
        try {
            d = db.catalog().openRelation(tx, rn.schemaIn(session), rn.name(), LockMode.ROW_SHARE);
        } catch (PgException e) {
            throw e.position() == 0 ? e.withPosition(rn.position()) : e;
        }
        if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot lock rows in sequence \"" + d.name() + "\"");
        }
        Bound b = bind(select, order, offset, fetch, d, refName);
        int[] paramOids = new int[params.size()];
        for (int i = 0; i < paramOids.length; i++) {
            ParamSlot p = params.get(i);
            if (p.type == null && !p.referenced) {
                throw new PgException(SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter $" + (i + 1));
            }
            paramOids[i] = (p.type == null ? PgTypes.TEXT : p.type).oid();
        }
        WaitPolicy policy = st.nowait ? WaitPolicy.ERROR : st.skipLocked ? WaitPolicy.SKIP : WaitPolicy.BLOCK;
        boolean exclusive = st.strength.endsWith("UPDATE");
        return new WritePlan(paramOids, b.columns, (values, s) -> {
            DatabaseAccess sdb = s.database();
            Transaction stx = sdb.transaction();
            RelationDescriptor rel;
            try {
                rel = sdb.catalog().openRelation(stx, rn.schemaIn(s), rn.name(), LockMode.ROW_SHARE);
            } catch (PgException e) {
                throw e.position() == 0 ? e.withPosition(rn.position()) : e;
            }
            if (!rel.equals(b.table.rel)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
            }
            stx.startStatement();
            return run(b, values, s, sdb.heap(), stx, policy, exclusive);
        }).boundAtGeneration(org.pgmini.executor.query.PlanValidity.currentGeneration(session));
    }

    private static final class Bound {
        TargetTable table;
        Eval where;
        Eval[] targets;
        List<ColumnDescription> columns;
        Comparator<Object[]> order;
        /** Sort keys evaluated per table row: appended to the row copy the comparator reads. */
        Eval[] keys;
        Eval offset;
        Eval limit;
    }

    private Bound bind(SqlSelect select, SqlNodeList order, SqlNode offset, SqlNode fetch, RelationDescriptor d, String refName) {
        ExpressionAnalyzer a = new ExpressionAnalyzer(positions, params);
        Bound b = new Bound();
        b.table = TargetTable.bind(d, refName);
        a.setScope(b.table.scope);
        if (select.getWhere() != null) {
            Typed w = a.analyze(select.getWhere());
            if (w.isUnknown()) {
                w = Casts.coerce(w, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
            } else if (w.type != PgTypes.BOOL) {
                throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type "
                        + PgTypes.displayName(w.type), pos(select.getWhere()));
            }
            b.where = w.eval;
        }
        List<Eval> targets = new ArrayList<>();
        List<Typed> typed = new ArrayList<>();
        List<ColumnDescription> cols = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            if (item instanceof SqlIdentifier && ((SqlIdentifier) item).isStar()) {
                for (RelationDescriptor.Column c : d.columns()) {
                    if (!c.dropped()) {
                        int i = c.attnum() - 1;
                        Typed t = new Typed(b.table.types[i], c.typmod(), ctx -> ctx.row[i], false);
                        targets.add(t.eval);
                        typed.add(t);
                        cols.add(new ColumnDescription(c.name(), d.oid(), (short) c.attnum(), b.table.types[i], c.typmod()));
                    }
                }
                continue;
            }
            SqlNode expr = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            Typed t = a.analyze(expr);
            if (t.type == PgTypes.UNKNOWN) {
                t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            targets.add(t.eval);
            typed.add(t);
            cols.add(new ColumnDescription(ColumnNamer.name(item, spec -> a.typeOf(spec).type().name()), 0, (short) 0, t.type, t.typmod));
        }
        b.targets = targets.toArray(new Eval[0]);
        b.columns = List.copyOf(cols);
        if (order != null) {
            List<Eval> keys = new ArrayList<>();
            Comparator<Object[]> cmp = null;
            for (SqlNode item : order) {
                boolean desc = false;
                Boolean nullsFirst = null;
                SqlNode key = item;
                while (key.getKind() == SqlKind.DESCENDING || key.getKind() == SqlKind.NULLS_FIRST
                        || key.getKind() == SqlKind.NULLS_LAST) {
                    if (key.getKind() == SqlKind.DESCENDING) {
                        desc = true;
                    } else if (nullsFirst == null) {
                        nullsFirst = key.getKind() == SqlKind.NULLS_FIRST;
                    }
                    key = ((SqlCall) key).operand(0);
                }
                Typed kt;
                if (key instanceof SqlLiteral && ((SqlLiteral) key).getTypeName().getFamily()
                        == org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC) {
                    int n = ((SqlLiteral) key).intValue(true);
                    if (n < 1 || n > typed.size()) {
                        throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + n
                                + " is not in select list", pos(key));
                    }
                    kt = typed.get(n - 1);
                } else if (key instanceof SqlIdentifier && ((SqlIdentifier) key).isSimple()
                        && indexOf(cols, ((SqlIdentifier) key).getSimple()) >= 0) {
                    kt = typed.get(indexOf(cols, ((SqlIdentifier) key).getSimple()));
                } else {
                    kt = a.analyze(key);
                    if (kt.type == PgTypes.UNKNOWN) {
                        kt = Casts.coerce(kt, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
                    }
                }
                Catalog.Comparer c = Catalog.INSTANCE.comparerFor(kt.type);
                if (c == null) {
                    throw PgException.atPosition(SqlState.UNDEFINED_FUNCTION, "could not identify an ordering operator for type "
                            + PgTypes.displayName(kt.type), pos(key));
                }
                final int slot = keys.size();
                final boolean descending = desc;
                final boolean nf = nullsFirst != null ? nullsFirst : desc;
                keys.add(kt.eval);
                Comparator<Object[]> one = (x, y) -> {
                    Object p = x[slot];
                    Object q = y[slot];
                    if (p == null || q == null) {
                        return p == null ? (q == null ? 0 : (nf ? -1 : 1)) : (nf ? 1 : -1);
                    }
                    int r = c.compare(p, q);
                    return descending ? -r : r;
                };
                cmp = cmp == null ? one : cmp.thenComparing(one);
            }
            b.keys = keys.toArray(new Eval[0]);
            b.order = cmp;
        }
        b.offset = count(offset, a);
        b.limit = count(fetch, a);
        return b;
    }

    private static int indexOf(List<ColumnDescription> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Eval count(SqlNode n, ExpressionAnalyzer a) {
        if (n == null) {
            return null;
        }
        return Casts.coerce(a.analyze(n), PgTypes.INT8, -1, Casts.Context.IMPLICIT).eval;
    }

    private record Candidate(HeapTuple tuple, Object[] row, Object[] keys) {}

    private static org.pgmini.executor.api.ResultCursor run(Bound b, Object[] values, SessionContext s, Heap heap,
                                                            Transaction tx, WaitPolicy policy, boolean exclusive) {
        EvalContext c = new EvalContext(values, s);
        HeapRelation rel = b.table.rel.heapRelation();
        List<Candidate> candidates = new ArrayList<>();
        try (HeapScan scan = heap.beginScan(rel, tx.snapshot(), tx)) {
            while (scan.hasNext()) {
                s.checkForInterrupts();
                HeapTuple t = scan.next();
                Object[] row = b.table.fromStorage(t.values(rel.desc()));
                c.row = row;
                if (b.where != null && !Boolean.TRUE.equals(b.where.eval(c))) {
                    continue;
                }
                Object[] keys = null;
                if (b.keys != null) {
                    keys = new Object[b.keys.length];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = b.keys[i].eval(c);
                    }
                }
                candidates.add(new Candidate(t, row, keys));
            }
        }
        if (b.order != null) {
            candidates.sort((x, y) -> b.order.compare(x.keys, y.keys));
        }
        long skip = b.offset == null ? 0 : nonNegative(b.offset.eval(c), "OFFSET");
        Long limit = b.limit == null ? null : (Long) b.limit.eval(c);
        if (limit != null && limit < 0) {
            throw new PgException("2201W", "LIMIT must not be negative");
        }
        List<Object[]> out = new ArrayList<>();
        for (Candidate cand : candidates) {
            if (limit != null && out.size() >= limit) {
                break;
            }
            s.checkForInterrupts();
            Object[] row = lock(cand, b, c, heap, rel, tx, policy, exclusive);
            if (row == null) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            c.row = row;
            Object[] r = new Object[b.targets.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = b.targets[i].eval(c);
            }
            out.add(r);
        }
        return WritePlan.result(out, "SELECT " + out.size());
    }

    private static long nonNegative(Object v, String what) {
        long n = v == null ? 0 : (Long) v;
        if (n < 0) {
            throw new PgException("2201X", what + " must not be negative");
        }
        return n;
    }

    /** Locks the candidate's row, following updates under READ COMMITTED; the locked version's values, or null if gone/skipped. */
    private static Object[] lock(Candidate cand, Bound b, EvalContext c, Heap heap, HeapRelation rel, Transaction tx,
                                 WaitPolicy policy, boolean exclusive) {
        HeapTuple current = cand.tuple;
        Object[] row = cand.row;
        while (true) {
            HeapResult r = heap.lockTuple(rel, current.self(), tx, tx.commandId(), policy, exclusive);
            if (r.ok()) {
                return row;
            }
            current = RowConflicts.newerVersion(tx, heap, rel, r);
            if (current == null) {
                return null;
            }
            row = b.table.fromStorage(current.values(rel.desc()));
            c.row = row;
            if (b.where != null && !Boolean.TRUE.equals(b.where.eval(c))) {
                return null;
            }
        }
    }
}
