package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.AssignmentCoercion;
import org.pgmini.executor.exec.modify.RowModifier;
import org.pgmini.executor.exec.modify.TargetTable;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;
import org.pgmini.executor.expr.Scope;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.parser.ast.PgDml;
import org.pgmini.executor.parser.ast.PgWriteStatement;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * INSERT / UPDATE / DELETE on one table. Parse analysis binds the statement to the table as the
 * catalog describes it at prepare time: target columns, assignment coercions, WHERE, RETURNING;
 * that fixes the parameter types and the RETURNING columns Describe reports. Execution opens
 * the table with RowExclusiveLock, and if its description changed since (DDL committed in
 * between: the plan is cached and shared), binds again with the same parameter types; a changed
 * RETURNING row type is PostgreSQL's 0A000 "cached plan must not change result type".
 */
final class ModifyPlanner extends TableStatementPlanner {
    ModifyPlanner(ExpressionAnalyzer.PositionMapper positions, List<ParamSlot> params, SessionContext session) {
        super(positions, params, session);
    }

    /**
     * The binding executions use, and the descriptor object last found to describe its table
     * ({@code seen}: identical to, or equal to, {@code bound.table.rel}). One object, replaced
     * as a whole, so that a check against {@code seen} always refers to the bound it came with.
     */
    private record Binding(Bound bound, RelationDescriptor seen) {}

    /** What a statement is after binding to one version of its table. */
    private static final class Bound {
        TargetTable table;
        /** INSERT and UPDATE: the attnums assigned, in statement order. */
        int[] targets;
        /** INSERT: per VALUES row, one Eval per target (null = DEFAULT). */
        List<Eval[]> rows;
        /** INSERT ... query: the planned query, and per target its value from the query's row. */
        PreparedQuery query;
        Eval[] queryColumns;
        /** UPDATE: one Eval per target (null = DEFAULT). */
        Eval[] assignments;
        /** UPDATE/DELETE: the read path's FROM plan (target table first, then FROM/USING items). */
        org.pgmini.executor.exec.PlanNode source;
        /** Where the target's attributes start in the FROM row, and its ctid's slot. */
        int first;
        int ctidSlot;
        /** The whole WHERE over the FROM row, for re-checks of a newer row version. */
        Eval where;
        Eval[] returning;
        List<org.pgmini.executor.query.SelectPlanner.TableSlot> fromTables;
        List<ColumnDescription> columns = List.of();
    }

    PreparedQuery plan(PgWriteStatement st) {
        SqlIdentifier tableId;
        SqlIdentifier alias;
        if (st instanceof PgDml.Insert) {
            tableId = ((PgDml.Insert) st).table;
            alias = ((PgDml.Insert) st).alias;
        } else if (st instanceof PgDml.Update) {
            tableId = ((PgDml.Update) st).table;
            alias = ((PgDml.Update) st).alias;
        } else {
            tableId = ((PgDml.Delete) st).table;
            alias = ((PgDml.Delete) st).alias;
        }
        RelationName rn = RelationName.of(tableId, pos(tableId), session == null ? null : session.databaseName());
        String refName = alias != null ? alias.getSimple() : rn.name();
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        // parse analysis locks the table as PostgreSQL's does, so a concurrent DDL is waited for
        // here and the statement is bound to the table as it is after that DDL
        RelationDescriptor d = open(session, db.catalog(), tx, rn);
        Bound first = bind(st, d, refName, new ExpressionAnalyzer(positions, params), params);
        int[] paramOids = new int[params.size()];
        int[] paramPositions = new int[params.size()];
        for (int i = 0; i < paramOids.length; i++) {
            ParamSlot p = params.get(i);
            if (p.type == null && !p.referenced) {
                throw new PgException(SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter $" + (i + 1));
            }
            if (p.type == null) {
                p.type = PgTypes.TEXT;
            }
            paramOids[i] = p.type.oid();
            paramPositions[i] = p.firstPosition;
        }
        AtomicReference<Binding> current = new AtomicReference<>(new Binding(first, first.table.rel));
        WritePlan.Action action = (values, s) -> {
            if (values.length < paramOids.length) {
                throw missingParameter(values.length, paramPositions);
            }
            DatabaseAccess sdb = s.database();
            Transaction stx = sdb.transaction();
            RelationDescriptor rel = open(s, sdb.catalog(), stx, rn);
            stx.startStatement();
            Binding binding = current.get();
            Bound b = binding.bound;
            if (rel != binding.seen) {
                if (b.table.rel.equals(rel)) {
                    // the same description in a new object (the relation cache was refilled):
                    // remember it, so later executions skip the deep comparison
                    current.compareAndSet(binding, new Binding(b, rel));
                } else {
                    // the plan is shared: re-bind in the executing session, never the one that prepared it
                    b = new ModifyPlanner(positions, new ArrayList<>(), s).rebind(st, rel, refName, paramOids, first.columns);
                    current.set(new Binding(b, rel));
                }
            }
            return run(st, b, values, s, sdb, stx);
        };
        return new WritePlan(paramOids, first.columns, action)
                .boundAtGeneration(org.pgmini.executor.query.PlanValidity.currentGeneration(session));
    }

    private static PgException missingParameter(int bound, int[] positions) {
        int best = bound;
        for (int i = bound; i < positions.length; i++) {
            if (positions[i] > 0 && (positions[best] == 0 || positions[i] < positions[best])) {
                best = i;
            }
        }
        return PgException.atPosition(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (best + 1), positions[best]);
    }

    private static RelationDescriptor open(SessionContext s, Catalog cat, Transaction tx, RelationName rn) {
        try {
            RelationDescriptor d;
            try {
                d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.ROW_EXCLUSIVE);
            } catch (PgException gone) {
                if (rn.schema() != null || !SqlState.UNDEFINED_TABLE.equals(gone.sqlState())) {
                    throw gone;
                }
                // The table search_path named was dropped while we waited for its lock: look the
                // unqualified name up again, as PostgreSQL does after such a wait (it may now mean
                // a table of a later schema, or nothing: then the error names it as written).
                d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.ROW_EXCLUSIVE);
            }
            if (d.relkind() == RelationDescriptor.RELKIND_VIEW) {
                // PostgreSQL updates simple views through them; pgmini does not yet
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "INSERT, UPDATE and DELETE on views are not supported");
            }
            return d;
        } catch (PgException e) {
            throw e.position() == 0 ? e.withPosition(rn.position()) : e;
        }
    }

    private Bound rebind(PgWriteStatement st, RelationDescriptor rel, String refName, int[] paramOids,
                         List<ColumnDescription> columns) {
        List<ParamSlot> slots = new ArrayList<>();
        for (int i = 0; i < paramOids.length; i++) {
            ParamSlot p = new ParamSlot(i, PgTypes.byOid(paramOids[i]));
            p.referenced = true;
            slots.add(p);
        }
        Bound b = bind(st, rel, refName, new ExpressionAnalyzer(positions, slots), slots);
        boolean same = b.columns.size() == columns.size();
        for (int i = 0; same && i < columns.size(); i++) {
            same = b.columns.get(i).type() == columns.get(i).type();
        }
        if (!same) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
        }
        return b;
    }

    // ------------------------------------------------------------------ binding

    private Bound bind(PgWriteStatement st, RelationDescriptor d, String refName, ExpressionAnalyzer a, List<ParamSlot> slots) {
        if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, d.relkind() == RelationDescriptor.RELKIND_SEQUENCE
                    ? "cannot change sequence \"" + d.name() + "\"" : "cannot change relation \"" + d.name() + "\"");
        }
        Bound b = new Bound();
        b.table = TargetTable.bind(d, refName);
        SqlNodeList returning;
        if (st instanceof PgDml.Insert) {
            bindInsert((PgDml.Insert) st, b, a, slots);
            returning = ((PgDml.Insert) st).returning;
        } else if (st instanceof PgDml.Update) {
            PgDml.Update u = (PgDml.Update) st;
            b.targets = targetColumns(new SqlNodeList(u.targets, u.getParserPosition()), b.table, true);
            planSource(b, a, u.table, u.alias, u.from, u.where);
            b.assignments = new Eval[b.targets.length];
            for (int i = 0; i < b.targets.length; i++) {
                b.assignments[i] = assigned(u.values.get(i), b.table, b.targets[i], a);
            }
            returning = u.returning;
        } else {
            PgDml.Delete del = (PgDml.Delete) st;
            planSource(b, a, del.table, del.alias, del.using, del.where);
            returning = del.returning;
        }
        if (returning != null) {
            bindReturning(returning, b, a);
        }
        return b;
    }

    private int[] targetColumns(SqlNodeList columns, TargetTable t, boolean update) {
        List<Integer> out = new ArrayList<>();
        if (columns == null) {
            for (RelationDescriptor.Column c : t.rel.columns()) {
                if (!c.dropped()) {
                    out.add(c.attnum());
                }
            }
        } else {
            Set<String> seen = new HashSet<>();
            for (SqlNode n : columns) {
                String name = ((SqlIdentifier) n).getSimple();
                RelationDescriptor.Column c = t.column(name);
                if (c == null) {
                    throw PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                            + t.rel.name() + "\" does not exist", pos(n));
                }
                if (!seen.add(name)) {
                    throw update ? new PgException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \""
                            + name + "\"")
                            : PgException.atPosition(SqlState.DUPLICATE_COLUMN, "column \"" + name
                            + "\" specified more than once", pos(n));
                }
                out.add(c.attnum());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private Eval assigned(SqlNode value, TargetTable t, int attnum, ExpressionAnalyzer a) {
        if (value.getKind() == SqlKind.DEFAULT) {
            return null;
        }
        RelationDescriptor.Column c = t.rel.columns().get(attnum - 1);
        Typed typed = a.analyze(value);
        return AssignmentCoercion.coerce(typed, t.types[attnum - 1], c.typmod(), c.name(), pos(value)).eval;
    }

    private void bindInsert(PgDml.Insert st, Bound b, ExpressionAnalyzer a, List<ParamSlot> slots) {
        int[] targets = targetColumns(st.columns, b.table, false);
        b.rows = new ArrayList<>();
        a.setScope(Scope.EMPTY);
        if (st.source == null) {
            b.targets = new int[0];
            b.rows.add(new Eval[0]);
            return;
        }
        if (st.source.getKind() != SqlKind.VALUES) {
            bindInsertQuery(st, b, targets, slots);
            return;
        }
        List<SqlNode> rows = ((SqlCall) st.source).getOperandList();
        int width = ((SqlCall) rows.get(0)).operandCount();
        for (SqlNode row : rows) {
            if (((SqlCall) row).operandCount() != width) {
                // PostgreSQL points at the first expression of the offending list
                SqlNode at = ((SqlCall) row).operandCount() > 0 ? ((SqlCall) row).operand(0) : row;
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", pos(at));
            }
        }
        List<SqlNode> firstRow = ((SqlCall) rows.get(0)).getOperandList();
        if (width > targets.length) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                    pos(firstRow.get(targets.length)));
        }
        if (width < targets.length) {
            if (st.columns != null) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                        pos(st.columns.get(width)));
            }
            int[] shorter = new int[width];
            System.arraycopy(targets, 0, shorter, 0, width);
            targets = shorter;
        }
        b.targets = targets;
        for (SqlNode row : rows) {
            List<SqlNode> cells = ((SqlCall) row).getOperandList();
            Eval[] evals = new Eval[width];
            for (int i = 0; i < width; i++) {
                evals[i] = assigned(cells.get(i), b.table, targets[i], a);
            }
            b.rows.add(evals);
        }
    }

    /** INSERT ... query: the read path plans the query; each output column is assigned to its target. */
    private void bindInsertQuery(PgDml.Insert st, Bound b, int[] targets, List<ParamSlot> slots) {
        QuerySource q = QuerySource.plan(st.source, positions, slots, session);
        int width = q.columns.size();
        if (width > targets.length) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                    q.position(targets.length));
        }
        if (width < targets.length) {
            if (st.columns != null) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                        pos(st.columns.get(width)));
            }
            int[] shorter = new int[width];
            System.arraycopy(targets, 0, shorter, 0, width);
            targets = shorter;
        }
        b.targets = targets;
        b.query = q.plan;
        b.queryColumns = new Eval[width];
        for (int i = 0; i < width; i++) {
            RelationDescriptor.Column c = b.table.rel.columns().get(targets[i] - 1);
            b.queryColumns[i] = AssignmentCoercion.coerce(q.column(i), b.table.types[targets[i] - 1], c.typmod(), c.name(),
                    q.position(i)).eval;
        }
    }

    /**
     * The rows UPDATE/DELETE change come from the read path: {@code SelectPlanner.planFrom} over
     * the target table (first) joined with the FROM/USING items, filtered by WHERE, each row
     * carrying the target's ctid. Expressions (SET, RETURNING, the WHERE re-check) are analysed
     * over that FROM row through the planner's scope hook.
     */
    private void planSource(Bound b, ExpressionAnalyzer a, SqlIdentifier table, SqlIdentifier alias, SqlNode extra,
                            SqlNode where) {
        SqlParserPos p = table.getParserPosition();
        SqlNode target = alias == null ? table : SqlStdOperatorTable.AS.createCall(p, table, alias);
        SqlNode from = extra == null ? target : new SqlJoin(p, target, SqlLiteral.createBoolean(false, p),
                JoinType.COMMA.symbol(p), extra, JoinConditionType.NONE.symbol(p), null);
        org.pgmini.executor.query.SelectPlanner.FromPlan fp =
                new org.pgmini.executor.query.SelectPlanner(a, positions, session).planFrom(from, where);
        org.pgmini.executor.query.SelectPlanner.TableSlot t = fp.tables().get(0);
        if (t.relation().oid() != b.table.rel.oid()) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "the target table resolved differently through search_path",
                    pos(table));
        }
        a.setHook(fp.scope());
        b.source = fp.root();
        b.first = t.firstSlot();
        b.ctidSlot = t.ctidSlot();
        b.where = where(where, a);
        b.fromTables = fp.tables();
    }

    private Eval where(SqlNode where, ExpressionAnalyzer a) {
        if (where == null) {
            return null;
        }
        Typed w = a.analyze(where);
        if (w.isUnknown()) {
            w = Casts.coerce(w, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
        } else if (w.type != PgTypes.BOOL) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type "
                    + PgTypes.displayName(w.type), pos(where));
        }
        return w.eval;
    }

    private void bindReturning(SqlNodeList items, Bound b, ExpressionAnalyzer a) {
        if (b.source == null) {
            a.setScope(b.table.scope);
        }
        List<Eval> evals = new ArrayList<>();
        List<ColumnDescription> cols = new ArrayList<>();
        RelationDescriptor d = b.table.rel;
        for (SqlNode item : items) {
            if (item instanceof SqlIdentifier && ((SqlIdentifier) item).isStar()) {
                SqlIdentifier id = (SqlIdentifier) item;
                if (id.names.size() == 2 && !id.names.get(0).equals(b.table.refName)) {
                    throw PgException.atPosition(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                            + id.names.get(0) + "\"", pos(item));
                }
                List<org.pgmini.executor.query.SelectPlanner.TableSlot> tables = b.fromTables != null && id.names.size() == 1
                        ? b.fromTables : List.of(new org.pgmini.executor.query.SelectPlanner.TableSlot(b.table.refName, d, b.first, -1));
                for (org.pgmini.executor.query.SelectPlanner.TableSlot ts : tables) {
                    for (RelationDescriptor.Column c : ts.relation().columns()) {
                        if (c.dropped()) {
                            continue;
                        }
                        int i = ts.firstSlot() + c.attnum() - 1;
                        org.pgmini.executor.types.PgType type = PgTypes.byOid(c.typeOid());
                        evals.add(ctx -> ctx.row[i]);
                        cols.add(new ColumnDescription(c.name(), ts.relation().oid(), (short) c.attnum(), type, c.typmod()));
                    }
                }
                continue;
            }
            SqlNode expr = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            Typed t = a.analyze(expr);
            if (t.type == PgTypes.UNKNOWN) {
                t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            evals.add(t.eval);
            String name = ColumnNamer.name(item, spec -> a.typeOf(spec).type().name());
            cols.add(new ColumnDescription(name, 0, (short) 0, t.type, t.typmod));
        }
        b.returning = evals.toArray(new Eval[0]);
        b.columns = List.copyOf(cols);
    }

    // ------------------------------------------------------------------ execution

    private static ResultCursor run(PgWriteStatement st, Bound b, Object[] values, SessionContext s, DatabaseAccess db,
                                    Transaction tx) {
        EvalContext c = new EvalContext(values, s);
        List<Object[]> out = new ArrayList<>();
        RowModifier m = new RowModifier(db.heap(), tx, b.table, s, c);
        long count;
        String tag;
        if (st instanceof PgDml.Insert && b.query != null) {
            count = insertFromQuery(b, values, s, m, c, out);
            tag = "INSERT 0 " + count;
        } else if (st instanceof PgDml.Insert) {
            List<Object[]> rows = new ArrayList<>(b.rows.size());
            for (Eval[] row : b.rows) {
                s.checkForInterrupts();
                Object[] r = b.table.defaultRow(c, b.targets);
                for (int i = 0; i < b.targets.length; i++) {
                    int attnum = b.targets[i];
                    r[attnum - 1] = row[i] == null ? b.table.defaultValue(attnum, c) : row[i].eval(c);
                }
                rows.add(r);
            }
            count = m.insert(rows, r -> returning(b, r, c, out));
            tag = "INSERT 0 " + count;
        } else {
            boolean update = st instanceof PgDml.Update;
            count = 0;
            int n = b.table.types.length;
            try (org.pgmini.executor.exec.ExecState es = new org.pgmini.executor.exec.ExecState(s, c, db);
                 org.pgmini.executor.exec.Cursor cur = es.open(b.source)) {
                Object[] fromRow;
                while ((fromRow = cur.next()) != null) {
                    s.checkForInterrupts();
                    Object[] full = fromRow.clone();
                    ItemPointer tid = (ItemPointer) full[b.ctidSlot];
                    Object[] old = Arrays.copyOfRange(full, b.first, b.first + n);
                    // a newer version of the target row is put into the FROM row for the re-check
                    java.util.function.Predicate<Object[]> stillQualifies = version -> {
                        System.arraycopy(version, 0, full, b.first, n);
                        c.row = full;
                        return b.where == null || Boolean.TRUE.equals(b.where.eval(c));
                    };
                    Object[] done;
                    if (update) {
                        done = m.updateRow(tid, old, version -> newValues(b, version, full, c), stillQualifies);
                    } else {
                        done = m.deleteRow(tid, old, stillQualifies);
                    }
                    if (done != null) {
                        count++;
                        System.arraycopy(done, 0, full, b.first, n);
                        returning(b, full, c, out);
                    }
                }
            }
            tag = (update ? "UPDATE " : "DELETE ") + count;
        }
        if (count > 0) {
            tx.commandCounterIncrement();
        }
        return WritePlan.result(out, tag);
    }

    /** Rows are inserted in batches while the query's cursor is read (bounded memory; one unique-key scan per batch). */
    private static long insertFromQuery(Bound b, Object[] values, SessionContext s, RowModifier m, EvalContext c,
                                        List<Object[]> out) {
        long count = 0;
        List<Object[]> batch = new ArrayList<>();
        // ptapes: consumed whole, so a parallel sort may merge the workers' tapes
        try (ResultCursor cur = org.pgmini.executor.query.WholeResultSorts.execute(b.query, values, s)) {
            Object[] src;
            while ((src = cur.next()) != null) {
                s.checkForInterrupts();
                c.row = src;
                Object[] r = b.table.defaultRow(c, b.targets);
                for (int i = 0; i < b.targets.length; i++) {
                    r[b.targets[i] - 1] = b.queryColumns[i].eval(c);
                }
                batch.add(r);
                if (batch.size() == INSERT_BATCH) {
                    count += m.insert(batch, r2 -> returning(b, r2, c, out));
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            count += m.insert(batch, r2 -> returning(b, r2, c, out));
        }
        return count;
    }

    private static final int INSERT_BATCH = 4096;

    /** SET: the new target row from the current version, the SET expressions seeing the whole FROM row. */
    private static Object[] newValues(Bound b, Object[] version, Object[] full, EvalContext c) {
        System.arraycopy(version, 0, full, b.first, version.length);
        c.row = full;
        Object[] computed = new Object[b.targets.length];
        for (int i = 0; i < b.targets.length; i++) {
            computed[i] = b.assignments[i] == null ? b.table.defaultValue(b.targets[i], c) : b.assignments[i].eval(c);
        }
        Object[] r = version.clone();
        for (int i = 0; i < b.targets.length; i++) {
            r[b.targets[i] - 1] = computed[i];
        }
        return r;
    }

    private static void returning(Bound b, Object[] row, EvalContext c, List<Object[]> out) {
        if (b.returning == null) {
            return;
        }
        Object[] saved = c.row;
        c.row = row;
        Object[] r = new Object[b.returning.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = b.returning[i].eval(c);
        }
        c.row = saved;
        out.add(r);
    }
}
