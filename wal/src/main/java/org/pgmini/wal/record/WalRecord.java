package org.pgmini.wal.record;

import java.util.List;

/**
 * A record to insert: resource manager id, info bits (the high four bits belong to the resource
 * manager, as in PostgreSQL), transaction id, block references and main data.
 */
public record WalRecord(int rmgrId, int info, int xid, List<BlockReference> blocks, byte[] mainData) {
    public WalRecord {
        if (rmgrId < 0 || rmgrId > 255) throw new IllegalArgumentException("rmgr id out of range: " + rmgrId);
        if (info < 0 || info > 255) throw new IllegalArgumentException("info out of range: " + info);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        if (blocks.size() > RecordFormat.MAX_BLOCKS) throw new IllegalArgumentException("too many block references");
        if (mainData == null) mainData = new byte[0];
    }

    public static WalRecord of(int rmgrId, int info, int xid, byte[] mainData) {
        return new WalRecord(rmgrId, info, xid, List.of(), mainData);
    }
}
