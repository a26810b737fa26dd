package org.pgmini.storage.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.WalHook;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;


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
            CrossProcessIncrements.run(pool, rel, nbuffers, 987654321L, 3000, CrossProcessChild.class, regionFile.toString(), dir);
        } finally {
            Files.deleteIfExists(regionFile);
        }
    }
}
