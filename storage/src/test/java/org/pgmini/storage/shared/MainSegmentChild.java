package org.pgmini.storage.shared;

import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.buffer.CrossProcessChild;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.WalHook;

import java.nio.file.Path;

/**
 * The worker of {@link MainSegmentBufferTest}: attaches the main segment by name, finds the
 * buffer pool structure, prints what block 0 holds, then increments block 1's counter under the
 * exclusive content lock {@code args[4]} times.
 */
public final class MainSegmentChild {
    public static void main(String[] args) throws Exception {
        MainSharedMemory shm = MainSharedMemory.attach(args[0]);
        Path dataDir = Path.of(args[1]);
        int nbuffers = Integer.parseInt(args[2]);
        RelFileLocator rel = new RelFileLocator(5, Integer.parseInt(args[3]));
        int increments = Integer.parseInt(args[4]);
        try (Smgr smgr = new Smgr(dataDir, 8)) {
            MainSegmentRegion region = MainSegmentRegion.attach(shm, MainSegmentBufferTest.STRUCT);
            BufferPool pool = new BufferPool(region, 0, nbuffers, smgr, WalHook.NONE, false);
            CrossProcessChild.readMarkerAndIncrement(pool, rel, increments);
        } finally {
            shm.detach();
        }
    }
}
