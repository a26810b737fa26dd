package org.pgmini.storage.index;

import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.AttributeType;

/**
 * What storage needs to know of one B-tree index. {@code keyTypes[i]} is the type of index column
 * i, {@code heapAttnums[i]} the 1-based heap column it comes from (storage does not use it; the
 * executor forms the key values), {@code descending[i]} true for a DESC column (whose NULLs then
 * sort first, PostgreSQL's default). {@code unique} is informational: the unique check is the
 * executor's.
 */
public record IndexRelation(RelFileLocator locator, String name, AttributeType[] keyTypes,
                            int[] heapAttnums, boolean[] descending, boolean unique) {
    public IndexRelation {
        if (keyTypes.length == 0) throw new IllegalArgumentException("an index needs at least one column");
        if (descending.length != keyTypes.length) throw new IllegalArgumentException("one DESC flag per index column");
    }

    public int columns() { return keyTypes.length; }
}
