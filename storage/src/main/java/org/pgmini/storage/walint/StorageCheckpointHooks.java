package org.pgmini.storage.walint;

import org.pgmini.storage.StorageEngine;
import org.pgmini.wal.CheckpointCounters;
import org.pgmini.wal.CheckpointHooks;

import java.util.function.IntSupplier;

/**
 * The data side of a checkpoint (CheckPointGuts): first wait for commits between their record
 * and their clog update (the redo pointer is already fixed), then every dirty shared buffer is written (each
 * after WAL is flushed to its page LSN, by the buffer pool) and the written relation segments
 * fsynced, then the commit log pages (see {@link WalTransactions} for their WAL rule). Buffers
 * dirtied after the redo pointer are written too: harmless, and simpler than PostgreSQL's
 * BM_CHECKPOINT_NEEDED marking.
 */
public final class StorageCheckpointHooks implements CheckpointHooks {
    private final StorageEngine engine;
    private final WalTransactions transactions;
    private final IntSupplier nextOid;

    StorageCheckpointHooks(StorageEngine engine, WalTransactions transactions, IntSupplier nextOid) {
        this.engine = engine;
        this.transactions = transactions;
        this.nextOid = nextOid;
    }

    @Override
    public void flushBuffers(long redoLsn) {
        transactions.waitForCommitsInProgress();
        engine.bufferPool().flushAll();
        transactions.checkpointClog();
    }

    @Override
    public CheckpointCounters counters() {
        int next = engine.transactionIds().peekNext();
        int oldestActive = engine.procArray().oldestXmin();
        return new CheckpointCounters(Integer.toUnsignedLong(next), nextOid.getAsInt(), 3, 1, oldestActive);
    }
}
