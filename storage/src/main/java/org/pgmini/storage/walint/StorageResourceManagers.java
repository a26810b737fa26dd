package org.pgmini.storage.walint;

import org.pgmini.storage.StorageEngine;
import org.pgmini.wal.recovery.ResourceManagerRegistry;
import org.pgmini.wal.recovery.RmgrIds;

/** Registers storage's resource managers (Transaction, Storage, Heap2, Heap, Btree) with wal's table. */
public final class StorageResourceManagers {
    private StorageResourceManagers() {}

    /** For redo: the managers apply records to this engine's buffers, files and commit log. */
    public static void register(ResourceManagerRegistry reg, StorageEngine engine) {
        RecoveredTransactions xacts = new RecoveredTransactions();
        reg.register(new TransactionResourceManager(engine.commitLog(), engine.transactionIds(), xacts));
        reg.register(new SmgrResourceManager(engine.bufferPool()));
        reg.register(new HeapResourceManager(RmgrIds.HEAP2, engine.bufferPool(), xacts));
        reg.register(new HeapResourceManager(RmgrIds.HEAP, engine.bufferPool(), xacts));
        reg.register(new BTreeResourceManager(engine.bufferPool()));
    }

    /** For waldump: names and descriptions only (redo refuses). */
    public static void registerForDump(ResourceManagerRegistry reg) {
        reg.register(new TransactionResourceManager(null, null, null));
        reg.register(new SmgrResourceManager(null));
        reg.register(new HeapResourceManager(RmgrIds.HEAP2, null, null));
        reg.register(new HeapResourceManager(RmgrIds.HEAP, null, null));
        reg.register(new BTreeResourceManager(null));
    }
}
