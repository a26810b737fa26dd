package org.pgmini.wal.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * A record serialized except for its prev pointer and the final CRC, which depend on where the
 * record lands. The CRC over the body is computed here, outside any lock; {@link #finish} adds
 * the header once the insert position is reserved.
 */
public final class EncodedRecord {
    private final byte[] bytes;
    private final CRC32C crc;
    private final int imageBytes;

    private EncodedRecord(byte[] bytes, CRC32C crc, int imageBytes) {
        this.bytes = bytes;
        this.crc = crc;
        this.imageBytes = imageBytes;
    }

    public static EncodedRecord encode(WalRecord rec) {
        int size = RecordFormat.HEADER_SIZE + rec.mainData().length;
        int images = 0;
        for (BlockReference b : rec.blocks()) {
            size += RecordFormat.BLOCK_HEADER_SIZE + b.data().length;
            if (b.image() != null) { size += b.image().storedLength(); images += b.image().storedLength(); }
        }
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(size).putInt(rec.xid()).putLong(0).put((byte) rec.info()).put((byte) rec.rmgrId())
                .putShort((short) rec.blocks().size()).putInt(0);
        for (BlockReference b : rec.blocks()) {
            BlockImage img = b.image();
            buf.putInt(b.locator().spcOid()).putInt(b.locator().dbOid()).putInt(b.locator().relNumber())
                    .putInt(b.blockNumber()).put((byte) b.fork().ordinal())
                    .put((byte) (img != null ? RecordFormat.FLAG_HAS_IMAGE : 0))
                    .putShort((short) (img != null ? img.holeOffset() : 0))
                    .putShort((short) (img != null ? img.holeLength() : 0))
                    .putShort((short) 0).putInt(b.data().length);
            if (img != null) {
                byte[] page = img.page();
                buf.put(page, 0, img.holeOffset());
                int after = img.holeOffset() + img.holeLength();
                buf.put(page, after, BlockImage.PAGE_SIZE - after);
            }
            buf.put(b.data());
        }
        buf.put(rec.mainData());
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), RecordFormat.HEADER_SIZE, size - RecordFormat.HEADER_SIZE);
        return new EncodedRecord(buf.array(), crc, images);
    }

    public int totalLength() { return bytes.length; }

    /** Length without full-page images: pg_waldump's "rec" length. */
    public int lengthWithoutImages() { return bytes.length - imageBytes; }

    /** Fills in prev and the CRC; returns the finished bytes. Call once. */
    public byte[] finish(long prevLsn) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(RecordFormat.OFF_PREV, prevLsn);
        crc.update(bytes, 0, RecordFormat.OFF_CRC);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(RecordFormat.OFF_CRC, (int) crc.getValue());
        return bytes;
    }
}
