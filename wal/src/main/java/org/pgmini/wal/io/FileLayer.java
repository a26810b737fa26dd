package org.pgmini.wal.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation of the WAL goes through this layer so that a test can replace it with
 * {@link FaultInjectingFileLayer}, which forgets whatever was not made durable when "power" fails.
 * Durability rules follow POSIX: file contents need force/persist, and names (create, rename,
 * delete) need {@link #syncDirectory} of the parent.
 */
public interface FileLayer {
    enum OpenMode {
        /** Plain open: writes need {@link WalFile#force}. */
        NORMAL,
        /** O_SYNC: each write is durable, with metadata, when it returns. */
        SYNC,
        /** O_DSYNC: each write's data is durable when it returns. */
        DSYNC
    }

    /** Opens a file for reading and writing, creating it (empty) when {@code create} is set. */
    WalFile open(Path path, boolean create, OpenMode mode) throws IOException;

    /** Maps {@code size} bytes of a file, creating and sizing it first if needed. */
    PersistentRegion map(Path path, long size) throws IOException;

    boolean exists(Path path);

    long size(Path path) throws IOException;

    void delete(Path path) throws IOException;

    /** Atomic rename, replacing {@code to}. */
    void rename(Path from, Path to) throws IOException;

    void syncDirectory(Path dir) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /** File names (not paths) in {@code dir}, sorted. */
    List<String> list(Path dir) throws IOException;

    /** Number of force/persist calls so far: tests count flushes with it (group commit). */
    long syncCount();

    /** How mapped regions are persisted: "libpmem" or "msync". */
    String mapFlushMethod();
}
