package org.pgmini.shmem.mq;

/** Outcome of a send or receive, as PostgreSQL's shm_mq_result. */
public enum ShmMqResult {
    SUCCESS,
    /** nowait and the operation would have to wait; call again (a sender with the same message). */
    WOULD_BLOCK,
    /** The other side detached or died; no more messages will come / be read. */
    DETACHED
}
