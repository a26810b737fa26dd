package org.pgmini.storage.xact;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.WaitPolicy;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What UPDATE/DELETE/SELECT FOR UPDATE do when the heap reports that the row they found was
 * changed by a concurrent transaction that has committed (ExecUpdate/ExecDelete's TM_Updated
 * and TM_Deleted cases, with EvalPlanQual reduced to "re-evaluate the newest version"):
 * REPEATABLE READ raises 40001; READ COMMITTED follows the update chain to the newest version
 * and lets the caller re-check its WHERE clause on it.
 */
public final class RowConflicts {
    private RowConflicts() {}

    /**
     * For a failed heap result: REPEATABLE READ → 40001; READ COMMITTED → the newer version to
     * re-evaluate (UPDATED), or null when the row is gone (DELETED, or its slot was reused).
     * SELF_MODIFIED and INVISIBLE also give null (the row is skipped, as in PostgreSQL).
     */
    public static HeapTuple newerVersion(Transaction tx, Heap heap, HeapRelation rel, HeapResult r) {
        switch (r.result()) {
            case UPDATED -> {
                if (tx.isolation().usesTransactionSnapshot()) throw serializationFailure("update");
                return heap.fetchNextVersion(rel, r);
            }
            case DELETED -> {
                if (tx.isolation().usesTransactionSnapshot()) throw serializationFailure("delete");
                return null;
            }
            case SELF_MODIFIED, INVISIBLE, WOULD_BLOCK -> { return null; }
            default -> throw new IllegalArgumentException("not a failed heap result: " + r.result());
        }
    }

    /**
     * UPDATE of one row with READ COMMITTED re-checks: {@code newValues} maps the current
     * values of the row to the new values, or to null when the row no longer qualifies (the
     * WHERE clause re-checked on a newer version). Returns the successful heap result, or null
     * when no row was updated.
     */
    public static HeapResult update(Transaction tx, Heap heap, HeapRelation rel, HeapTuple row,
                                    UnaryOperator<Object[]> newValues, WaitPolicy wait) {
        HeapTuple current = row;
        while (current != null) {
            Object[] values = newValues.apply(current.values(rel.desc()));
            if (values == null) return null;
            HeapResult r = heap.update(rel, current.self(), values, tx, tx.commandId(), wait);
            if (r.ok()) return r;
            current = newerVersion(tx, heap, rel, r);
        }
        return null;
    }

    /** DELETE of one row with READ COMMITTED re-checks of {@code stillQualifies}; null when nothing was deleted. */
    public static HeapResult delete(Transaction tx, Heap heap, HeapRelation rel, HeapTuple row,
                                    Predicate<Object[]> stillQualifies, WaitPolicy wait) {
        HeapTuple current = row;
        boolean first = true;
        while (current != null) {
            if (!first && !stillQualifies.test(current.values(rel.desc()))) return null;
            first = false;
            HeapResult r = heap.delete(rel, current.self(), tx, tx.commandId(), wait);
            if (r.ok()) return r;
            current = newerVersion(tx, heap, rel, r);
        }
        return null;
    }

    private static PgException serializationFailure(String what) {
        return new PgException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent " + what);
    }
}
