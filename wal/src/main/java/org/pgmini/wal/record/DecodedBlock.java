package org.pgmini.wal.record;

/** A block reference read back from WAL. */
public final class DecodedBlock {
    private final int blockId;
    private final RelFileLocator locator;
    private final ForkNumber fork;
    private final int blockNumber;
    private final byte[] record;
    private final int imageOffset;
    private final int holeOffset;
    private final int holeLength;
    private final byte[] data;

    DecodedBlock(int blockId, RelFileLocator locator, ForkNumber fork, int blockNumber, byte[] record,
                 int imageOffset, int holeOffset, int holeLength, byte[] data) {
        this.blockId = blockId;
        this.locator = locator;
        this.fork = fork;
        this.blockNumber = blockNumber;
        this.record = record;
        this.imageOffset = imageOffset;
        this.holeOffset = holeOffset;
        this.holeLength = holeLength;
        this.data = data;
    }

    public int blockId() { return blockId; }
    public RelFileLocator locator() { return locator; }
    public ForkNumber fork() { return fork; }
    public int blockNumber() { return blockNumber; }
    public boolean hasImage() { return imageOffset >= 0; }
    public int holeOffset() { return holeOffset; }
    public int holeLength() { return holeLength; }
    public byte[] data() { return data; }

    /** Bytes of the image in the record (page size minus the hole), 0 without an image. */
    public int imageLength() { return hasImage() ? BlockImage.PAGE_SIZE - holeLength : 0; }

    /** Writes the full page (hole zeroed) into {@code page}, which must be 8 KiB. */
    public void restoreImage(byte[] page) {
        if (!hasImage()) throw new IllegalStateException("block reference has no image");
        System.arraycopy(record, imageOffset, page, 0, holeOffset);
        java.util.Arrays.fill(page, holeOffset, holeOffset + holeLength, (byte) 0);
        int after = holeOffset + holeLength;
        System.arraycopy(record, imageOffset + holeOffset, page, after, BlockImage.PAGE_SIZE - after);
    }
}
