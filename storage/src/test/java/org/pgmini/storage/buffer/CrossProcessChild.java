package org.pgmini.storage.buffer;

import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.walhook.WalHook;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The "second process" of {@link CrossProcessBufferTest}: maps the region file, attaches to the
 * buffer pool without initializing it, prints what block 0 holds, then increments the counter of
 * block 1 under the exclusive content lock {@code args[4]} times.
 */
public final class CrossProcessChild {
    public static void main(String[] args) throws Exception {
        Path regionFile = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        int nbuffers = Integer.parseInt(args[2]);
        RelFileLocator rel = new RelFileLocator(5, Integer.parseInt(args[3]));
        int increments = Integer.parseInt(args[4]);
        MappedByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(regionFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
        }
        try (Smgr smgr = new Smgr(dataDir, 8)) {
            BufferPool pool = new BufferPool(new ByteBufferRegion(mapped), 0, nbuffers, smgr, WalHook.NONE, false);
            readMarkerAndIncrement(pool, rel, increments);
        }
    }

    /**
     * The child's work on an attached pool, shared by every cross-process buffer test: print
     * what block 0 holds and how many reads that took, then increment block 1's counter under
     * the exclusive content lock {@code increments} times, and print "done".
     */
    public static void readMarkerAndIncrement(BufferPool pool, RelFileLocator rel, int increments) {
        int buf = pool.readBuffer(rel, ForkNumber.MAIN, 0, null);
        pool.lock(buf, false);
        long marker = pool.page(buf).item(1).getLong(8);
        pool.unlock(buf, false);
        pool.release(buf);
        System.out.println("marker " + marker + " reads " + pool.stats().reads());
        System.out.flush();
        for (int i = 0; i < increments; i++) {
            CrossProcessIncrements.incrementCounter(pool, rel);
        }
        System.out.println("done");
    }
}
