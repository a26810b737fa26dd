package org.pgmini.server.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.pgmini.error.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the Unix-domain sockets, as PostgreSQL keeps them: {@code .s.PGSQL.<port>} in
 * each directory of unix_socket_directories, with a {@code .lock} file beside it holding the
 * server's process id and data directory. A lock file of a live process stops the start (F0001);
 * a stale one and its socket are replaced. Every file made here is removed by {@link #removeAll()}.
 * Used only by the thread that starts or stops the server.
 */
final class UnixSocketFiles {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketFiles.class);
    /** sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    private final List<Path> created = new ArrayList<>();

    static Path socketPath(String directory, int port) {
        return Path.of(directory).resolve(".s.PGSQL." + port);
    }

    static Path lockPath(String directory, int port) {
        return Path.of(directory).resolve(".s.PGSQL." + port + ".lock");
    }

    /** The directories of unix_socket_directories, without empty items. */
    static List<String> directories(String setting) {
        List<String> dirs = new ArrayList<>();
        for (String d : setting.split(",")) {
            if (!d.trim().isEmpty()) {
                dirs.add(d.trim());
            }
        }
        return dirs;
    }

    /**
     * Prepares {@code dir} for a socket: checks the path length and takes the lock file. Returns
     * null when ready, or the problems to log when this directory must be skipped; throws
     * PgException F0001 when a live server holds the lock.
     */
    List<String> prepare(String dir, int port, Path dataDirectory) {
        Path socket = socketPath(dir, port);
        Path lock = lockPath(dir, port);
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return List.of("Unix-domain socket path \"" + socket + "\" is too long (maximum " + MAX_PATH_BYTES
                    + " bytes)");
        }
        try {
            takeLock(lock, socket, dataDirectory);
        } catch (IOException e) {
            return List.of("could not create lock file \"" + lock + "\": " + reason(e),
                    "could not create Unix-domain socket in directory \"" + dir + "\"");
        }
        created.add(lock);
        return null;
    }

    /** The socket of {@code dir} is bound: set its mode and remember it for removal. */
    void bound(String dir, int port, int mode) {
        Path socket = socketPath(dir, port);
        created.add(socket);
        try {
            Files.setPosixFilePermissions(socket, permissions(mode));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("could not set permissions of file \"{}\": {}", socket, e.getMessage());
        }
    }

    /** Binding failed after {@link #prepare}: give the lock back. */
    void abandon(String dir, int port) {
        Path lock = lockPath(dir, port);
        created.remove(lock);
        deleteQuietly(lock);
    }

    void removeAll() {
        for (Path p : created) {
            deleteQuietly(p);
        }
        created.clear();
    }

    private static void takeLock(Path lock, Path socket, Path dataDirectory) throws IOException {
        long me = ProcessHandle.current().pid();
        if (Files.exists(lock)) {
            long owner = -1;
            try {
                owner = Long.parseLong(Files.readAllLines(lock).get(0).trim());
            } catch (RuntimeException | IOException e) {
                // unreadable: treat as stale
            }
            if (owner > 0 && owner != me && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                throw new PgException("FATAL", "F0001", "lock file \"" + lock + "\" already exists", null,
                        "Is another postmaster (PID " + owner + ") using socket file \"" + socket + "\"?", 0, null,
                        null);
            }
            deleteQuietly(lock);
        }
        deleteQuietly(socket); // a socket file left by a dead server
        Files.writeString(lock, me + "\n" + dataDirectory + "\n");
    }

    /** unix_socket_permissions (an octal mode such as 0777) as a permission set. */
    static Set<PosixFilePermission> permissions(int mode) {
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return String.valueOf(e.getMessage());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove file \"{}\": {}", p, e.getMessage());
        }
    }
}
