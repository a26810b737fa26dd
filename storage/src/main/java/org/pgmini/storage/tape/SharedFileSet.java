package org.pgmini.storage.tape;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tmp.TempFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temp files shared by the processes of one parallel operation (PostgreSQL's SharedFileSet):
 * a directory {@code base/pgsql_tmp/pgsql_tmp<leaderpid>.<n>.sharedfileset} created and owned
 * by the leader. Workers {@link #attach} to it by path (the leader passes the path, e.g. in the
 * query's DSM segment), and each writes its own files in it under names the leader chose.
 *
 * <p>Ownership: only the owner removes anything. It removes the whole directory on
 * {@link #close()} — after success, after an error, and (through a shutdown hook) when its JVM
 * exits; a worker that dies mid-write therefore leaks nothing. After a crash of the whole
 * server the start-up cleanup ({@link TempFiles#removeAllTempFiles}) removes the directory,
 * since its name starts with {@code pgsql_tmp}. Workers never delete files: the leader may
 * still be reading them.
 */
public final class SharedFileSet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedFileSet.class);
    private static final String SUFFIX = ".sharedfileset";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final AtomicLong counter = new AtomicLong();
    private static final Set<Path> owned = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : owned) removeTree(p);
        }, "shared-fileset-cleanup"));
    }

    private final Path directory;
    private final boolean owner;
    private boolean closed;

    private SharedFileSet(Path directory, boolean owner) {
        this.directory = directory;
        this.owner = owner;
    }

    /** Creates a new, empty fileset owned by this process (the leader). */
    public static SharedFileSet create(Path dataDir) {
        Path dir = TempFiles.tempDir(dataDir).resolve(TempFiles.PREFIX + ProcessHandle.current().pid() + "."
                + counter.getAndIncrement() + SUFFIX);
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not create directory \"" + dir + "\": " + e.getMessage(), e);
        }
        owned.add(dir);
        return new SharedFileSet(dir, true);
    }

    /** Attaches (as a worker) to a fileset another process created; {@code close()} then removes nothing. */
    public static SharedFileSet attach(Path directory) {
        String name = directory.getFileName().toString();
        if (!name.startsWith(TempFiles.PREFIX) || !name.endsWith(SUFFIX) || !Files.isDirectory(directory)) {
            throw new PgException(SqlState.IO_ERROR, "could not open shared fileset \"" + directory + "\"");
        }
        return new SharedFileSet(directory, false);
    }

    public Path directory() { return directory; }

    public boolean isOwner() { return owner; }

    /** The data directory this fileset lives in ({@code <dataDir>/base/pgsql_tmp/<dir>}). */
    public Path dataDir() { return directory.getParent().getParent().getParent(); }

    /** Creates a new file (it must not exist yet) for this process to write. */
    SharedBlockFile createFile(String name) {
        Path p = fileFor(name);
        try {
            FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new SharedBlockFile(p, ch);
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not create temporary file \"" + p + "\": " + e.getMessage(), e);
        }
    }

    /** Opens a file some process of the set wrote, for reading. */
    SharedBlockFile openFile(String name) {
        Path p = fileFor(name);
        try {
            return new SharedBlockFile(p, FileChannel.open(p, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not open temporary file \"" + p + "\": " + e.getMessage(), e);
        }
    }

    private Path fileFor(String name) {
        checkOpen();
        if (!FILE_NAME.matcher(name).matches()) throw new IllegalArgumentException("bad shared file name: " + name);
        return directory.resolve(name);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("shared fileset is closed");
    }

    /** Owner: removes the directory and everything in it. Worker: only forgets the set. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (owner) {
            removeTree(directory);
            owned.remove(directory);
        }
    }

    private static void removeTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        } catch (IOException e) {
            log.warn("could not remove shared fileset \"{}\": {}", dir, e.getMessage());
        }
    }
}
