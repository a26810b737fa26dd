package org.pgmini.storage.tape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tmp.TempFiles;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Tapes written by other JVMs into a shared fileset are imported into one leader tape set. */
class SharedTapeImportTest {
    @TempDir Path dataDir;

    private static List<TapeExport> runWriter(SharedFileSet fs, String name, long seed, int ntapes) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TapeWriterChild.class.getName(),
                fs.directory().toString(), name, Long.toString(seed), Integer.toString(ntapes));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<TapeExport> exports = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("EXPORT ")) exports.add(TapeExport.fromBytes(HexFormat.of().parseHex(line.substring(7))));
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "writer finished");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), output.toString());
        assertEquals(ntapes, exports.size(), output.toString());
        return exports;
    }

    @Test
    void leaderImportsTapesOfTwoWorkerProcesses() throws Exception {
        Path dir;
        try (SharedFileSet fs = SharedFileSet.create(dataDir)) {
            dir = fs.directory();
            assertTrue(dir.getFileName().toString().startsWith("pgsql_tmp" + ProcessHandle.current().pid() + "."));
            List<TapeExport> a = runWriter(fs, "worker0", 11, 3);
            List<TapeExport> b = runWriter(fs, "worker1", 22, 4);
            List<TapeExport> all = new ArrayList<>(a);
            all.addAll(b);
            try (LogicalTapeSet set = LogicalTapeSet.importTapes(fs, all, null)) {
                List<LogicalTape> tapes = set.importedTapes();
                assertEquals(7, tapes.size());
                long importedBlocks = a.get(0).fileBlocks() + b.get(0).fileBlocks();
                assertEquals(importedBlocks, set.blocksUsed());
                // the leader merges them into a tape of its own (written after the imported blocks)
                LogicalTape merged = set.createTape();
                for (int i = 0; i < tapes.size(); i++) {
                    long seed = i < 3 ? 11 : 22;
                    int t = i < 3 ? i : i - 3;
                    byte[] expect = TapeWriterChild.content(seed, t);
                    assertEquals(expect.length, tapes.get(i).size());
                    LogicalTape tape = tapes.get(i);
                    if (i % 2 == 0) tape.rewindForRead(LogicalTapeSet.BLCKSZ * 3); else tape.freeze();
                    byte[] got = new byte[expect.length];
                    tape.readFully(got, 0, got.length);
                    assertArrayEquals(expect, got, "tape " + i);
                    assertEquals(0, tape.read(new byte[1], 0, 1));
                    merged.write(got);
                }
                assertTrue(set.blocksUsed() > importedBlocks, "leader's writes go to its own file");
                merged.freeze();
                for (int i = 0; i < tapes.size(); i++) {
                    byte[] expect = TapeWriterChild.content(i < 3 ? 11 : 22, i < 3 ? i : i - 3);
                    byte[] got = new byte[expect.length];
                    merged.readFully(got, 0, got.length);
                    assertArrayEquals(expect, got);
                }
            }
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of("worker0", "worker1"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                        "worker files stay until the leader removes the fileset");
            }
        }
        assertFalse(Files.exists(dir), "the owner removes the fileset directory");
        try (Stream<Path> s = Files.list(TempFiles.tempDir(dataDir))) {
            assertEquals(0, s.count(), "no temp file left");
        }
    }

    @Test
    void killedWorkerLeavesNothingAfterLeaderCloses() throws Exception {
        Path dir;
        try (SharedFileSet fs = SharedFileSet.create(dataDir)) {
            dir = fs.directory();
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TapeWriterChild.class.getName(),
                    fs.directory().toString(), "worker0", "5", "2", "hang");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.equals("READY")) { }
                assertEquals("READY", line);
                assertTrue(Files.size(dir.resolve("worker0")) > 0);
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            } finally {
                p.destroyForcibly();
            }
            assertTrue(Files.exists(dir.resolve("worker0")), "the dead worker's file is still there");
        }
        // the leader's error path closes the fileset: the directory goes with the worker's file
        assertFalse(Files.exists(dir));
    }

    @Test
    void filesetOfCrashedServerRemovedAtStart() throws Exception {
        SharedFileSet fs = SharedFileSet.create(dataDir);
        try (LogicalTapeSet set = LogicalTapeSet.createShared(SharedFileSet.attach(fs.directory()), "w0")) {
            LogicalTape t = set.createTape();
            byte[] b = new byte[20_000];
            new Random(1).nextBytes(b);
            t.write(b);
            t.export();
        }
        assertTrue(Files.exists(fs.directory().resolve("w0")), "a worker's close leaves its file");
        assertEquals(1, TempFiles.removeAllTempFiles(dataDir), "start-up cleanup removes the directory");
        assertFalse(Files.exists(fs.directory()));
        fs.close();
    }

    @Test
    void exportRoundTrip() {
        TapeExport e = new TapeExport("w1", 123, -1, 0);
        assertEquals(e, TapeExport.fromBytes(e.toBytes()));
        assertThrows(IllegalStateException.class, () -> {
            try (LogicalTapeSet set = LogicalTapeSet.create(dataDir)) {
                set.createTape().export();
            }
        });
    }
}
