package org.pgmini.storage.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A second JVM attaches to the buffer pool through a shared file mapping and reads a page that
 * exists only in shared memory, then both processes increment a counter on one page under the
 * content lock: pins, header locks and content locks work across processes.
 */
class CrossProcessBufferTest {
    @TempDir Path dir;

    @Test
    void secondProcessReadsAndWritesThroughSharedBuffers() throws Exception {
        int nbuffers = 32;
        RelFileLocator rel = new RelFileLocator(5, 16500);
        Path regionFile = dir.resolve("region");
        long size = BufferPool.requiredSize(nbuffers);
        MappedByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(regionFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.write(ByteBuffer.allocate(1), size - 1);
            mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
        try (Smgr smgr = new Smgr(dir, 8)) {
            BufferPool pool = new BufferPool(new ByteBufferRegion(mapped), 0, nbuffers, smgr, WalHook.NONE, true);
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
            // block 0 now gets a value that is only in shared memory, not on disk
            int b0 = pool.readBuffer(rel, ForkNumber.MAIN, 0, null);
            pool.lock(b0, true);
            Page p0 = pool.page(b0);
            p0.buffer().putLong(p0.itemPosition(1) + 8, 987654321L);
            pool.finishPageChange(change(rel, 0), b0);
            pool.unlock(b0, true);
            pool.release(b0);

            int childIncrements = 3000, ownIncrements = 3000;
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrossProcessChild.class.getName(),
                    regionFile.toString(), dir.toString(), Integer.toString(nbuffers), Integer.toString(rel.relNumber()),
                    Integer.toString(childIncrements)));
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String first = readLineSkippingLogs(out);
                assertEquals("marker 987654321 reads 0", first, "the child found the page in the shared mapping table");
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
                assertEquals("done", readLineSkippingLogs(out));
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, child.exitValue());
            } finally {
                child.destroyForcibly();
            }
            int b1 = pool.readBuffer(rel, ForkNumber.MAIN, 1, null);
            Page p1 = pool.page(b1);
            assertEquals(childIncrements + ownIncrements, p1.buffer().getLong(p1.itemPosition(1) + 8), "no increment lost across processes");
            pool.release(b1);
            for (int b = 0; b < nbuffers; b++) assertEquals(0, pool.pinCount(b), "buffer " + b + " left pinned");
        } finally {
            Files.deleteIfExists(regionFile);
        }
    }

    private static PageChangeRecord change(RelFileLocator rel, int block) {
        return new PageChangeRecord(PageChangeRecord.Kind.HEAP_LOCK, rel, ForkNumber.MAIN, new int[] {block}, 0, new byte[0]);
    }

    /** Skips logging noise (e.g. SLF4J's "no providers" notice) on the child's output. */
    private static String readLineSkippingLogs(BufferedReader r) throws Exception {
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.startsWith("SLF4J")) return line;
        }
        return null;
    }
}
