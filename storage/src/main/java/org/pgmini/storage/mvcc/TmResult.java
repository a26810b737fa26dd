package org.pgmini.storage.mvcc;

/** Outcome of checking whether a tuple may be updated, deleted or locked (TM_Result). */
public enum TmResult {
    /** The tuple is the live version: go ahead. */
    OK,
    /** The tuple was never visible to this command (e.g. inserted by a later command). */
    INVISIBLE,
    /** Already updated or deleted by the current command or a later one of this transaction. */
    SELF_MODIFIED,
    /** Updated by a committed transaction: the newer version is at the tuple's ctid. */
    UPDATED,
    /** Deleted by a committed transaction. */
    DELETED,
    /** Another running transaction updated, deleted or locked it: wait for it, then look again. */
    BEING_MODIFIED,
    /** Heap operations only: the row lock could not be taken without waiting (NOWAIT / SKIP LOCKED). */
    WOULD_BLOCK
}
