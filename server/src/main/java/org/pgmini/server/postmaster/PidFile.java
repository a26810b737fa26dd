package org.pgmini.server.postmaster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.pgmini.error.PgException;

/**
 * The data directory lock file {@code postmaster.pid}, laid out as PostgreSQL's:
 * <pre>
 *  1 postmaster PID          5 Unix socket directory (empty: none)
 *  2 data directory          6 first listen address
 *  3 start time (epoch s)    7 main shared memory key and id (empty until it exists)
 *  4 port                    8 status: "starting", "ready   ", "stopping"
 *  9 DSM control segment handle (pgmini; empty until it exists)
 * </pre>
 * Creating it with O_EXCL semantics is the lock: a second postmaster finds it, and refuses to
 * start if the process named in line 1 is alive; a file left by a dead process is removed.
 * Only the postmaster that created the file rewrites or removes it.
 */
public final class PidFile {
    public static final String NAME = "postmaster.pid";
    public static final int LINE_PID = 1;
    public static final int LINE_DATA_DIR = 2;
    public static final int LINE_START_TIME = 3;
    public static final int LINE_PORT = 4;
    public static final int LINE_SOCKET_DIR = 5;
    public static final int LINE_LISTEN_ADDR = 6;
    public static final int LINE_SHMEM_KEY = 7;
    public static final int LINE_PM_STATUS = 8;
    public static final int LINE_DSM_CONTROL = 9;

    public static final String STATUS_STARTING = "starting";
    public static final String STATUS_READY = "ready   ";
    public static final String STATUS_STOPPING = "stopping";

    /** SQLSTATE F0001 lock_file_exists. */
    static final String LOCK_FILE_EXISTS = "F0001";

    private final Path file;
    private final String[] lines;

    private PidFile(Path file, String[] lines) {
        this.file = file;
        this.lines = lines;
    }

    /**
     * Creates the lock file for this process, or throws PgException FATAL if another live
     * process holds it.
     */
    public static PidFile acquire(Path dataDir, int port, String listenAddr) {
        Path file = dataDir.resolve(NAME);
        long myPid = ProcessHandle.current().pid();
        String[] lines = new String[LINE_DSM_CONTROL];
        Arrays.fill(lines, "");
        lines[LINE_PID - 1] = Long.toString(myPid);
        lines[LINE_DATA_DIR - 1] = dataDir.toString();
        lines[LINE_START_TIME - 1] = Long.toString(System.currentTimeMillis() / 1000);
        lines[LINE_PORT - 1] = Integer.toString(port);
        lines[LINE_LISTEN_ADDR - 1] = listenAddr;
        lines[LINE_PM_STATUS - 1] = STATUS_STARTING;
        PidFile pf = new PidFile(file, lines);
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Files.write(file, pf.content().getBytes(StandardCharsets.UTF_8),
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                return pf;
            } catch (FileAlreadyExistsException e) {
                checkExisting(file, dataDir, myPid);
            } catch (IOException e) {
                throw fatal("58030", "could not create lock file \"" + NAME + "\": " + e.getMessage(), null);
            }
        }
        throw fatal(LOCK_FILE_EXISTS, "could not create lock file \"" + NAME + "\": File exists", null);
    }

    /** Removes a stale file or throws if its owner lives. */
    private static void checkExisting(Path file, Path dataDir, long myPid) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return; // removed meanwhile: try again
        } catch (IOException e) {
            throw fatal("58030", "could not open lock file \"" + NAME + "\": " + e.getMessage(), null);
        }
        if (content.isEmpty()) {
            throw fatal(LOCK_FILE_EXISTS, "lock file \"" + NAME + "\" is empty",
                    "Either another server is starting, or the lock file is the remnant of a previous server startup crash.");
        }
        long other;
        try {
            other = Long.parseLong(content.split("\n", 2)[0].strip());
        } catch (NumberFormatException e) {
            throw fatal(LOCK_FILE_EXISTS, "bogus data in lock file \"" + NAME + "\": \"" + content.split("\n", 2)[0] + "\"", null);
        }
        long owner = Math.abs(other);
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        boolean alive = owner != myPid && owner != parent
                && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
        if (alive) {
            throw fatal(LOCK_FILE_EXISTS, "lock file \"" + NAME + "\" already exists",
                    "Is another postmaster (PID " + owner + ") running in data directory \"" + dataDir + "\"?");
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw fatal("58030", "could not remove old lock file \"" + NAME + "\": " + e.getMessage(),
                    "The file seems accidentally left over, but it could not be removed. "
                            + "Please remove the file by hand and try again.");
        }
    }

    private static PgException fatal(String sqlState, String message, String hint) {
        return new PgException("FATAL", sqlState, message, null, hint, 0, null, null);
    }

    private String content() {
        return String.join("\n", lines) + "\n";
    }

    /** Rewrites one line (1-based), through a temporary file so readers never see half a file. */
    public synchronized void setLine(int line, String value) {
        lines[line - 1] = value;
        Path tmp = file.resolveSibling(NAME + ".tmp");
        try {
            Files.writeString(tmp, content(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PgException("58030", "could not write lock file \"" + NAME + "\": " + e.getMessage(), e);
        }
    }

    public void setStatus(String status) {
        setLine(LINE_PM_STATUS, status);
    }

    /** Removes the file at shutdown. */
    public void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Nothing more can be done at exit; the next start treats it as stale.
        }
    }

    /** The lines of an existing pid file (for status tools and tests); empty if there is none. */
    public static Optional<List<String>> read(Path dataDir) {
        try {
            return Optional.of(new ArrayList<>(Files.readAllLines(dataDir.resolve(NAME), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
