package org.pgmini.executor.exec.modify;

import java.util.SortedSet;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.index.IndexRelation;

/**
 * VACUUM's index pass (lazy_vacuum_all_indexes): before the heap makes the line pointers of dead
 * tuples unused, every index of the table loses its entries pointing at them
 * ({@link BTree#bulkDelete}), so that no entry ever points at a slot a new tuple may take.
 */
public final class IndexVacuum {
    private IndexVacuum() {}

    /** The cleanup for {@code table}'s VACUUM, or null when it has no index (dead slots become unused at once). */
    public static Heap.DeadTidCleanup cleanup(DatabaseAccess db, RelationDescriptor table, SessionContext s) {
        if (table.indexes().isEmpty()) {
            return null;
        }
        TableIndexes indexes = new TableIndexes(table);
        BTree btree = db.btree();
        return (SortedSet<org.pgmini.storage.tuple.ItemPointer> dead) -> {
            for (IndexRelation r : indexes.relations()) {
                if (s != null) {
                    s.checkForInterrupts();
                }
                btree.bulkDelete(r, dead::contains);
            }
        };
    }
}
