package org.pgmini.wal;

import org.pgmini.wal.mode.SegmentFiles;
import org.pgmini.wal.record.EncodedRecord;
import org.pgmini.wal.record.PageHeader;
import org.pgmini.wal.record.WalRecord;
import org.pgmini.wal.recovery.CheckpointData;
import org.pgmini.wal.recovery.XlogResourceManager;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes the first WAL page of a new cluster: a long header and the initial shutdown checkpoint. */
final class InitialPageWriter {
    private InitialPageWriter() {}

    static void write(SegmentFiles segs, WalLayout layout, int timeline, long systemId, CheckpointData ckpt) throws IOException {
        long pageStart = layout.segmentStart(1);
        byte[] page = new byte[WalLayout.PAGE_SIZE];
        ByteBuffer buf = ByteBuffer.wrap(page);
        PageHeader.write(buf, 0, pageStart, timeline, systemId, layout.segmentSize(), true);
        byte[] rec = EncodedRecord.encode(WalRecord.of(0, XlogResourceManager.CHECKPOINT_SHUTDOWN, 0, ckpt.encode())).finish(0);
        System.arraycopy(rec, 0, page, WalLayout.LONG_PAGE_HEADER, rec.length);
        segs.writePageDurably(pageStart, page);
    }
}
