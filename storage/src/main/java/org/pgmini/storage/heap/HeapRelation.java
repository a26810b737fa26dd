package org.pgmini.storage.heap;

import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.TupleDesc;

/**
 * What heap access needs to know about a table: its files, its name (for messages), its columns,
 * and {@code noIndexes}: true only when the table is known to have no index, so that pruning may
 * make a dead tuple's line pointer unused at once. Otherwise (the default, also where the caller
 * cannot know, as in parallel workers) pruning leaves an LP_DEAD stub that only VACUUM reclaims,
 * after removing the index entries that may point at it.
 */
public record HeapRelation(RelFileLocator locator, String name, TupleDesc desc, boolean noIndexes) {
    /** A relation that may have indexes (pruning leaves LP_DEAD stubs). */
    public HeapRelation(RelFileLocator locator, String name, TupleDesc desc) {
        this(locator, name, desc, false);
    }
}
