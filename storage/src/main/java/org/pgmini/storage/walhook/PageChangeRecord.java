package org.pgmini.storage.walhook;

import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;

/**
 * What one logged change did, in enough detail to redo it: the kind of change, the relation
 * fork, the changed blocks (one, or two for an update that moved a row to another page), the
 * transaction, and a kind-specific payload (e.g. the inserted tuple and its offset number).
 * The storage module will register redo functions for these kinds with the WAL's resource
 * manager table; the payload formats are documented on {@link Kind}.
 */
public record PageChangeRecord(Kind kind, RelFileLocator rel, ForkNumber fork, int[] blocks, int xid, byte[] payload) {

    public enum Kind {
        /** A new page formatted (payload empty). */
        HEAP_INIT_PAGE,
        /** payload: offset number (int16) + tuple bytes. */
        HEAP_INSERT,
        /** payload: offset number (int16) + new xmax infomask bits (int16) + command id (int32). */
        HEAP_DELETE,
        /** blocks {old, new}; payload: old offset (int16), new offset (int16), new tuple bytes. */
        HEAP_UPDATE,
        /** payload: offset number (int16) + lock infomask bits (int16). */
        HEAP_LOCK,
        /** payload: offsets (int16 each) made unused, then the page is compacted. */
        HEAP_VACUUM
    }
}
