package org.pgmini.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.pgmini.server.ShutdownMode;
import org.pgmini.server.postmaster.InitDb;
import org.pgmini.server.postmaster.PgminiHome;
import org.pgmini.server.postmaster.PidFile;
import org.pgmini.server.postmaster.Postmaster;

/**
 * The whole server in this JVM: initdb into a temporary directory (superuser {@value #USER},
 * trust), then the real {@link Postmaster} (GUC system, protocol server, Calcite engine) on
 * 127.0.0.1 and a free port, on its own thread. {@link #close()} shuts it down fast, waits for
 * it and deletes the directory, also when the start failed.
 */
public final class RealPostmaster implements AutoCloseable {
    public static final String USER = "tester";

    private final Path root;
    private final Path dataDir;
    private final int port;
    private final Postmaster postmaster;
    private final Thread thread;
    private final AtomicInteger exitCode = new AtomicInteger(-1);

    /** Starts the server; extra settings are passed as -c name=value would be. */
    public RealPostmaster(Map<String, String> settings) throws Exception {
        this(null, settings);
    }

    /**
     * Starts the server on {@code existingDataDir} (made by {@link #initdb}; it is NOT deleted at
     * close), or on a fresh temporary one when null.
     */
    public RealPostmaster(Path existingDataDir, Map<String, String> settings) throws Exception {
        root = existingDataDir == null ? Files.createTempDirectory("pgmini-real") : null;
        dataDir = existingDataDir == null ? root.resolve("data") : existingDataDir;
        try {
            if (existingDataDir == null) {
                initdb(dataDir);
            }
            port = freePort();
            List<Map.Entry<String, String>> all = new ArrayList<>(List.of(Map.entry("port", Integer.toString(port)),
                    Map.entry("listen_addresses", "127.0.0.1"), Map.entry("unix_socket_directories", "")));
            all.addAll(settings.entrySet());
            postmaster = new Postmaster(new Postmaster.Options(dataDir, all, List.of())).withoutSignalHandlers();
            thread = new Thread(() -> exitCode.set(postmaster.run()), "test-postmaster");
            thread.start();
            waitUntilReady();
        } catch (Exception | Error e) {
            if (root != null) {
                deleteTree(root);
            }
            throw e;
        }
    }

    /** initdb into {@code dataDir} as {@value #USER} with trust authentication, plus extra initdb arguments. */
    public static void initdb(Path dataDir, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("-D", dataDir.toString(), "-U", USER));
        args.addAll(List.of(extraArgs));
        new InitDb(InitDb.parseArgs(args, null), new PrintStream(new ByteArrayOutputStream()),
                PgminiHome.find().resolve("conf")).run();
    }

    /** Stops the server with {@code mode} and waits; returns its exit code (the data directory stays). */
    public int stop(ShutdownMode mode) throws InterruptedException {
        postmaster.requestShutdown(mode);
        return awaitExit(60);
    }

    public RealPostmaster() throws Exception {
        this(Map.of());
    }

    private void waitUntilReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!PidFile.read(dataDir).map(l -> l.size() >= 8 && l.get(7).strip().equals("ready")).orElse(false)) {
            if (!thread.isAlive()) {
                throw new IllegalStateException("the postmaster exited with " + exitCode.get() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the postmaster did not become ready within 60 s");
            }
            Thread.sleep(20);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public Postmaster postmaster() {
        return postmaster;
    }

    /** pgjdbc URL for database postgres as {@value #USER}, with extra URL parameters ("a=b&c=d"). */
    public String jdbcUrl(String extra) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER + (extra.isEmpty() ? "" : "&" + extra);
    }

    /** A raw protocol session as {@value #USER} to database postgres, past ReadyForQuery. */
    public PgWireClient session() throws IOException {
        PgWireClient c = PgWireClient.connect(port);
        c.startup(Map.of("user", USER, "database", "postgres"));
        c.readUntilReady();
        return c;
    }

    /** Waits for the postmaster thread to end; its exit code, or -1 if it did not end in time. */
    public int awaitExit(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        return thread.isAlive() ? -1 : exitCode.get();
    }

    @Override
    public void close() {
        try {
            if (thread.isAlive()) {
                postmaster.requestShutdown(ShutdownMode.FAST);
                thread.join(TimeUnit.SECONDS.toMillis(30));
                if (thread.isAlive()) {
                    postmaster.requestShutdown(ShutdownMode.IMMEDIATE);
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (root != null) {
                deleteTree(root);
            }
        }
    }

    /**
     * A new temporary directory on /dev/shm (the PMEM stand-in: crash tests' data directories and
     * nvwal files) when it is writable, else in java.io.tmpdir.
     */
    public static Path tempDirOnShm(String prefix) throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.createTempDirectory(Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort for a temporary directory
        }
    }
}
