package org.pgmini.storage.tmp;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Temporary files under {@code base/pgsql_tmp/}, named {@code pgsql_tmp<pid>.<n>} like
 * PostgreSQL's. Every file this process creates is tracked until deleted; a shutdown hook
 * removes what is left when the JVM exits, and {@link #removeAllTempFiles} clears the directory
 * at server start (after a crash, nobody else can still be using them).
 */
public final class TempFiles {
    private static final Logger log = LoggerFactory.getLogger(TempFiles.class);
    public static final String DIR = "base/pgsql_tmp";
    public static final String PREFIX = "pgsql_tmp";

    private static final AtomicLong counter = new AtomicLong();
    private static final Set<Path> live = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : live) {
                try { Files.deleteIfExists(p); } catch (IOException ignored) { /* exiting anyway */ }
            }
        }, "temp-file-cleanup"));
    }

    private TempFiles() {}

    public static Path tempDir(Path dataDir) { return dataDir.resolve(DIR); }

    /** Creates a new empty temporary file and starts tracking it. */
    static Path createFile(Path dataDir) {
        Path dir = tempDir(dataDir);
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(PREFIX + ProcessHandle.current().pid() + "." + counter.getAndIncrement());
            Files.createFile(p);
            live.add(p);
            return p;
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not create temporary file: " + e.getMessage(), e);
        }
    }

    /** Deletes a temporary file and stops tracking it. */
    static void deleteFile(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not remove temporary file \"{}\": {}", p, e.getMessage());
        } finally {
            live.remove(p);
        }
    }

    /** Number of temporary files this process has open (for tests and monitoring). */
    public static int liveCount() { return live.size(); }

    /**
     * Removes every {@code pgsql_tmp*} file or directory in {@code base/pgsql_tmp} (RemovePgTempFiles),
     * to be called by the postmaster at start, before any session exists. Returns how many went.
     */
    public static int removeAllTempFiles(Path dataDir) {
        Path dir = tempDir(dataDir);
        if (!Files.isDirectory(dir)) return 0;
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : ds) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
                }
                n++;
            }
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not remove temporary files in \"" + DIR + "\": " + e.getMessage(), e);
        }
        return n;
    }
}
