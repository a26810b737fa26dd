package org.pgmini.storage.buffer;

import org.pgmini.storage.page.Page;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.walhook.PageChangeRecord;

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
 * The scenario both cross-process buffer tests run, over whatever shared region holds the pool:
 * two pages with one counter each, a marker on block 0 that exists only in shared memory, then
 * a child JVM (printing "marker M reads 0", incrementing block 1's counter, printing "done")
 * and this process incrementing the same counter under the content lock. No increment may be
 * lost and no buffer may stay pinned.
 */
public final class CrossProcessIncrements {
    private CrossProcessIncrements() {}

    /**
     * @param childMain  the child's main class; its arguments are {@code regionName dir nbuffers
     *                   relNumber increments}
     * @param regionName how the child finds the shared region (a file path or a segment name)
     */
    public static void run(BufferPool pool, RelFileLocator rel, int nbuffers, long marker, int increments,
                           Class<?> childMain, String regionName, Path dir) throws Exception {
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
        p0.buffer().putLong(p0.itemPosition(1) + 8, marker); // only in shared memory, not on disk
        pool.finishPageChange(change(rel, 0), b0);
        pool.unlock(b0, true);
        pool.release(b0);

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), childMain.getName(),
                regionName, dir.toString(), Integer.toString(nbuffers), Integer.toString(rel.relNumber()),
                Integer.toString(increments)));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("marker " + marker + " reads 0", readLineSkippingLogs(out),
                    "the child found the page in the shared mapping table");
            for (int i = 0; i < increments; i++) {
                incrementCounter(pool, rel);
            }
            assertEquals("done", readLineSkippingLogs(out));
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        int b1 = pool.readBuffer(rel, ForkNumber.MAIN, 1, null);
        Page p1 = pool.page(b1);
        assertEquals(2L * increments, p1.buffer().getLong(p1.itemPosition(1) + 8), "no increment lost across processes");
        pool.release(b1);
        for (int b = 0; b < nbuffers; b++) assertEquals(0, pool.pinCount(b), "buffer " + b + " left pinned");
    }

    /** One increment of block 1's counter under the exclusive content lock (the children do the same). */
    public static void incrementCounter(BufferPool pool, RelFileLocator rel) {
        int b = pool.readBuffer(rel, ForkNumber.MAIN, 1, null);
        pool.lock(b, true);
        Page p = pool.page(b);
        int pos = p.itemPosition(1) + 8;
        p.buffer().putLong(pos, p.buffer().getLong(pos) + 1);
        pool.finishPageChange(change(rel, 1), b);
        pool.unlock(b, true);
        pool.release(b);
    }

    public static PageChangeRecord change(RelFileLocator rel, int block) {
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
