package org.pgmini.storage.page;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * The page checksum: a 16-bit value stored in pd_checksum, computed when a page is written and
 * verified when it is read. The idea is PostgreSQL's (several independent FNV-1a-like lanes over
 * the page's 32-bit words so the CPU can interleave them, mixed with a shift so high bits reach
 * low bits, and the block number folded in so a page written to the wrong place is caught),
 * but the lane count, seeds and mixing are our own, so values differ from PostgreSQL's.
 *
 * <p>The checksum field itself counts as zero while computing. The result is never 0.
 */
public final class PageChecksum {
    private PageChecksum() {}

    private static final int LANES = 16;
    private static final int FNV_PRIME = 0x01000193;
    /** Word index (32-bit words) holding pd_checksum in its low half (bytes 8..9). */
    private static final int CHECKSUM_WORD = 2;

    public static int compute(ByteBuffer page, int blockNumber) {
        ByteBuffer p = page.order() == ByteOrder.LITTLE_ENDIAN ? page : page.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int[] lanes = new int[LANES];
        for (int i = 0; i < LANES; i++) lanes[i] = 0x9E3779B9 * (i + 1) ^ 0x5bd1e995;
        int words = BLCKSZ / 4;
        for (int w = 0; w < words; w += LANES) {
            for (int j = 0; j < LANES; j++) {
                int v = p.getInt((w + j) * 4);
                if (w + j == CHECKSUM_WORD) v &= 0xFFFF0000;
                int c = (lanes[j] ^ v) * FNV_PRIME;
                lanes[j] = c ^ (c >>> 17);
            }
        }
        int result = 0;
        for (int j = 0; j < LANES; j++) {
            int c = lanes[j];
            for (int round = 0; round < 2; round++) {
                c = c * FNV_PRIME;
                c ^= c >>> 17;
            }
            result ^= c;
        }
        result ^= blockNumber;
        return (int) (Integer.toUnsignedLong(result) % 65535) + 1;
    }
}
