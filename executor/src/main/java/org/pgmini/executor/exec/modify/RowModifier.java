package org.pgmini.executor.exec.modify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.xact.RowConflicts;
import org.pgmini.storage.xact.Transaction;

/**
 * The heap side of INSERT, UPDATE and DELETE on one table (ExecInsert/ExecUpdate/ExecDelete):
 * constraints checked before a row is written, values converted through StorageValues, and
 * PostgreSQL's handling of concurrent changes. The rows to update or delete come from the read
 * path's scan (query.SelectPlanner.planFrom, ctid included), not from here.
 *
 * <p>Concurrency (the write path's invariants):
 * <ul>
 * <li>UPDATE/DELETE read the rows with the statement's snapshot (taken after the table's
 *     RowExclusiveLock). Versions this command writes carry the current command id, which the
 *     snapshot does not see, so a row is never updated twice by one statement (a second join
 *     row for the same target row finds it SELF_MODIFIED and is skipped).</li>
 * <li>A row being changed by a concurrent transaction: the heap waits (WaitPolicy.BLOCK,
 *     through the lock manager, so deadlocks are detected). If that transaction committed a
 *     change, REPEATABLE READ raises 40001; READ COMMITTED follows the ctid chain to the newest
 *     version ({@link RowConflicts#newerVersion}), re-checks the statement's conditions on it
 *     and, if it still qualifies, recomputes the new values from it and tries again
 *     (EvalPlanQual). A row deleted meanwhile is skipped.</li>
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
    /** The table's indexes: every new heap tuple gets its entries right after it is written. */
    private final TableIndexes indexes;
    private final BTree btree;

    public RowModifier(Heap heap, Transaction tx, TargetTable table, SessionContext session, EvalContext c) {
        this.heap = heap;
        this.tx = tx;
        this.table = table;
        this.rel = table.rel.heapRelation();
        this.session = session;
        this.c = c;
        this.indexes = table.indexes();
        this.btree = indexes.isEmpty() ? null : session.database().btree();
        this.unique = new UniqueKeys(table, indexes, btree);
    }

    /** After a 23505 from {@link #insert}: the index of the duplicate row in the list it was given, or -1. */
    public int duplicateRowIndex() {
        return unique.conflictRow();
    }

    /**
     * INSERT of rows (executor values, one slot per attnum): NOT NULL and CHECK per row, then
     * the unique keys of all rows at once (an index probe per key), then one batched heap insert
     * and the index entries;
     * {@code inserted} gets each row in order.
     */
    public long insert(List<Object[]> rows, Consumer<Object[]> inserted) {
        for (Object[] row : rows) {
            session.checkForInterrupts();
            table.checkConstraints(row, c, session);
        }
        if (!unique.isEmpty()) {
            unique.check(heap, tx, session, rows);
        }
        // one heap call for all rows: pages are filled under one lock and logged once each
        List<Object[]> stored = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            stored.add(table.toStorage(row));
        }
        ItemPointer[] tids = heap.insertBatch(rel, stored, tx, tx.commandId());
        for (int i = 0; i < rows.size(); i++) {
            if (btree != null) {
                indexes.insert(btree, stored.get(i), tids[i]);
            }
            inserted.accept(rows.get(i));
        }
        return rows.size();
    }

    /**
     * UPDATE of the row version at {@code tid} whose values were {@code row} (executor values,
     * one slot per attnum): {@code newValues} computes the new row from the current version,
     * which is constraint-checked and written. On a concurrent change: REPEATABLE READ 40001;
     * READ COMMITTED follows the ctid chain, asks {@code stillQualifies} about the newest version
     * (EvalPlanQual) and retries with it. Returns the new row, or null when nothing was updated
     * (the row is gone, no longer qualifies, or this statement already changed it).
     */
    public Object[] updateRow(ItemPointer tid, Object[] row, UnaryOperator<Object[]> newValues, Predicate<Object[]> stillQualifies) {
        ItemPointer current = tid;
        while (true) {
            Object[] next = newValues.apply(row);
            table.checkConstraints(next, c, session);
            if (!unique.isEmpty()) {
                unique.checkUpdate(heap, tx, session, current, row, next);
            }
            Object[] stored = table.toStorage(next);
            HeapResult r = heap.update(rel, current, stored, tx, tx.commandId(), WaitPolicy.BLOCK);
            if (r.ok()) {
                if (btree != null) {
                    indexes.insert(btree, stored, r.newTid()); // no HOT: every new version gets entries
                }
                return next;
            }
            unique.removed(next);
            HeapTuple newer = RowConflicts.newerVersion(tx, heap, rel, r);
            if (newer == null) {
                return null;
            }
            row = table.fromStorage(newer.values(rel.desc()));
            if (!stillQualifies.test(row)) {
                return null;
            }
            current = newer.self();
        }
    }

    /**
     * DELETE of the row version at {@code tid} whose values were {@code row}, with the same
     * handling of concurrent changes as {@link #updateRow}. Returns the deleted version's values,
     * or null when nothing was deleted.
     */
    public Object[] deleteRow(ItemPointer tid, Object[] row, Predicate<Object[]> stillQualifies) {
        ItemPointer current = tid;
        while (true) {
            unique.lockKeysOf(tx, row);
            HeapResult r = heap.delete(rel, current, tx, tx.commandId(), WaitPolicy.BLOCK);
            if (r.ok()) {
                unique.forget(current);
                unique.removed(row);
                return row;
            }
            HeapTuple newer = RowConflicts.newerVersion(tx, heap, rel, r);
            if (newer == null) {
                return null;
            }
            row = table.fromStorage(newer.values(rel.desc()));
            if (!stillQualifies.test(row)) {
                return null;
            }
            current = newer.self();
        }
    }
}
