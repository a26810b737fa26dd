package org.pgmini.storage.tape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tmp.TempFileSet;
import org.pgmini.storage.tmp.TempFiles;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class LogicalTapeTest {
    @TempDir Path dataDir;

    private long filesInTempDir() throws Exception {
        Path d = TempFiles.tempDir(dataDir);
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) { return s.count(); }
    }

    /** What a tape should contain, and where a reader of it stands. */
    private static final class Model {
        LogicalTape tape;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        int readPos;
        String state = "writing";
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static void checkRead(Model m, Random rnd, int len) {
        byte[] all = m.written.toByteArray();
        byte[] got = new byte[len];
        int n = m.tape.read(got, 0, len);
        int expect = Math.min(len, all.length - m.readPos);
        assertEquals(expect, n, "bytes read at " + m.readPos);
        assertArrayEquals(Arrays.copyOfRange(all, m.readPos, m.readPos + n), Arrays.copyOf(got, n), "data at " + m.readPos);
        m.readPos += n;
    }

    @Test
    void randomOperationsMatchModel() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed);
            try (LogicalTapeSet set = LogicalTapeSet.create(dataDir)) {
                Model[] tapes = new Model[5];
                for (int i = 0; i < tapes.length; i++) {
                    tapes[i] = new Model();
                    tapes[i].tape = set.createTape();
                }
                for (int step = 0; step < 600; step++) {
                    Model m = tapes[rnd.nextInt(tapes.length)];
                    int op = rnd.nextInt(10);
                    switch (m.state) {
                        case "writing" -> {
                            if (op < 6) {
                                // sizes around the block boundary matter most
                                int len = rnd.nextInt(4) == 0 ? LogicalTapeSet.DATA_SIZE - m.written.size() % LogicalTapeSet.DATA_SIZE
                                        : 1 + rnd.nextInt(rnd.nextBoolean() ? 100 : 30_000);
                                byte[] b = randomBytes(rnd, len);
                                m.tape.write(b);
                                m.written.write(b);
                            } else if (op < 8) {
                                m.tape.pause();
                                assertEquals(0, m.tape.bufferBytes(), "a paused tape holds no buffer");
                                m.state = "paused";
                            } else if (op < 9) {
                                m.tape.rewindForRead(LogicalTapeSet.BLCKSZ * (1 + rnd.nextInt(5)));
                                m.state = "reading";
                            } else {
                                m.tape.freeze();
                                m.state = "frozen";
                            }
                        }
                        case "paused" -> {
                            if (op < 5) {
                                m.tape.resume();
                                m.state = "writing";
                            } else if (op < 8) {
                                long readsBefore = set.blocksRead();
                                long writesBefore = set.blocksWritten();
                                m.tape.rewindForRead(LogicalTapeSet.BLCKSZ * (1 + rnd.nextInt(5)));
                                assertEquals(readsBefore, set.blocksRead(), "rewind after pause reads nothing");
                                assertEquals(writesBefore, set.blocksWritten(), "rewind after pause writes nothing");
                                m.state = "reading";
                            } else {
                                m.tape.freeze();
                                m.state = "frozen";
                            }
                        }
                        case "reading" -> {
                            if (op < 8 || m.readPos < m.written.size()) {
                                checkRead(m, rnd, 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 40_000));
                            } else {
                                assertEquals(0, m.tape.read(new byte[1], 0, 1), "end of tape");
                                m.tape.close();
                                m.tape = set.createTape();
                                m.written = new ByteArrayOutputStream();
                                m.readPos = 0;
                                m.state = "writing";
                            }
                        }
                        case "frozen" -> {
                            if (op < 5) {
                                checkRead(m, rnd, 1 + rnd.nextInt(20_000));
                            } else if (op < 7) {
                                long back = rnd.nextInt(30_000);
                                long moved = m.tape.backspace(back);
                                assertEquals(Math.min(back, m.readPos), moved);
                                m.readPos -= (int) moved;
                                checkRead(m, rnd, 1 + rnd.nextInt(100));
                            } else if (op < 9) {
                                TapePosition p = m.tape.tell();
                                int at = m.readPos;
                                checkRead(m, rnd, 1 + rnd.nextInt(20_000));
                                m.tape.seek(p);
                                m.readPos = at;
                                checkRead(m, rnd, 1 + rnd.nextInt(20_000));
                            } else {
                                m.tape.rewind();
                                m.readPos = 0;
                            }
                        }
                        default -> fail();
                    }
                }
                // everything still on a tape reads back whole
                for (Model m : tapes) {
                    if (m.state.equals("writing") || m.state.equals("paused")) {
                        m.tape.freeze();
                        m.readPos = 0;
                    }
                    if (m.state.equals("frozen")) { m.tape.rewind(); m.readPos = 0; }
                    while (m.readPos < m.written.size()) checkRead(m, rnd, 10_000);
                    assertEquals(0, m.tape.read(new byte[1], 0, 1));
                }
            }
            assertEquals(0, filesInTempDir(), "closing the set removes its file");
        }
    }

    @Test
    void mergeReusesFreedBlocks() {
        int inputs = 8;
        int readAheadBlocks = 4;
        Random rnd = new Random(42);
        try (LogicalTapeSet set = LogicalTapeSet.create(dataDir)) {
            List<LogicalTape> in = new ArrayList<>();
            List<ByteArrayOutputStream> content = new ArrayList<>();
            for (int i = 0; i < inputs; i++) { in.add(set.createTape()); content.add(new ByteArrayOutputStream()); }
            long total = 0;
            // interleaved writes, like runs written one after another with pauses in between
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < inputs; i++) {
                    LogicalTape t = in.get(i);
                    if (round > 0) t.resume();
                    byte[] b = randomBytes(rnd, 1000 + rnd.nextInt(12_000));
                    t.write(b);
                    content.get(i).writeBytes(b);
                    total += b.length;
                    t.pause();
                }
            }
            long dataBlocks = (total + LogicalTapeSet.DATA_SIZE - 1) / LogicalTapeSet.DATA_SIZE;
            long before = set.blocksUsed();
            assertTrue(before <= dataBlocks + inputs, "runs are packed: " + before + " blocks for " + dataBlocks + " blocks of data");

            for (LogicalTape t : in) t.rewindForRead(readAheadBlocks * LogicalTapeSet.BLCKSZ);
            LogicalTape out = set.createTape();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            byte[] chunk = new byte[3000];
            boolean any = true;
            while (any) {
                any = false;
                for (int i = 0; i < inputs; i++) {
                    int n = in.get(i).read(chunk, 0, 1 + rnd.nextInt(chunk.length));
                    if (n > 0) {
                        any = true;
                        out.write(chunk, 0, n);
                        expected.write(chunk, 0, n);
                    }
                }
            }
            assertEquals(total, out.size());
            long after = set.blocksUsed();
            // The output was written into the blocks the inputs gave back: the file grows by at
            // most what the read-ahead buffers hold, not by another copy of the data.
            assertTrue(after <= before + (long) inputs * readAheadBlocks + 2,
                    "merge of " + dataBlocks + " blocks grew the file from " + before + " to " + after + " blocks");
            out.freeze();
            byte[] back = new byte[(int) total];
            out.readFully(back, 0, back.length);
            assertArrayEquals(expected.toByteArray(), back);
        }
    }

    @Test
    void emptyTapeAndExactBlockBoundaries() {
        try (LogicalTapeSet set = LogicalTapeSet.create(dataDir)) {
            LogicalTape empty = set.createTape();
            empty.pause();
            empty.resume();
            empty.rewindForRead(LogicalTapeSet.BLCKSZ);
            assertEquals(0, empty.read(new byte[10], 0, 10));
            assertEquals(0, set.blocksUsed(), "an empty tape takes no block");

            LogicalTape t = set.createTape();
            byte[] b = randomBytes(new Random(3), LogicalTapeSet.DATA_SIZE * 3);
            t.write(b, 0, LogicalTapeSet.DATA_SIZE);
            t.pause();
            t.resume();
            t.write(b, LogicalTapeSet.DATA_SIZE, LogicalTapeSet.DATA_SIZE * 2);
            t.freeze();
            assertEquals(3, set.blocksUsed());
            byte[] back = new byte[b.length];
            t.readFully(back, 0, back.length);
            assertArrayEquals(b, back);
            assertEquals(b.length, t.backspace(b.length + 5), "backspace stops at the start");
            assertEquals(new TapePosition(0, 0), t.tell());
            t.seek(new TapePosition(1, 5));
            t.readFully(back, 0, 3);
            assertEquals(b[LogicalTapeSet.DATA_SIZE + 5], back[0]);
        }
    }

    @Test
    void fileRemovedWhenOwningSetClosesOnError() throws Exception {
        assertThrows(IllegalStateException.class, () -> {
            try (TempFileSet files = new TempFileSet(dataDir)) {
                LogicalTapeSet set = LogicalTapeSet.create(files);
                LogicalTape t = set.createTape();
                t.write(new byte[100_000]);
                t.pause();
                assertEquals(1, filesInTempDir());
                throw new IllegalStateException("sort failed");
            }
        });
        assertEquals(0, filesInTempDir());
    }
}
