package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BitGatherTest {
    /** Bit by bit: the highest {@code limit} set bits of {@code mask}, taken from {@code v} highest first. */
    private static long naive(long mask, int limit, long v) {
        long g = 0;
        int taken = 0;
        for (int bit = 63; bit >= 0 && taken < limit; bit--) {
            if ((mask >>> bit & 1) != 0) {
                g = g << 1 | (v >>> bit & 1);
                taken++;
            }
        }
        return g;
    }

    @Test
    void gathersTheHighestChosenBitsInOrder() {
        Random r = new Random(7);
        long[] masks = {0, -1, 0x7F7F7F7F7F7F7F7FL, 0x5F5F5F5F5F7F7F7FL, 0x8000000000000001L, 0xFFL << 21, r.nextLong(), r.nextLong() & r.nextLong()};
        for (long mask : masks) {
            for (int limit : new int[] {1, 8, 11, 31, 43, 64}) {
                BitGather g = new BitGather(mask, limit);
                assertEquals(Math.min(limit, Long.bitCount(mask)), g.width());
                assertEquals(Long.bitCount(g.takenMask()), g.width());
                for (int i = 0; i < 2000; i++) {
                    long v = r.nextLong();
                    assertEquals(naive(mask, limit, v), g.gather(v), () -> Long.toHexString(mask) + " limit " + limit + " v " + Long.toHexString(v));
                }
            }
        }
    }
}
