package org.pgmini.storage.index;

import org.pgmini.storage.tuple.ItemPointer;

/** The heap TIDs of an index scan in key order (or reverse key order for a backward scan). */
public interface IndexCursor extends AutoCloseable {
    /** The next heap TID, or null at the end. */
    ItemPointer next();

    @Override
    void close();
}
