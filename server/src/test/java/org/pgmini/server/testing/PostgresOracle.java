package org.pgmini.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 15 server (the reference, ARCHITECTURE §10) on a free loopback port:
 * initdb into a temporary directory, start, stop and delete on close. As root, initdb and
 * postgres run as the {@code postgres} OS user through runuser, as PostgreSQL requires.
 * {@link #available()} tells whether this machine can do it, so tests can skip otherwise.
 */
public final class PostgresOracle implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;

    public static boolean available() {
        if (!Files.isExecutable(BIN.resolve("postgres")) || !Files.isExecutable(BIN.resolve("initdb"))) {
            return false;
        }
        return !isRoot() || Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public PostgresOracle() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("pgmini-oracle");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try {
            if (isRoot()) {
                run(List.of("chown", "postgres", dir.toString()));
            }
            run(asServerUser(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "--auth=trust",
                    "-U", "postgres", "--no-sync"));
            run(asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
                    dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                    "start"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            close(); // stop whatever started and remove the directory
            throw e;
        }
    }

    public int port() {
        return port;
    }

    private List<String> asServerUser(String... command) {
        List<String> out = new ArrayList<>();
        if (isRoot()) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(command));
        return out;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                run(asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                        "immediate", "-w", "stop"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
