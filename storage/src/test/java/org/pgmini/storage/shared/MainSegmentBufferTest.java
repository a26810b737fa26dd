package org.pgmini.storage.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.buffer.CrossProcessIncrements;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.WalHook;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The buffer pool in shmem's real main shared memory segment: a second JVM attaches the segment
 * by name, finds the pool by its structure name, reads a page that exists only in shared
 * memory, and both processes increment one page's counter under the content lock.
 */
class MainSegmentBufferTest {
    static final String STRUCT = "Shared Buffers";
    @TempDir Path dir;

    @Test
    @Timeout(90)
    void secondProcessAttachesTheMainSegmentByName() throws Exception {
        int nbuffers = 32;
        RelFileLocator rel = new RelFileLocator(5, 16700);
        MainSharedMemory shm = MainSharedMemory.create(MainSharedMemory.sizeFor(BufferPool.requiredSize(nbuffers) + 2 * 8192, 16), 16);
        try (Smgr smgr = new Smgr(dir, 8)) {
            shm.initStruct("something before", 200); // the pool does not start 8 KiB aligned in the segment
            MainSegmentRegion region = MainSegmentRegion.initStruct(shm, STRUCT, BufferPool.requiredSize(nbuffers));
            assertFalse(region.found());
            BufferPool pool = new BufferPool(region, 0, nbuffers, smgr, WalHook.NONE, true);
            smgr.create(rel, ForkNumber.MAIN, false);
            CrossProcessIncrements.run(pool, rel, nbuffers, 123456789L, 2000, MainSegmentChild.class, shm.name(), dir);
        } finally {
            shm.destroy();
        }
    }
}
