package org.pgmini.executor.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.CopyStatement;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;

/**
 * COPY with a server-side file or program (superusers only, as in PostgreSQL without the
 * pg_read_server_files / pg_write_server_files / pg_execute_server_program roles): the same COPY
 * machinery as FROM STDIN / TO STDOUT, fed from or into the file or the program's standard
 * output/input instead of the protocol, so it runs as an ordinary statement ({@code COPY n}) in
 * either protocol. COPY FROM a relative path reads it relative to the data directory; COPY TO
 * needs an absolute path. A program runs through {@code /bin/sh -c} in the data directory; a
 * non-zero exit fails the statement. Errors are PostgreSQL's (42501, 42602, 58P01, 38000).
 */
final class CopyFilePlan extends RowlessPlan {
    private static final int CHUNK = 1 << 16;
    private final CopyPlan copy;
    private final String target;
    private final boolean program;
    private final boolean from;

    CopyFilePlan(CopyPlan copy, String target, boolean program, boolean from) {
        this.copy = copy;
        this.target = target;
        this.program = program;
        this.from = from;
    }

    @Override
    public ResultCursor execute(Object[] parameters, SessionContext session) {
        checkPrivilege(session);
        long n = from ? copyFrom(session) : copyTo(session);
        return new ResultCursor() {
            @Override
            public Object[] next() {
                return null;
            }

            @Override
            public String commandTag() {
                return "COPY " + n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static final String HINT = "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.";

    private void checkPrivilege(SessionContext session) {
        if (isSuperuser(session)) {
            return;
        }
        String message = program
                ? "must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program"
                : from ? "must be superuser or have privileges of the pg_read_server_files role to COPY from a file"
                : "must be superuser or have privileges of the pg_write_server_files role to COPY to a file";
        throw new PgException("ERROR", SqlState.INSUFFICIENT_PRIVILEGE, message, null, HINT, 0, null, null);
    }

    /** The roles file initdb writes (global/pgmini_roles: name TAB t|f for superuser ...); no file: a single-user cluster. */
    private static boolean isSuperuser(SessionContext session) {
        Path f = dataDir(session).resolve("global/pgmini_roles");
        if (!Files.exists(f)) {
            return true;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", -1);
                if (!line.startsWith("#") && parts.length >= 2 && parts[0].equals(session.userName())) {
                    return parts[1].equals("t");
                }
            }
        } catch (IOException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not read file \"" + f + "\": " + e.getMessage());
        }
        return false;
    }

    private static Path dataDir(SessionContext session) {
        return session.database().catalog().engine().dataDir();
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static String stateOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return SqlState.UNDEFINED_FILE;
        }
        if (e instanceof AccessDeniedException) {
            return SqlState.INSUFFICIENT_PRIVILEGE;
        }
        return SqlState.IO_ERROR;
    }

    private long copyFrom(SessionContext session) {
        CopyStatement.CopyIn in = copy.startCopyIn(session);
        boolean ok = false;
        Process p = null;
        try (InputStream data = program ? (p = start(session)).getInputStream() : openForReading(session)) {
            byte[] buf = new byte[CHUNK];
            int r;
            long chunks = 0;
            while ((r = data.read(buf)) >= 0) {
                if (r > 0) {
                    in.data(r == buf.length ? buf.clone() : java.util.Arrays.copyOf(buf, r));
                }
                if ((++chunks & 15) == 0) {
                    session.checkForInterrupts();
                }
            }
            long n = in.end();
            if (p != null) {
                finish(p);
            }
            ok = true;
            return n;
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not read from COPY " + (program ? "program" : "file") + ": " + reason(e));
        } finally {
            if (!ok) {
                in.abort();
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private InputStream openForReading(SessionContext session) {
        Path path = dataDir(session).resolve(target);
        if (Files.isDirectory(path)) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + target + "\" is a directory");
        }
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new PgException("ERROR", stateOf(e), "could not open file \"" + target + "\" for reading: " + reason(e), null,
                    "COPY FROM instructs the PostgreSQL server process to read a file. You may want a client-side facility such as psql's \\copy.",
                    0, null, null);
        }
    }

    private long copyTo(SessionContext session) {
        if (!program && !Path.of(target).isAbsolute()) {
            throw new PgException(SqlState.INVALID_NAME, "relative path not allowed for COPY to file");
        }
        OutputStream[] sink = new OutputStream[1];
        Process[] proc = new Process[1];
        boolean ok = false;
        try {
            long n = copy.copyOut(session, new CopyStatement.CopyOut() {
                @Override
                public void begin(int columnCount) {
                    // the table or query is open and checked: now the destination
                    if (program) {
                        proc[0] = start(session);
                        sink[0] = proc[0].getOutputStream();
                    } else {
                        sink[0] = openForWriting();
                    }
                }

                @Override
                public void data(byte[] payload) {
                    try {
                        sink[0].write(payload);
                    } catch (IOException e) {
                        throw new PgException(SqlState.IO_ERROR, "could not write to COPY " + (program ? "program" : "file")
                                + ": " + reason(e));
                    }
                }
            });
            if (sink[0] != null) {
                sink[0].close();
            }
            if (proc[0] != null) {
                finish(proc[0]);
            }
            ok = true;
            return n;
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write to COPY " + (program ? "program" : "file") + ": " + reason(e));
        } finally {
            if (!ok) {
                try {
                    if (sink[0] != null) {
                        sink[0].close();
                    }
                } catch (IOException ignored) {
                    // the statement already failed
                }
                if (proc[0] != null) {
                    proc[0].destroyForcibly();
                }
            }
        }
    }

    private OutputStream openForWriting() {
        Path path = Path.of(target);
        if (Files.isDirectory(path)) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + target + "\" is a directory");
        }
        try {
            return new java.io.BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), CHUNK);
        } catch (IOException e) {
            throw new PgException("ERROR", stateOf(e), "could not open file \"" + target + "\" for writing: " + reason(e), null,
                    "COPY TO instructs the PostgreSQL server process to write a file. You may want a client-side facility such as psql's \\copy.",
                    0, null, null);
        }
    }

    private Process start(SessionContext session) {
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", target).directory(dataDir(session).toFile());
            if (from) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            } else {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            return pb.start();
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not execute command \"" + target + "\": " + reason(e));
        }
    }

    /** Waits for the program; a failure exit fails the COPY (ClosePipeFromProgram). */
    private void finish(Process p) {
        try {
            if (!p.waitFor(1, TimeUnit.HOURS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        int code = p.exitValue();
        if (code != 0) {
            throw new PgException("ERROR", "38000", "program \"" + target + "\" failed", "child process exited with exit code " + code,
                    null, 0, null, null);
        }
    }
}
