package org.pgmini.wal.record;

/**
 * A page a record changes: which block, optionally its full-page image, and data the resource
 * manager needs to redo the change on that block (skipped by redo when the image is restored).
 */
public record BlockReference(RelFileLocator locator, ForkNumber fork, int blockNumber, BlockImage image, byte[] data) {
    public BlockReference {
        if (locator == null || fork == null) throw new IllegalArgumentException("block reference needs a relation and fork");
        if (data == null) data = new byte[0];
    }

    public static BlockReference of(RelFileLocator locator, ForkNumber fork, int blockNumber, byte[] data) {
        return new BlockReference(locator, fork, blockNumber, null, data);
    }

    public static BlockReference withImage(RelFileLocator locator, ForkNumber fork, int blockNumber, BlockImage image, byte[] data) {
        return new BlockReference(locator, fork, blockNumber, image, data);
    }
}
