package org.pgmini.storage.tmp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class BufFileTest {
    @TempDir Path dataDir;

    private long filesInTempDir() throws Exception {
        Path d = TempFiles.tempDir(dataDir);
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) { return s.count(); }
    }

    @Test
    void writeSeekReadAcrossSegments() throws Exception {
        byte[] data = new byte[100_000];
        new Random(5).nextBytes(data);
        try (BufFile f = BufFile.create(dataDir, 16384)) {
            for (int off = 0; off < data.length; off += 777) f.write(data, off, Math.min(777, data.length - off));
            assertEquals(data.length, f.size());
            for (Path p : f.segmentPaths()) {
                assertTrue(p.getFileName().toString().startsWith("pgsql_tmp" + ProcessHandle.current().pid() + "."));
                assertEquals(TempFiles.tempDir(dataDir), p.getParent());
            }
            f.seek(0);
            byte[] back = new byte[data.length];
            f.readFully(back, 0, back.length);
            assertArrayEquals(data, back);
            assertEquals(7, f.segmentPaths().size(), "100000 bytes in 16 KiB segments");
            assertEquals(0, f.read(new byte[10], 0, 10), "end of file");
            // random access: overwrite in the middle, across a segment boundary
            byte[] patch = new byte[3000];
            new Random(6).nextBytes(patch);
            f.seek(16384 - 1000);
            f.write(patch);
            System.arraycopy(patch, 0, data, 16384 - 1000, patch.length);
            Random rnd = new Random(7);
            for (int i = 0; i < 200; i++) {
                int at = rnd.nextInt(data.length - 500);
                int len = 1 + rnd.nextInt(500);
                f.seek(at);
                byte[] part = new byte[len];
                f.readFully(part, 0, len);
                for (int j = 0; j < len; j++) assertEquals(data[at + j], part[j], "byte " + (at + j));
            }
            assertEquals(data.length, f.size());
        }
        assertEquals(0, filesInTempDir(), "close removes the segments");
    }

    @Test
    void setRemovesFilesOnError() throws Exception {
        int before = TempFiles.liveCount();
        assertThrows(IllegalStateException.class, () -> {
            try (TempFileSet set = new TempFileSet(dataDir, 8192)) {
                BufFile a = set.create();
                BufFile b = set.create();
                a.write(new byte[20_000]);
                b.write(new byte[10]);
                throw new IllegalStateException("query failed");
            }
        });
        assertEquals(0, filesInTempDir());
        assertEquals(before, TempFiles.liveCount());
    }

    @Test
    void removeAllTempFilesAfterCrash() throws Exception {
        Path d = TempFiles.tempDir(dataDir);
        Files.createDirectories(d.resolve("pgsql_tmp123.fileset"));
        Files.writeString(d.resolve("pgsql_tmp123.0"), "left by a dead process");
        Files.writeString(d.resolve("pgsql_tmp123.fileset/0.0"), "shared fileset");
        Files.writeString(d.resolve("unrelated"), "not ours");
        assertEquals(2, TempFiles.removeAllTempFiles(dataDir));
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(List.of("unrelated"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(0, TempFiles.removeAllTempFiles(dataDir.resolve("nonexistent")));
    }
}
