package org.pgmini.storage.mvcc;

import java.nio.ByteBuffer;

/**
 * Sets hint bits on a tuple in a shared buffer (SetHintBits + MarkBufferDirtyHint). The buffer
 * manager's implementation marks the buffer dirty without WAL; it may also decline (e.g. when a
 * commit hint would be set before the commit record is flushed, once WAL has asynchronous commit).
 */
@FunctionalInterface
public interface HintBitSetter {
    /**
     * @param xid the transaction whose outcome the bits record (for commit-LSN checks)
     */
    void setHintBits(ByteBuffer page, int tupleBase, int bits, int xid);

    /** Sets the bits on the buffer only (private copies, tests). */
    HintBitSetter PLAIN = (page, base, bits, xid) ->
            org.pgmini.storage.tuple.HeapTupleHeader.setHintBits(page, base, bits);
}
