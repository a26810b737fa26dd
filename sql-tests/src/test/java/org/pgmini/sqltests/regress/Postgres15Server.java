package org.pgmini.sqltests.regress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 15 cluster, the oracle of ARCHITECTURE.md section 10: initdb with
 * trust authentication, UTF8 and the C locale, superuser {@code postgres}, listening on
 * 127.0.0.1 and a free port only. As root, the server programs run as the {@code postgres}
 * OS user (they refuse root). Mirrors {@code pg15_start} in {@code sql-tests/bin/pg15-lib.sh},
 * which regen-expected uses; the two must make the same cluster.
 */
public final class Postgres15Server extends StartedServer {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final Path bindir;
    private final Path workDir;
    private final ConnectionTarget target;

    private Postgres15Server(Path bindir, Path workDir, ConnectionTarget target) {
        super("stop-postgres15");
        this.bindir = bindir;
        this.workDir = workDir;
        this.target = target;
    }

    /** The server binaries: $PG_BINDIR, else /usr/lib/postgresql/15/bin, else the newest installed. */
    public static Optional<Path> findBindir() {
        String fromEnv = System.getenv("PG_BINDIR");
        List<Path> candidates = new ArrayList<>();
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidates.add(Path.of(fromEnv));
        }
        candidates.add(Path.of("/usr/lib/postgresql/15/bin"));
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                        .forEach(candidates::add);
            } catch (IOException ignored) {
                // fall through with what we have
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("postgres")) && Files.isExecutable(dir.resolve("initdb")))
                .findFirst();
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** Runs a server program, as the postgres OS user when we are root. */
    private Command serverCommand(String program, String... args) {
        List<String> argv = new ArrayList<>();
        if (runningAsRoot()) {
            argv.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        argv.add(bindir.resolve(program).toString());
        argv.addAll(List.of(args));
        return Command.of(argv);
    }

    public static Postgres15Server start(Path workDir) {
        Path bindir = findBindir().orElseThrow(() ->
                new ServerStartException("PostgreSQL server binaries not found (install postgresql-15)"));
        try {
            Files.createDirectories(workDir);
            if (runningAsRoot()) {
                Command.Outcome chown = Command.of("chown", "postgres:", workDir.toString()).run(LIMIT);
                if (!chown.succeeded()) {
                    throw new ServerStartException("chown postgres " + workDir + ": " + chown.output());
                }
            }
        } catch (IOException e) {
            throw new ServerStartException("cannot create " + workDir + ": " + e);
        }
        int port = FreePort.find();
        Postgres15Server server = new Postgres15Server(bindir, workDir,
                new ConnectionTarget("127.0.0.1", port, "postgres", "postgres"));
        server.launch(() -> server.initdbAndStart(port));
        return server;
    }

    private void initdbAndStart(int port) {
        Path data = workDir.resolve("data");
        Command initdb = serverCommand("initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--locale=C");
        Command.Outcome init = initdb.run(LIMIT);
        if (!init.succeeded()) {
            throw new ServerStartException("`" + initdb + "` failed:\n" + init.output());
        }
        Command start = serverCommand("pg_ctl", "-D", data.toString(), "-l", logFile().toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + workDir,
                "start");
        Command.Outcome started = start.run(LIMIT);
        if (!started.succeeded()) {
            throw new ServerStartException("`" + start + "` failed:\n" + started.output() + "\n"
                    + LogTail.of(logFile(), 40));
        }
    }

    private Path logFile() {
        return workDir.resolve("server.log");
    }

    @Override
    public ConnectionTarget target() {
        return target;
    }

    @Override
    public String describe() {
        return "PostgreSQL (" + bindir + ") on " + target.host() + ":" + target.port();
    }

    @Override
    void stop() {
        Path data = workDir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            serverCommand("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop").run(LIMIT);
        }
        try {
            RegressionConfig.deleteRecursively(workDir);
        } catch (java.io.IOException e) {
            System.err.println("could not remove " + workDir + ": " + e);
        }
    }
}
