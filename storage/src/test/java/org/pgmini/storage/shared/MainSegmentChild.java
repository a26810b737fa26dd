package org.pgmini.storage.shared;

import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;

import java.nio.ByteBuffer;
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
            int buf = pool.readBuffer(rel, ForkNumber.MAIN, 0, null);
            pool.lock(buf, false);
            long marker = pool.page(buf).item(1).getLong(8);
            pool.unlock(buf, false);
            pool.release(buf);
            System.out.println("marker " + marker + " reads " + pool.stats().reads());
            System.out.flush();
            for (int i = 0; i < increments; i++) {
                int b = pool.readBuffer(rel, ForkNumber.MAIN, 1, null);
                pool.lock(b, true);
                try {
                    Page p = pool.page(b);
                    ByteBuffer pb = p.buffer();
                    int pos = p.itemPosition(1) + 8;
                    pb.putLong(pos, pb.getLong(pos) + 1);
                    pool.finishPageChange(new PageChangeRecord(PageChangeRecord.Kind.HEAP_LOCK, rel, ForkNumber.MAIN,
                            new int[] {1}, 0, new byte[0]), b);
                } finally {
                    pool.unlock(b, true);
                    pool.release(b);
                }
            }
            System.out.println("done");
        } finally {
            shm.detach();
        }
    }
}
