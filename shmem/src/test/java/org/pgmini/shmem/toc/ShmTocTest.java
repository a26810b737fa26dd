package org.pgmini.shmem.toc;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.shmem.TestSegment;
import org.pgmini.shmem.region.MappedRegion;

import static org.junit.jupiter.api.Assertions.*;

class ShmTocTest {
    static final long MAGIC = 0x50477465L;

    @Test
    void allocateInsertLookupFromAnotherMapping() {
        long size = new ShmTocEstimator().chunk(100).chunk(5000).keys(2).estimate();
        try (TestSegment seg = new TestSegment(size)) {
            ShmToc toc = ShmToc.create(MAGIC, seg.region(), 0, size);
            long a = toc.allocate(100);
            long b = toc.allocate(5000);
            assertEquals(0, a % ShmToc.ALIGN);
            assertEquals(0, b % ShmToc.ALIGN);
            assertTrue(b + 5000 <= a, "chunks do not overlap");
            seg.region().putLong(a, 11);
            seg.region().putLong(b + 4992, 22);
            toc.insert(1, a);
            toc.insert(0xFFFF_FFFF_FFFF_FFFFL, b);

            MappedRegion other = seg.secondMapping();
            assertNull(ShmToc.attach(MAGIC + 1, other, 0), "wrong magic");
            ShmToc seen = ShmToc.attach(MAGIC, other, 0);
            assertEquals(11, other.getLong(seen.lookup(1, false)));
            assertEquals(22, other.getLong(seen.lookup(-1L, false) + 4992));
            assertEquals(-1, seen.lookup(2, true));
            PgException e = assertThrows(PgException.class, () -> seen.lookup(2, false));
            assertTrue(e.getMessage().startsWith("could not find key 2 in shm TOC"));
            PgException full = assertThrows(PgException.class, () -> toc.allocate(4096));
            assertEquals("out of shared memory", full.getMessage());
        }
    }
}
