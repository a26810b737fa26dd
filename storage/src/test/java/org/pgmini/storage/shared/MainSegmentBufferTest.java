package org.pgmini.storage.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            for (int block = 0; block < 2; block++) {
                int buf = pool.extend(rel, ForkNumber.MAIN);
                pool.lock(buf, true);
                Page p = pool.page(buf);
                p.init(0);
                p.addItem(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 0).array(), 0, true);
                pool.finishPageChange(change(rel, block), buf);
                pool.unlock(buf, true);
                pool.release(buf);
            }
            pool.flushAll();
            int b0 = pool.readBuffer(rel, ForkNumber.MAIN, 0, null);
            pool.lock(b0, true);
            Page p0 = pool.page(b0);
            p0.buffer().putLong(p0.itemPosition(1) + 8, 123456789L); // only in shared memory
            pool.finishPageChange(change(rel, 0), b0);
            pool.unlock(b0, true);
            pool.release(b0);

            int childIncrements = 2000, ownIncrements = 2000;
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), MainSegmentChild.class.getName(),
                    shm.name(), dir.toString(), Integer.toString(nbuffers), Integer.toString(rel.relNumber()),
                    Integer.toString(childIncrements)));
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("marker 123456789 reads 0", readLine(out), "the worker found the page in the shared mapping table");
                for (int i = 0; i < ownIncrements; i++) {
                    int b = pool.readBuffer(rel, ForkNumber.MAIN, 1, null);
                    pool.lock(b, true);
                    Page p = pool.page(b);
                    int pos = p.itemPosition(1) + 8;
                    p.buffer().putLong(pos, p.buffer().getLong(pos) + 1);
                    pool.finishPageChange(change(rel, 1), b);
                    pool.unlock(b, true);
                    pool.release(b);
                }
                assertEquals("done", readLine(out));
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, child.exitValue());
            } finally {
                child.destroyForcibly();
            }
            int b1 = pool.readBuffer(rel, ForkNumber.MAIN, 1, null);
            Page p1 = pool.page(b1);
            assertEquals(childIncrements + ownIncrements, p1.buffer().getLong(p1.itemPosition(1) + 8));
            pool.release(b1);
            for (int b = 0; b < nbuffers; b++) assertEquals(0, pool.pinCount(b), "buffer " + b + " left pinned");
        } finally {
            shm.destroy();
        }
    }

    private static PageChangeRecord change(RelFileLocator rel, int block) {
        return new PageChangeRecord(PageChangeRecord.Kind.HEAP_LOCK, rel, ForkNumber.MAIN, new int[] {block}, 0, new byte[0]);
    }

    private static String readLine(BufferedReader r) throws Exception {
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.startsWith("SLF4J")) return line;
        }
        return null;
    }
}
