package org.pgmini.server.postmaster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.api.SqlEngine;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.guc.ConfigMessage;
import org.pgmini.server.guc.IdentifierLists;
import org.pgmini.server.guc.ServerConfig;
import org.pgmini.server.protocol.ProtocolServer;
import org.pgmini.server.storage.ServerDatabase;
import org.pgmini.server.worker.ServerSharedMemory;
import org.pgmini.server.worker.WorkerExit;

import sun.misc.Signal;

/**
 * The server process: checks the data directory, loads the configuration, takes the
 * {@code postmaster.pid} lock, creates the SQL engine and starts the protocol server, then
 * waits for signals: SIGHUP reloads the configuration, SIGTERM / SIGINT / SIGUSR1 shut down in smart / fast /
 * immediate mode (PostgreSQL uses SIGQUIT for immediate, but the JVM reserves SIGQUIT for
 * thread dumps). The lock file is removed on every exit path after it was created.
 *
 * <p>Threads: signal handlers only enqueue requests; the thread in {@link #run} handles them
 * one at a time. Reloads from pg_reload_conf() run on the calling session thread, serialised
 * with signal-driven reloads by {@link #reloadNow}'s monitor.
 */
public final class Postmaster {
    public static final String VERSION = "0.1.0";
    static final String OPTS_FILE = "postmaster.opts";

    /** How the postmaster was invoked. */
    public record Options(Path dataDir, List<Map.Entry<String, String>> settings, List<String> rawArgs) {}

    private static final Object RELOAD = new Object();

    private final Options options;
    private final BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
    private ServerConfig config;
    private ServerSharedMemory sharedMemory;
    private volatile ServerDatabase database;
    private boolean installSignals = true;

    public Postmaster(Options options) {
        this.options = options;
    }

    /** For a postmaster inside another program (tests): react to requests only, not to signals. */
    public Postmaster withoutSignalHandlers() {
        installSignals = false;
        return this;
    }

    /** Asks the running postmaster to shut down (as the signal would). */
    public void requestShutdown(ShutdownMode mode) {
        requests.add(mode);
    }

    /** The database of the running server (null before it was created); tests reach storage through it. */
    public ServerDatabase database() {
        return database;
    }

    /** Asks the running postmaster to reload its configuration (as SIGHUP). */
    public void requestReload() {
        requests.add(RELOAD);
    }

    /** Runs the server until it is shut down; returns the process exit code. */
    public int run() {
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        try {
            checkDataDirectory(dataDir);
            try {
                config = ServerConfig.load(dataDir, options.settings(), System.getenv());
            } catch (ServerConfig.StartupFailure f) {
                f.messages().forEach(ServerLog::config);
                ServerLog.error(f);
                return 1;
            }
            config.startupMessages().forEach(ServerLog::config);
            checkUnsupportedSettings(config);
            ServerLog.applyLogMinMessages(config.getString("log_min_messages"));
        } catch (PgException e) {
            ServerLog.error(e);
            return 1;
        }

        PidFile pid;
        try {
            List<String> addrs = IdentifierLists.split(config.getString("listen_addresses"));
            String first = addrs == null || addrs.isEmpty() ? "" : addrs.get(0);
            pid = PidFile.acquire(dataDir, config.getInt("port"), first);
        } catch (PgException e) {
            ServerLog.error(e);
            return 1;
        }
        try {
            return runLocked(dataDir, pid);
        } catch (PgException e) {
            ServerLog.error(e);
            return 1;
        } catch (RuntimeException | Error e) {
            ServerLog.LOG.error(ServerLog.FATAL, "unexpected failure in the postmaster: " + e, e);
            return 1;
        } finally {
            pid.remove();
        }
    }

    private int runLocked(Path dataDir, PidFile pid) {
        writeOptsFile(dataDir);
        Path externalPid = writeExternalPidFile();
        try {
            return serve(pid);
        } finally {
            if (externalPid != null) {
                try {
                    Files.deleteIfExists(externalPid);
                } catch (IOException ignored) {
                    // nothing more to do at exit
                }
            }
        }
    }

    private int serve(PidFile pid) {
        ServerLog.log("starting pgmini " + VERSION + " (compatible with PostgreSQL " + config.getString("server_version")
                .split(" ")[0] + ") on " + System.getProperty("os.arch") + "-" + System.getProperty("os.name").toLowerCase()
                + ", Java " + System.getProperty("java.version"));
        if (installSignals) {
            installSignalHandlers();
        }

        // One engine for all sessions (it is thread-safe and keeps only caches); its
        // constructor warms up the parser, so the first client does not pay for that.
        SqlEngine engine = new CalciteSqlEngine();
        PostmasterContext ctx = new PostmasterContext(config, engine, this::reloadNow);
        // Storage settings are checked before anything starts (a bad WAL combination stops here).
        ServerDatabase db;
        try {
            db = new ServerDatabase(config.dataDirectory(), config);
        } catch (PgException e) {
            ServerLog.error(e);
            return 1;
        }
        database = db;
        ctx.setDatabase(db);
        // Main shared memory (with the buffer pool and clog buffers) and the DSM control segment;
        // CrashCleanup inside removes what a crashed predecessor left behind.
        try {
            sharedMemory = ServerSharedMemory.start(config.dataDirectory(), config, pid, requests::add,
                    db.sharedMemoryBytes());
        } catch (PgException e) {
            ServerLog.error(e);
            return 1;
        }
        try {
            ctx.setWorkerLauncher(sharedMemory.launcher());
            return serveWithSharedMemory(pid, ctx, db);
        } finally {
            sharedMemory.shutdown();
        }
    }

    private int serveWithSharedMemory(PidFile pid, PostmasterContext ctx, ServerDatabase db) {
        ProtocolServer listener = new ProtocolServer(ctx);
        ctx.setActivitySource(() -> org.pgmini.server.session.ServerActivity.collect(listener.activity(),
                sharedMemory.pool().processes()));
        try {
            listener.start();
        } catch (PgException e) {
            if ("FATAL".equals(e.severity())) {
                ServerLog.error(e);
            } else {
                // PostgreSQL logs each failed bind at LOG level, then gives up with FATAL.
                ServerLog.logWithDetails(e);
                ServerLog.fatal("could not create any TCP/IP sockets");
            }
            return 1;
        }
        // The startup process's part: until recovery is done, connections get 57P03
        // "the database system is starting up".
        try {
            db.start(sharedMemory.main());
        } catch (PgException e) {
            ServerLog.error(e);
            ServerLog.log("startup process (PID " + ProcessHandle.current().pid() + ") exited with exit code 1");
            ServerLog.log("aborting startup due to startup process failure");
            listener.shutdown(ShutdownMode.IMMEDIATE);
            db.shutdown(ShutdownMode.IMMEDIATE);
            return 1;
        } catch (IOException | RuntimeException e) {
            ServerLog.fatal("could not start the database: " + e);
            ServerLog.LOG.debug("startup failure", e);
            ServerLog.log("aborting startup due to startup process failure");
            listener.shutdown(ShutdownMode.IMMEDIATE);
            db.shutdown(ShutdownMode.IMMEDIATE);
            return 1;
        }
        // logged before the pid file says "ready": whoever waits for "ready" (pg_ctl-style
        // scripts, our tests) then finds the line already in the log
        ServerLog.log("database system is ready to accept connections");
        pid.setStatus(PidFile.STATUS_READY);
        ShutdownMode mode = serveUntilShutdown(listener, pid);
        db.shutdown(mode == null ? ShutdownMode.FAST : mode);
        ServerLog.log("database system is shut down");
        return 0;
    }

    /** The storage's part of a crash restart (see ServerSharedMemory.crashRestart). */
    private ServerSharedMemory.RestartSteps restartSteps(ServerDatabase db) {
        return new ServerSharedMemory.RestartSteps() {
            @Override
            public void crashed() {
                db.crashed();
            }

            @Override
            public void beforeReinitialize() {
                db.throwAway();
            }

            @Override
            public void afterReinitialize(org.pgmini.shmem.main.MainSharedMemory main) throws Exception {
                db.restart(main);
            }
        };
    }

    /** Handles reload and shutdown requests; returns the mode of the shutdown that completed. */
    private ShutdownMode serveUntilShutdown(ProtocolServer listener, PidFile pid) {
        ShutdownMode current = null;
        Thread stopper = null;
        while (true) {
            Object req;
            try {
                req = requests.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                req = ShutdownMode.FAST;
            }
            if (stopper != null && !stopper.isAlive()) {
                return current;
            }
            if (req == RELOAD) {
                reloadNow();
            } else if (req instanceof WorkerExit crash) {
                if (current == null && sharedMemory.crashRestart(crash, listener::terminateAllAfterCrash, pid,
                        restartSteps(database))) {
                    requests.add(ShutdownMode.IMMEDIATE);
                }
            } else if (req instanceof ShutdownMode m && (current == null || m.ordinal() > current.ordinal())) {
                current = m;
                ServerLog.log("received " + m.name().toLowerCase() + " shutdown request");
                if (m == ShutdownMode.FAST) {
                    ServerLog.log("aborting any active transactions");
                }
                // Refuse new sessions before telling the world we are stopping: whoever reads
                // "stopping" in postmaster.pid must already get 57P03.
                listener.refuseNewSessions(m);
                pid.setStatus(PidFile.STATUS_STOPPING);
                // A smart shutdown may wait for sessions for a long time; a stronger request
                // must still be heard, so the listener is stopped on its own thread.
                Thread t = new Thread(() -> listener.shutdown(m), "shutdown-" + m.name().toLowerCase());
                t.setDaemon(true);
                t.start();
                stopper = t;
            }
        }
    }

    /** Re-reads the configuration files and logs the outcome (SIGHUP, pg_reload_conf()). */
    synchronized boolean reloadNow() {
        if (config == null) {
            return false;
        }
        // pg_reload_conf() signals the postmaster in PostgreSQL, so both paths log this line.
        ServerLog.log("received SIGHUP, reloading configuration files");
        List<ConfigMessage> messages = config.reload();
        messages.forEach(ServerLog::config);
        ServerLog.applyLogMinMessages(config.getString("log_min_messages"));
        ServerDatabase db = database;
        if (db != null) {
            db.reload();
        }
        return true;
    }

    private void installSignalHandlers() {
        handle("HUP", () -> requests.add(RELOAD));
        handle("TERM", () -> requests.add(ShutdownMode.SMART));
        handle("INT", () -> requests.add(ShutdownMode.FAST));
        handle("USR1", () -> requests.add(ShutdownMode.IMMEDIATE));
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException e) {
            ServerLog.warning("could not install a handler for SIG" + name + ": " + e.getMessage());
        }
    }

    /** Settings that ask for features this build does not have stop the start, as in PostgreSQL. */
    private static void checkUnsupportedSettings(ServerConfig config) {
        List<String> libs = IdentifierLists.split(config.getString("shared_preload_libraries"));
        if (libs != null && !libs.isEmpty()) {
            throw new PgException("FATAL", SqlState.UNDEFINED_FILE, "could not access file \"" + libs.get(0)
                    + "\": No such file or directory", null, null, 0, null, null);
        }
        if (config.getBool("logging_collector")) {
            ServerLog.warning("logging_collector is not supported; the server keeps logging to stderr");
        }
        if (!config.getString("log_destination").strip().equalsIgnoreCase("stderr")) {
            ServerLog.warning("log_destination \"" + config.getString("log_destination")
                    + "\" is not supported; the server logs to stderr");
        }
    }

    /** Writes external_pid_file if it is set (PostgreSQL writes the PID and a newline there). */
    private Path writeExternalPidFile() {
        String name = config.getString("external_pid_file");
        if (name.isEmpty()) {
            return null;
        }
        Path f = config.dataDirectory().resolve(name);
        try {
            Files.writeString(f, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            ServerLog.warning("could not write external PID file \"" + f + "\": " + e.getMessage());
            return null;
        }
    }

    private static void checkDataDirectory(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new PgException("FATAL", SqlState.UNDEFINED_FILE, "data directory \"" + dataDir + "\" does not exist",
                    null, null, 0, null, null);
        }
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(dataDir);
            String mode = java.nio.file.attribute.PosixFilePermissions.toString(perms);
            if (!mode.equals("rwx------") && !mode.equals("rwxr-x---")) {
                throw new PgException("FATAL", SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "data directory \"" + dataDir + "\" has invalid permissions",
                        "Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).", null, 0, null, null);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
        Path version = dataDir.resolve("PG_VERSION");
        String v;
        try {
            v = Files.readString(version, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new PgException("FATAL", SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "\"" + dataDir + "\" is not a valid data directory",
                    "File \"" + version + "\" is missing.", null, 0, null, null);
        }
        if (!v.equals(InitDb.PG_MAJOR)) {
            throw new PgException("FATAL", SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "database files are incompatible with server",
                    "The data directory was initialized by PostgreSQL version " + v
                            + ", which is not compatible with this version " + InitDb.PG_MAJOR + ".", null, 0, null, null);
        }
    }

    private void writeOptsFile(Path dataDir) {
        StringBuilder sb = new StringBuilder("pgmini postmaster");
        for (String a : options.rawArgs()) {
            sb.append(" \"").append(a.replace("\"", "\\\"")).append('"');
        }
        try {
            Files.writeString(dataDir.resolve(OPTS_FILE), sb.append('\n').toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            ServerLog.warning("could not write file \"" + OPTS_FILE + "\": " + e.getMessage());
        }
    }
}
