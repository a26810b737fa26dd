package org.pgmini.storage.walint;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalPmemFlush;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the storage-over-WAL crash tests' clusters share: where they live and their WAL settings. */
final class WalintSupport {
    private WalintSupport() {}

    /** A new temp directory on /dev/shm (the PMEM stand-in) when it is writable, else in java.io.tmpdir. */
    static Path tempDir(String prefix) throws IOException {
        Path shm = Paths.get("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(base, prefix);
    }

    /**
     * Small WAL (256 KiB segments, 16 WAL pages of buffers, nvwal of 4 segments in {@code dir})
     * flushed by msync, and a WAL writer that does not wake up during a test.
     */
    static WalSettings walSettings(Path dir, WalPmemMode mode) {
        WalSettings s = new WalSettings();
        s.walSegmentSize = 256 * 1024;
        s.walBuffers = 16 * WalLayout.PAGE_SIZE;
        s.walPmemMode = mode;
        s.walPmemFlush = WalPmemFlush.MSYNC;
        s.nvwalPath = dir.resolve("nvwal");
        s.nvwalSize = 4 * s.walSegmentSize;
        s.walWriterDelay = 10_000;
        return s;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
