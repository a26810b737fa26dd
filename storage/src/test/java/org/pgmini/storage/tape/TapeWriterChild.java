package org.pgmini.storage.tape;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

/**
 * Runs in a separate JVM for {@link SharedTapeImportTest}: attaches to the leader's shared
 * fileset, writes {@code ntapes} tapes whose content follows from the seed (with pauses and
 * resumes, and a merge-like read of a scratch tape so the free list is used), and prints one
 * {@code EXPORT <hex>} line per tape.
 * Arguments: fileset directory, file name, seed, number of tapes, optionally {@code hang}.
 */
public final class TapeWriterChild {
    private TapeWriterChild() {}

    static byte[] content(long seed, int tape) {
        Random rnd = new Random(seed * 1000 + tape);
        byte[] b = new byte[rnd.nextInt(60_000) + (tape == 0 ? 0 : 1)];
        rnd.nextBytes(b);
        return b;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String name = args[1];
        long seed = Long.parseLong(args[2]);
        int ntapes = Integer.parseInt(args[3]);
        SharedFileSet fs = SharedFileSet.attach(dir);
        try (LogicalTapeSet set = LogicalTapeSet.createShared(fs, name)) {
            // a scratch tape read destructively first, so the exported tapes reuse freed blocks
            LogicalTape scratch = set.createTape();
            scratch.write(new byte[50_000]);
            scratch.rewindForRead(LogicalTapeSet.BLCKSZ * 2);
            scratch.readFully(new byte[50_000], 0, 50_000);
            LogicalTape[] tapes = new LogicalTape[ntapes];
            for (int i = 0; i < ntapes; i++) tapes[i] = set.createTape();
            // interleave the tapes' blocks in the file
            for (int half = 0; half < 2; half++) {
                for (int i = 0; i < ntapes; i++) {
                    byte[] b = content(seed, i);
                    int from = half == 0 ? 0 : b.length / 2;
                    int to = half == 0 ? b.length / 2 : b.length;
                    if (half == 1) tapes[i].resume();
                    tapes[i].write(b, from, to - from);
                    tapes[i].pause();
                }
            }
            for (LogicalTape t : tapes) System.out.println("EXPORT " + HexFormat.of().formatHex(t.export().toBytes()));
            if (args.length > 4 && args[4].equals("hang")) {
                // a worker that is killed while it still has its file open
                System.out.println("READY");
                System.out.flush();
                Thread.sleep(60_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
    }
}
