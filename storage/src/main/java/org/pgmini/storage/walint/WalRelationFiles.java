package org.pgmini.storage.walint;

import org.pgmini.storage.catalog.RelationFiles;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.wal.Wal;
import org.pgmini.wal.record.WalRecord;
import org.pgmini.wal.recovery.RmgrIds;

/**
 * Relation file operations with their Storage records (log_smgrcreate, the truncate and drop
 * records): create is logged and then done (a file without record after a crash is only an
 * orphan); truncate and drop are logged and the WAL flushed BEFORE the files change, so a
 * replay never re-applies older page records to blocks that are gone without also seeing the
 * truncate or drop (PostgreSQL flushes before truncating for the same reason).
 */
public final class WalRelationFiles implements RelationFiles {
    private final WalLogger logger;
    private final Heap heap;

    WalRelationFiles(WalLogger logger, Heap heap) {
        this.logger = logger;
        this.heap = heap;
    }

    @Override
    public void create(HeapRelation rel) {
        log(WalIds.SMGR_CREATE, SmgrResourceManager.encode(rel.locator(), ForkNumber.MAIN, 0, false), false);
        heap.create(rel);
    }

    public void truncate(HeapRelation rel) {
        log(WalIds.SMGR_TRUNCATE, SmgrResourceManager.encode(rel.locator(), ForkNumber.MAIN, 0, true), true);
        heap.truncate(rel);
    }

    @Override
    public void drop(HeapRelation rel) {
        log(WalIds.SMGR_DROP, SmgrResourceManager.encode(rel.locator(), ForkNumber.MAIN, 0, false), true);
        heap.drop(rel);
    }

    private void log(int info, byte[] data, boolean flush) {
        Wal w = logger.wal();
        if (w == null) throw new IllegalStateException("WAL is not open");
        long end = w.insert(WalRecord.of(RmgrIds.STORAGE, info, 0, data)).endLsn();
        if (flush) w.flush(end);
    }
}
