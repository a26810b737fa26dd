package org.pgmini.executor.exec.modify;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.xact.RowConflicts;
import org.pgmini.storage.xact.Transaction;

/**
 * The heap side of INSERT, UPDATE and DELETE on one table (ExecInsert/ExecUpdate/ExecDelete):
 * constraints checked before a row is written, values converted through StorageValues, and
 * PostgreSQL's handling of concurrent changes.
 *
 * <p>Concurrency (the write path's invariants):
 * <ul>
 * <li>UPDATE/DELETE scan with the statement's snapshot ({@link Transaction#snapshot()}, taken by
 *     {@code startStatement} after the table's RowExclusiveLock). Versions this command writes
 *     carry the current command id, which the snapshot does not see, so a row is never updated
 *     twice by one statement.</li>
 * <li>A row being changed by a concurrent transaction: the heap waits for it (WaitPolicy.BLOCK,
 *     through the lock manager, so deadlocks are detected). If that transaction committed a
 *     change, REPEATABLE READ raises 40001; READ COMMITTED follows the ctid chain to the newest
 *     version ({@link RowConflicts#newerVersion}), re-checks the WHERE clause on it and, if it
 *     still qualifies, recomputes the new values from it and tries again (EvalPlanQual). A row
 *     deleted meanwhile is skipped.</li>
 * </ul>
 * One per statement execution; session thread only.
 */
public final class RowModifier {
    private final Heap heap;
    private final Transaction tx;
    private final TargetTable table;
    private final HeapRelation rel;
    private final SessionContext session;
    private final EvalContext c;
    private final UniqueKeys unique;

    public RowModifier(Heap heap, Transaction tx, TargetTable table, SessionContext session, EvalContext c) {
        this.heap = heap;
        this.tx = tx;
        this.table = table;
        this.rel = table.rel.heapRelation();
        this.session = session;
        this.c = c;
        this.unique = new UniqueKeys(table);
    }

    /**
     * INSERT of rows (executor values, one slot per attnum): NOT NULL and CHECK per row, then
     * the unique keys of all rows at once (one scan of the table), then the heap inserts;
     * {@code inserted} gets each row in order.
     */
    public long insert(List<Object[]> rows, Consumer<Object[]> inserted) {
        for (Object[] row : rows) {
            session.checkForInterrupts();
            table.checkConstraints(row, c, session);
            if (unique.isEmpty()) {
                heap.insert(rel, table.toStorage(row), tx, tx.commandId());
                inserted.accept(row);
            }
        }
        if (!unique.isEmpty()) {
            unique.check(heap, tx, session, rows);
            for (Object[] row : rows) {
                heap.insert(rel, table.toStorage(row), tx, tx.commandId());
                inserted.accept(row);
            }
        }
        return rows.size();
    }

    private boolean qualifies(Eval where, Object[] row) {
        if (where == null) {
            return true;
        }
        c.row = row;
        return Boolean.TRUE.equals(where.eval(c));
    }

    /**
     * UPDATE: for each row the snapshot sees that satisfies {@code where}, {@code newValues}
     * (called with {@code c.row} = the current version) computes the new row, which is
     * constraint-checked and written; {@code updated} gets each new row. Returns the count.
     */
    public long update(Eval where, UnaryOperator<Object[]> newValues, Consumer<Object[]> updated) {
        Snapshot snap = tx.snapshot();
        long count = 0;
        try (HeapScan scan = heap.beginScan(rel, snap, tx)) {
            while (scan.hasNext()) {
                session.checkForInterrupts();
                HeapTuple t = scan.next();
                Object[] row = table.fromStorage(t.values(rel.desc()));
                if (!qualifies(where, row)) {
                    continue;
                }
                HeapTuple current = t;
                while (true) {
                    c.row = row;
                    Object[] next = newValues.apply(row);
                    table.checkConstraints(next, c, session);
                    if (!unique.isEmpty()) {
                        unique.checkUpdate(heap, tx, session, current.self(), row, next);
                    }
                    HeapResult r = heap.update(rel, current.self(), table.toStorage(next), tx, tx.commandId(), WaitPolicy.BLOCK);
                    if (r.ok()) {
                        count++;
                        updated.accept(next);
                        break;
                    }
                    unique.removed(next);
                    current = RowConflicts.newerVersion(tx, heap, rel, r);
                    if (current == null) {
                        break;
                    }
                    row = table.fromStorage(current.values(rel.desc()));
                    if (!qualifies(where, row)) {
                        break;
                    }
                }
            }
        }
        return count;
    }

    /** DELETE: each row the snapshot sees that satisfies {@code where}; {@code deleted} gets each deleted row. */
    public long delete(Eval where, Consumer<Object[]> deleted) {
        Snapshot snap = tx.snapshot();
        long count = 0;
        try (HeapScan scan = heap.beginScan(rel, snap, tx)) {
            while (scan.hasNext()) {
                session.checkForInterrupts();
                HeapTuple t = scan.next();
                Object[] row = table.fromStorage(t.values(rel.desc()));
                if (!qualifies(where, row)) {
                    continue;
                }
                HeapTuple current = t;
                while (true) {
                    unique.lockKeysOf(tx, row);
                    HeapResult r = heap.delete(rel, current.self(), tx, tx.commandId(), WaitPolicy.BLOCK);
                    if (r.ok()) {
                        unique.forget(current.self());
                        unique.removed(row);
                        count++;
                        deleted.accept(row);
                        break;
                    }
                    current = RowConflicts.newerVersion(tx, heap, rel, r);
                    if (current == null) {
                        break;
                    }
                    row = table.fromStorage(current.values(rel.desc()));
                    if (!qualifies(where, row)) {
                        break;
                    }
                }
            }
        }
        return count;
    }
}
