package org.pgmini.storage.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.walhook.WalHook;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A scanner in another JVM over the same shared buffer pool (a file mapping) while this process
 * inserts in random order, splitting pages at every level: content locks and right-links work
 * across processes (see {@link BTreeCrossProcessReader} for what the reader checks).
 */
class BTreeCrossProcessTest {
    @TempDir Path dir;

    @Test
    @Timeout(120)
    void readerInAnotherProcessSeesAConsistentTree() throws Exception {
        int nbuffers = 512, n = 60000, relNumber = 16600;
        Path regionFile = dir.resolve("region");
        long size = BufferPool.requiredSize(nbuffers);
        MappedByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(regionFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), size - 1);
            mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
        try (Smgr smgr = new Smgr(dir, 1 << 17)) {
            BufferPool pool = new BufferPool(new ByteBufferRegion(mapped), 0, nbuffers, smgr, WalHook.NONE, true);
            BTree bt = new BTree(pool);
            IndexRelation idx = new IndexRelation(new RelFileLocator(5, relNumber), "xp", new AttributeType[] {AttributeType.INT8},
                    new int[] {1}, new boolean[] {false}, false);
            bt.create(idx);
            pool.flushAll(); // the reader's own smgr must see the file's first blocks
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BTreeCrossProcessReader.class.getName(),
                    regionFile.toString(), dir.toString(), Integer.toString(nbuffers), Integer.toString(relNumber), Integer.toString(n));
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("attached", out.readLine());
                List<Integer> keys = new ArrayList<>();
                for (int i = 0; i < n; i++) keys.add(i);
                Collections.shuffle(keys, new Random(5));
                for (int k : keys) bt.insert(idx, new Object[] {(long) k}, new ItemPointer(k, 1));
                OutputStream in = child.getOutputStream();
                in.write("done\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                String result = out.readLine();
                assertNotNull(result);
                assertTrue(result.startsWith("ok scans "), result);
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, child.exitValue());
                String[] f = result.split(" ");
                assertTrue(Integer.parseInt(f[4]) >= 1, "some scans ran while the inserts were going on: " + result);
                System.out.println("cross-process reader: " + result);
            } finally {
                child.destroyForcibly();
            }
            for (int b = 0; b < nbuffers; b++) assertEquals(0, pool.pinCount(b), "buffer " + b + " left pinned");
        }
    }
}
