package org.pgmini.wal.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/** A record read back from WAL, with the LSNs where it starts and ends. */
public final class DecodedRecord {
    private final long lsn;
    private final long endLsn;
    private final int totalLength;
    private final int xid;
    private final long prev;
    private final int info;
    private final int rmgrId;
    private final List<DecodedBlock> blocks;
    private final byte[] mainData;

    private DecodedRecord(long lsn, long endLsn, int totalLength, int xid, long prev, int info, int rmgrId,
                          List<DecodedBlock> blocks, byte[] mainData) {
        this.lsn = lsn;
        this.endLsn = endLsn;
        this.totalLength = totalLength;
        this.xid = xid;
        this.prev = prev;
        this.info = info;
        this.rmgrId = rmgrId;
        this.blocks = blocks;
        this.mainData = mainData;
    }

    public long lsn() { return lsn; }
    /** LSN just past the record (not aligned): what PostgreSQL calls EndRecPtr and stamps on pages. */
    public long endLsn() { return endLsn; }
    public int totalLength() { return totalLength; }
    public int xid() { return xid; }
    public long prev() { return prev; }
    public int info() { return info; }
    public int rmgrId() { return rmgrId; }
    public List<DecodedBlock> blocks() { return blocks; }
    public byte[] mainData() { return mainData; }

    /** Length without full-page images (pg_waldump's "rec"). */
    public int lengthWithoutImages() {
        int n = totalLength;
        for (DecodedBlock b : blocks) n -= b.imageLength();
        return n;
    }

    /** Reads the total length from the first four bytes of a record header. */
    public static int totalLengthOf(byte[] header, int offset) {
        return ByteBuffer.wrap(header, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /**
     * Checks the CRC and decodes. Returns null when the bytes are not a valid record (bad CRC,
     * inconsistent lengths): to a reader that is the end of valid WAL.
     */
    public static DecodedRecord decode(byte[] rec, long lsn, long endLsn) {
        if (rec.length < RecordFormat.HEADER_SIZE) return null;
        ByteBuffer buf = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        int total = buf.getInt(RecordFormat.OFF_TOTAL_LENGTH);
        if (total != rec.length) return null;
        CRC32C crc = new CRC32C();
        crc.update(rec, RecordFormat.HEADER_SIZE, total - RecordFormat.HEADER_SIZE);
        crc.update(rec, 0, RecordFormat.OFF_CRC);
        if ((int) crc.getValue() != buf.getInt(RecordFormat.OFF_CRC)) return null;
        int xid = buf.getInt(RecordFormat.OFF_XID);
        long prev = buf.getLong(RecordFormat.OFF_PREV);
        int info = rec[RecordFormat.OFF_INFO] & 0xFF;
        int rmgr = rec[RecordFormat.OFF_RMGR] & 0xFF;
        int nBlocks = buf.getShort(RecordFormat.OFF_BLOCK_COUNT) & 0xFFFF;
        if (nBlocks > RecordFormat.MAX_BLOCKS) return null;
        int pos = RecordFormat.HEADER_SIZE;
        List<DecodedBlock> blocks = new ArrayList<>(nBlocks);
        for (int i = 0; i < nBlocks; i++) {
            if (pos + RecordFormat.BLOCK_HEADER_SIZE > total) return null;
            RelFileLocator loc = new RelFileLocator(buf.getInt(pos), buf.getInt(pos + 4), buf.getInt(pos + 8));
            int blockNo = buf.getInt(pos + 12);
            int forkNo = rec[pos + 16] & 0xFF;
            int flags = rec[pos + 17] & 0xFF;
            int holeOff = buf.getShort(pos + 18) & 0xFFFF;
            int holeLen = buf.getShort(pos + 20) & 0xFFFF;
            int dataLen = buf.getInt(pos + 24);
            if (forkNo >= ForkNumber.values().length || dataLen < 0) return null;
            pos += RecordFormat.BLOCK_HEADER_SIZE;
            int imageOff = -1;
            if ((flags & RecordFormat.FLAG_HAS_IMAGE) != 0) {
                if (holeOff + holeLen > BlockImage.PAGE_SIZE) return null;
                imageOff = pos;
                pos += BlockImage.PAGE_SIZE - holeLen;
            }
            if ((long) pos + dataLen > total) return null;
            byte[] data = new byte[dataLen];
            System.arraycopy(rec, pos, data, 0, dataLen);
            pos += dataLen;
            blocks.add(new DecodedBlock(i, loc, ForkNumber.of(forkNo), blockNo, rec, imageOff, holeOff, holeLen, data));
        }
        if (pos > total) return null;
        byte[] main = new byte[total - pos];
        System.arraycopy(rec, pos, main, 0, main.length);
        return new DecodedRecord(lsn, endLsn, total, xid, prev, info, rmgr, Collections.unmodifiableList(blocks), main);
    }
}
