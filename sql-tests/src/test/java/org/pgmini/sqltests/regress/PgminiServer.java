package org.pgmini.sqltests.regress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A temporary pgmini server driven through the {@code bin/pgmini} CLI (ARCHITECTURE.md
 * section 9): {@code initdb} into a fresh directory, {@code start} on a free loopback port,
 * and on close {@code stop -m immediate}, falling back to killing the postmaster PID from
 * {@code postmaster.pid} (and its children) if the CLI cannot stop it.
 */
public final class PgminiServer extends StartedServer {

    private static final Duration INITDB_LIMIT = Duration.ofMinutes(2);
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration STOP_LIMIT = Duration.ofMinutes(1);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);

    private final Path cli;
    private final Path dataDir;
    private final Path logFile;
    private final ConnectionTarget target;

    private PgminiServer(Path cli, Path dataDir, Path logFile, ConnectionTarget target) {
        super("stop-pgmini");
        this.cli = cli;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.target = target;
    }

    /**
     * Creates and starts a server under {@code workDir} (which must not hold a previous run's
     * data directory). The superuser is {@code user}; the database is {@code postgres}.
     */
    public static PgminiServer start(Path repoRoot, Path workDir, String user) {
        Path cli = repoRoot.resolve("bin/pgmini");
        if (!Files.isExecutable(cli)) {
            throw new ServerStartException(cli + " does not exist or is not executable");
        }
        Path dataDir = workDir.resolve("data");
        Path logFile = workDir.resolve("server.log");
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new ServerStartException("cannot prepare " + workDir + ": " + e);
        }
        if (Files.exists(dataDir)) {
            throw new ServerStartException(dataDir + " already exists; remove it first");
        }
        int port = FreePort.find();
        PgminiServer server = new PgminiServer(cli, dataDir, logFile,
                new ConnectionTarget("127.0.0.1", port, user, "postgres"));
        server.launch(() -> server.initdbAndStart(repoRoot, user, port));
        return server;
    }

    private void initdbAndStart(Path repoRoot, String user, int port) {
        Command initdb = Command.of(cli.toString(), "initdb", "-D", dataDir.toString(), "-U", user)
                .directory(repoRoot);
        Command.Outcome init = initdb.run(INITDB_LIMIT);
        if (!init.succeeded()) {
            throw new ServerStartException(describeFailure(initdb, init));
        }
        Command start = Command.of(cli.toString(), "start", "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-l", logFile.toString()).directory(repoRoot);
        Command.Outcome started = start.run(START_LIMIT);
        if (!started.succeeded()) {
            throw new ServerStartException(describeFailure(start, started) + "\n" + LogTail.of(logFile, 40));
        }
    }

    private static String describeFailure(Command command, Command.Outcome outcome) {
        String how = outcome.timedOut() ? "did not finish in time" : "exited with code " + outcome.exitCode();
        return "`" + command + "` " + how + ":\n" + outcome.output();
    }

    @Override
    public ConnectionTarget target() {
        return target;
    }

    @Override
    public String describe() {
        return "pgmini on " + target.host() + ":" + target.port() + " (data " + dataDir + ", log " + logFile + ")";
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    void stop() {
        Optional<Long> pid = postmasterPid();
        if (pid.isEmpty()) {
            return; // never started, or already gone
        }
        Command.Outcome stop = Command.of(cli.toString(), "stop", "-D", dataDir.toString(), "-m", "immediate")
                .run(STOP_LIMIT);
        ProcessHandle.of(pid.get()).ifPresent(postmaster -> {
            // The CLI may return when postmaster.pid is gone, a moment before the process is.
            if (stop.succeeded() && exited(postmaster)) {
                return;
            }
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            exited(postmaster);
        });
    }

    private static boolean exited(ProcessHandle process) {
        try {
            process.onExit().get(EXIT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }

    /** Line 1 of postmaster.pid, like PostgreSQL's. */
    private Optional<Long> postmasterPid() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
