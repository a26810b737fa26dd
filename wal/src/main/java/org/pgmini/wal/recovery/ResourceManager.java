package org.pgmini.wal.recovery;

import org.pgmini.wal.record.DecodedRecord;

/**
 * A resource manager: the owner of a kind of WAL record (PostgreSQL's RmgrData). Storage
 * registers one per record family (heap, transaction, storage, clog, ...) so that wal can replay
 * and describe records without knowing what a page is.
 *
 * Redo must be idempotent: a record may be replayed on a page that already contains its effect
 * (compare the page LSN with {@link DecodedRecord#endLsn()}), because recovery starts at the
 * checkpoint's redo pointer and buffers flushed after it may already hold later changes.
 */
public interface ResourceManager {
    /** 0..255; 0 is XLOG, owned by wal. Use PostgreSQL's numbers (see {@link RmgrIds}). */
    int id();

    /** Name as pg_waldump prints it ("Heap", "Transaction", ...). */
    String name();

    /** Called once before the first record is replayed. */
    default void startup() {}

    void redo(DecodedRecord record);

    /** Called once after the last record (e.g. mark transactions without commit record aborted). */
    default void cleanup() {}

    /** Record type for pg_waldump ("INSERT", "COMMIT"), or null when {@code info} is unknown. */
    String identify(int info);

    /** The rest of pg_waldump's "desc:" field for this record (may be empty). */
    String describe(DecodedRecord record);
}
