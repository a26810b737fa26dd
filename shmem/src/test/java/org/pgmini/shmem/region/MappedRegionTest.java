package org.pgmini.shmem.region;

import org.junit.jupiter.api.Test;
import org.pgmini.shmem.TestSegment;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MappedRegionTest {

    @Test
    void bulkCopiesAndWordsAcrossSmallWindows() {
        try (TestSegment seg = new TestSegment(64 * 1024)) {
            // Same memory seen through 4 KiB windows: every bulk copy below crosses boundaries.
            MappedRegion small = new MappedRegion(seg.region().address(), seg.region().size(), 12);
            byte[] data = new byte[20_000];
            new Random(1).nextBytes(data);
            small.putBytes(1000, data, 0, data.length);
            byte[] back = new byte[data.length];
            seg.region().getBytes(1000, back, 0, back.length);
            assertArrayEquals(data, back);

            ByteBuffer dst = ByteBuffer.allocate(data.length);
            small.getBytes(1000, dst, data.length);
            assertArrayEquals(data, dst.array());
            small.putBytes(30_000, ByteBuffer.wrap(data), 5, 10_000);
            byte[] part = new byte[10_000];
            seg.region().getBytes(30_000, part, 0, part.length);
            for (int i = 0; i < part.length; i++) {
                assertEquals(data[i + 5], part[i]);
            }

            small.putLongVolatile(4096 - 8, -1L);
            small.putLongVolatile(4096, 42L);
            assertEquals(-1L, seg.region().getLong(4088));
            assertTrue(small.compareAndSetLong(4096, 42, 43));
            assertEquals(43, seg.region().getLongVolatile(4096));
            assertFalse(small.withinOneWindow(4000, 200));
            assertTrue(small.withinOneWindow(4096, 4096));
            assertThrows(IllegalArgumentException.class, () -> small.buffer(4000, 200));
            assertThrows(IndexOutOfBoundsException.class, () -> small.getBytes(64 * 1024 - 2, new byte[4], 0, 4));
        }
    }

    @Test
    void invalidatedRegionThrowsInsteadOfCrashing() {
        try (TestSegment seg = new TestSegment(8192)) {
            MappedRegion view = new MappedRegion(seg.region().address(), 8192);
            view.invalidate();
            assertFalse(view.isValid());
            assertThrows(RuntimeException.class, () -> view.getLong(0));
        }
    }

    @Test
    void casBetweenThreadsThroughTwoMappings() throws Exception {
        try (TestSegment seg = new TestSegment(4096)) {
            MappedRegion a = seg.region();
            MappedRegion b = seg.secondMapping();
            int n = 200_000;
            Thread t = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    b.getAndAddLong(64, 1);
                }
            });
            t.start();
            for (int i = 0; i < n; i++) {
                long v;
                do {
                    v = a.getLongVolatile(64);
                } while (!a.compareAndSetLong(64, v, v + 1));
            }
            t.join();
            assertEquals(2L * n, a.getLongVolatile(64));
        }
    }
}
