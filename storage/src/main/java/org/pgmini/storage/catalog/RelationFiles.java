package org.pgmini.storage.catalog;

import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;

/**
 * How the catalog creates and removes relation files: the seam between DDL and the WAL. The
 * catalog decides WHEN (a created file goes if its transaction aborts, a dropped or truncated
 * one's old file when it commits); an implementation decides HOW. {@link #plain} changes the
 * files only (tests, no WAL); the WAL-backed one (storage.walint.WalRelationFiles) logs a
 * Storage record first so that recovery repeats the change.
 */
public interface RelationFiles {
    /** Creates the (empty) main fork of {@code rel}. */
    void create(HeapRelation rel);

    /** Removes every file of {@code rel} and forgets its buffers. */
    void drop(HeapRelation rel);

    /** Files changed directly through the heap, without WAL. */
    static RelationFiles plain(Heap heap) {
        return new RelationFiles() {
            @Override public void create(HeapRelation rel) { heap.create(rel); }
            @Override public void drop(HeapRelation rel) { heap.drop(rel); }
        };
    }
}
