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
        /** payload: offset number (int16) + tuple bytes (its ctid is set by redo). */
        HEAP_INSERT,
        /** payload: offset number (int16) + new infomask (int16) + new t_cid (int32); xmax = the record's xid. */
        HEAP_DELETE,
        /**
         * blocks {old, new}, or {page} when both versions are on one page; payload: old offset
         * (int16), new offset (int16), old version's new infomask (int16) and t_cid (int32),
         * new tuple bytes (its ctid is set by redo).
         */
        HEAP_UPDATE,
        /** payload: offset number (int16) + new infomask (int16) + unused int32; xmax = the record's xid. */
        HEAP_LOCK,
        /**
         * VACUUM or pruning: payload: new pd_prune_xid (int32), then the offsets (int16 each)
         * made unused; the page is then compacted and trailing unused line pointers dropped.
         */
        HEAP_VACUUM,
        /** B-tree leaf insert: payload int16 offset number + the index item (see index.BTreeWal). */
        BTREE_INSERT_LEAF,
        /** B-tree downlink insert into an internal page: same payload as a leaf insert. */
        BTREE_INSERT_UPPER,
        /**
         * B-tree page split: blocks {left, new right} or {left, new right, old right sibling};
         * payload: images of the two halves, then the sibling's new left link.
         */
        BTREE_SPLIT,
        /** Split of the root: blocks {left, new right, new root, metapage}, payload their images. */
        BTREE_NEWROOT,
        /** B-tree VACUUM of a leaf: payload the int16 offset numbers of the removed items (ascending). */
        BTREE_VACUUM,
        /** B-tree pages written whole (metapage and root at create, pages of a bulk build): their images. */
        BTREE_NEW_PAGES,
        /**
         * Relation file created / truncated / dropped (no blocks): payload = the Storage record's
         * main data (tablespace, database, relfilenode as int32, fork as int8; truncate adds the
         * new length in blocks as int32). For access methods that have only the buffer pool.
         */
        RELATION_CREATE,
        RELATION_TRUNCATE,
        RELATION_DROP,
        /**
         * Several tuples inserted into one page under one lock (COPY, multi-row INSERT): payload:
         * tuple count (int16), then for each tuple its offset number (int16), length (int16) and
         * bytes (each ctid is set by redo).
         */
        HEAP_MULTI_INSERT
    }
}
