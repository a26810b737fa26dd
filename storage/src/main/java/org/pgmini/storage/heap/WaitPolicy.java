package org.pgmini.storage.heap;

/** What to do when a row is being changed or locked by another running transaction. */
public enum WaitPolicy {
    /** Wait for that transaction to end, then look again (default). */
    BLOCK,
    /** Skip the row: the operation returns WOULD_BLOCK (SKIP LOCKED). */
    SKIP,
    /** Raise 55P03 "could not obtain lock on row in relation ..." (NOWAIT). */
    ERROR
}
