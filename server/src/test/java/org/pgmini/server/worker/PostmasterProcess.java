package org.pgmini.server.worker;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.pgmini.server.postmaster.InitDb;
import org.pgmini.server.postmaster.PgminiHome;

/** A real postmaster JVM on a data directory, started from this test's class path; for worker tests. */
public final class PostmasterProcess implements AutoCloseable {
    public final Path dataDir;
    public final Path log;
    public final int port;
    private Process process;

    private PostmasterProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.port = port;
    }

    public static Path initdb(Path dir) throws Exception {
        new InitDb(InitDb.parseArgs(List.of("-D", dir.toString(), "-U", "test", "--auth=trust"), null),
                new PrintStream(new ByteArrayOutputStream()), PgminiHome.find().resolve("conf")).run();
        return dir;
    }

    public static PostmasterProcess start(Path dataDir, String... settings) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostmasterProcess p = new PostmasterProcess(dataDir, port);
        p.launch(settings);
        return p;
    }

    private void launch(String... settings) throws Exception {
        Path home = PgminiHome.find();
        // Without test-classes: its META-INF/services would replace the protocol server by a probe listener.
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes/"))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Dpgmini.home=" + home,
                "-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"),
                "-cp", classPath, "org.pgmini.server.cli.Main", "postmaster",
                "-D", dataDir.toString(), "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories="));
        for (String s : settings) {
            cmd.add("-c");
            cmd.add(s);
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("postmaster exited: " + logText());
            }
            Path pidFile = dataDir.resolve("postmaster.pid");
            try {
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() >= 8 && lines.get(7).strip().equals("ready")
                        && lines.get(0).equals(Long.toString(process.pid()))) {
                    return;
                }
            } catch (IOException notYet) {
                // not written yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("postmaster did not become ready: " + logText());
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Line 9 of postmaster.pid: the DSM control segment handle. */
    String controlHandleLine() throws IOException {
        return Files.readAllLines(dataDir.resolve("postmaster.pid")).get(8);
    }

    public Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=test");
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\npostmaster log:\n" + logText(), e.getSQLState(), e);
        }
    }

    /**
     * Whether a crash restart has finished: "reinitializing" is logged before shared memory is
     * destroyed and re-created (as in PostgreSQL), and the restart is over once "ready to accept
     * connections" follows it.
     */
    public boolean crashRestartCompleted() {
        String text = logText();
        int reinit = text.indexOf("all server processes terminated; reinitializing");
        return reinit >= 0 && text.indexOf("database system is ready to accept connections", reinit) > reinit;
    }

    /** Waits up to {@code seconds} for {@link #crashRestartCompleted()}; returns whether it did. */
    public boolean awaitCrashRestart(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (!crashRestartCompleted() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return crashRestartCompleted();
    }

    /** Connects, retrying for up to 10 s while the restarted server does not accept connections yet. */
    public Connection connectAfterRestart() throws Exception {
        SQLException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                return connect();
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    /** The worker JVMs: children of the postmaster running the worker main class. */
    public List<ProcessHandle> workers() {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.of(process.pid()).ifPresent(pm -> pm.children().forEach(c -> {
            String line;
            try {
                line = Files.readString(Path.of("/proc/" + c.pid() + "/cmdline"), StandardCharsets.ISO_8859_1);
            } catch (IOException gone) {
                line = "";
            }
            if (line.contains(WorkerPool.MAIN_CLASS)) {
                out.add(c);
            }
        }));
        return out;
    }

    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Fast shutdown (SIGINT) and wait; kills if it does not stop. */
    @Override
    public void close() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> workers = workers();
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle w : workers) {
            w.destroyForcibly();
        }
    }
}
