package org.pgmini.storage.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.shared.ByteBufferRegion;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class ParallelBlockAllocatorTest {
    @TempDir Path dir;

    private static List<long[]> drain(ParallelBlockAllocator a) {
        List<long[]> out = new ArrayList<>();
        for (long r; (r = a.next()) != -1; ) out.add(new long[] {ParallelBlockAllocator.start(r), ParallelBlockAllocator.end(r)});
        return out;
    }

    @Test
    void singleParticipantGetsEveryBlockOnceLargeChunksFirst() {
        ByteBufferRegion region = ByteBufferRegion.allocate(8192);
        ParallelBlockAllocator a = ParallelBlockAllocator.initialize(region, 8, 100_000, 3);
        List<long[]> ranges = drain(a);
        long expect = 0;
        for (long[] r : ranges) {
            assertEquals(expect, r[0]);
            assertTrue(r[1] > r[0]);
            expect = r[1];
        }
        assertEquals(100_000, expect);
        long first = ranges.get(0)[1] - ranges.get(0)[0];
        long last = ranges.get(ranges.size() - 1)[1] - ranges.get(ranges.size() - 1)[0];
        assertEquals(ParallelBlockAllocator.MAX_CHUNK, first); // 100000 / (3 * 8) capped
        assertEquals(1, last);
        for (int i = 1; i < ranges.size(); i++) {
            assertTrue(ranges.get(i)[1] - ranges.get(i)[0] <= ranges.get(i - 1)[1] - ranges.get(i - 1)[0], "sizes never grow");
        }
        assertEquals(-1, a.next());
    }

    @Test
    void emptyAndTinyTables() {
        ByteBufferRegion region = ByteBufferRegion.allocate(8192);
        assertEquals(-1, ParallelBlockAllocator.initialize(region, 0, 0, 2).next());
        ParallelBlockAllocator a = ParallelBlockAllocator.initialize(region, 0, 1, 2);
        long r = a.next();
        assertEquals(0, ParallelBlockAllocator.start(r));
        assertEquals(1, ParallelBlockAllocator.end(r));
        assertEquals(-1, a.next());
    }

    @Test
    void threadsClaimDisjointRangesCoveringTheTable() throws Exception {
        int nblocks = 200_003, threads = 4;
        ByteBufferRegion region = ByteBufferRegion.allocate(8192);
        ParallelBlockAllocator.initialize(region, 0, nblocks, threads);
        List<List<long[]>> got = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            List<long[]> mine = new ArrayList<>();
            got.add(mine);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                mine.addAll(drain(ParallelBlockAllocator.attach(region, 0)));
            });
            ts.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : ts) t.join(10_000);
        BitSet seen = new BitSet(nblocks);
        for (List<long[]> mine : got) {
            for (long[] r : mine) {
                for (long b = r[0]; b < r[1]; b++) {
                    assertFalse(seen.get((int) b), "block " + b + " handed out twice");
                    seen.set((int) b);
                }
            }
        }
        assertEquals(nblocks, seen.cardinality());
    }

    /** Child JVM: maps the file, drains the allocator at offset 0, prints "start end" per range. */
    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, 32);
            ParallelBlockAllocator a = ParallelBlockAllocator.attach(new ByteBufferRegion(m), 0);
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            StringBuilder sb = new StringBuilder();
            for (long r; (r = a.next()) != -1; ) {
                sb.append(ParallelBlockAllocator.start(r)).append(' ').append(ParallelBlockAllocator.end(r)).append('\n');
            }
            System.out.print(sb);
            System.out.println("done");
        }
    }

    @Test
    void twoProcessesShareOneAllocator() throws Exception {
        int nblocks = 500_000;
        Path file = dir.resolve("alloc");
        MappedByteBuffer m;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(32), 0);
            m = ch.map(FileChannel.MapMode.READ_WRITE, 0, 32);
        }
        ByteBufferRegion region = new ByteBufferRegion(m);
        ParallelBlockAllocator a = ParallelBlockAllocator.initialize(region, 0, nblocks, 2);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ParallelBlockAllocatorTest.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            List<long[]> mine = drain(a);
            BitSet seen = new BitSet(nblocks);
            for (long[] r : mine) seen.set((int) r[0], (int) r[1]);
            int mineCount = seen.cardinality();
            int theirs = 0;
            for (String line; !"done".equals(line = out.readLine()); ) {
                assertNotNull(line, "child ended early");
                String[] p = line.split(" ");
                int s = Integer.parseInt(p[0]), e = Integer.parseInt(p[1]);
                assertTrue(seen.get(s, e).isEmpty(), "range " + line + " also handed to the leader");
                seen.set(s, e);
                theirs += e - s;
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(nblocks, seen.cardinality());
            assertEquals(nblocks, mineCount + theirs);
        } finally {
            child.destroyForcibly();
        }
    }
}
