package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tape.SharedFileSet;
import org.pgmini.storage.tape.TapeExport;
import org.pgmini.storage.tmp.TempFiles;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Worker sorts in two other JVMs; the leader imports their runs and merges them. */
class ParallelSortProcessTest {
    @TempDir Path dataDir;

    private static Process startWorker(SharedFileSet fs, String name, long seed, int n, long workMem) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SortWorkerChild.class.getName(),
                fs.directory().toString(), name, Long.toString(seed), Integer.toString(n), Long.toString(workMem));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static TapeExport collect(Process p) throws Exception {
        TapeExport export = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("EXPORT ")) export = TapeExport.fromBytes(HexFormat.of().parseHex(line.substring(7)));
                if (line.startsWith("STATS ")) assertTrue(line.matches("STATS Sort Method: external sort  Disk: \\d+kB"), line);
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), out.toString());
        assertNotNull(export, out.toString());
        return export;
    }

    @Test
    void leaderMergesRunsOfWorkerProcesses() throws Exception {
        Path dir;
        try (SharedFileSet fs = SharedFileSet.create(dataDir)) {
            dir = fs.directory();
            // worker 1 spills and merges its own runs (64kB), worker 2 sorts in memory
            Process a = startWorker(fs, "w1", 1, 15_000, 64);
            Process b = startWorker(fs, "w2", 2, 3_000, 4096);
            List<TapeExport> exports = List.of(collect(a), collect(b));
            List<Object[]> all = new ArrayList<>(SortWorkerChild.share(1, 15_000));
            all.addAll(SortWorkerChild.share(2, 3_000));
            try (Tuplesort<Object[]> leader = Tuplesort.beginLeader(TuplesortTest.BY_S_THEN_K_DESC, TuplesortTest.CODEC,
                    new SortOptions(dataDir).workMemKB(1024), fs, exports)) {
                leader.performSort();
                List<Object[]> out = new ArrayList<>();
                for (Object[] r; (r = leader.next()) != null; ) out.add(r);
                TuplesortTest.assertSorted(all, out, TuplesortTest.BY_S_THEN_K_DESC);
                assertEquals(SortMethod.EXTERNAL_MERGE, leader.stats().method());
            }
        }
        assertFalse(Files.exists(dir));
        try (Stream<Path> s = Files.list(TempFiles.tempDir(dataDir))) {
            assertEquals(0, s.count());
        }
    }
}
