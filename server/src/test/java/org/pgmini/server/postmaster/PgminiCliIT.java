package org.pgmini.server.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs bin/pgmini as a user would (after {@code mvn package}): initdb, start, status, reload,
 * stop in all three modes, and the failures start must report: a live postmaster holding the
 * data directory, a port in use, a broken postgresql.conf; restarts after an immediate stop and
 * after the postmaster was killed with SIGKILL. Every "is it up" check is real psql running
 * {@code select 1} through the whole server.
 */
class PgminiCliIT {
    static Path root;
    static Path script;

    @TempDir
    Path tmp;
    final List<Path> started = new ArrayList<>();

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/pgmini"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "bin/pgmini not found above " + Path.of("").toAbsolutePath());
        root = dir;
        script = root.resolve("bin/pgmini");
        assertTrue(Files.exists(root.resolve("server/target/pgmini-server.jar")), "run after mvn package");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Path d : started) {
            List<String> lines = PidFile.read(d).orElse(List.of());
            if (!lines.isEmpty()) {
                ProcessHandle.of(Long.parseLong(lines.get(0))).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private Result run(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("PGDATA");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/pgmini " + String.join(" ", args) + " timed out");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Result run(String... args) throws Exception {
        return run(tmp, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static final String PSQL = "/usr/bin/psql";

    /** Real psql, {@code select 1} as user tester over TCP or (host = a directory) a Unix socket. */
    private Result psql(String host, int port) throws Exception {
        return psql(host, port, "tester");
    }

    private Result psql(String host, int port, String user) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PSQL, "-X", "-h", host, "-p", Integer.toString(port)));
        if (user != null) {
            cmd.addAll(List.of("-U", user));
        }
        cmd.addAll(List.of("-d", "postgres", "-tA", "-c", "select 1"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().remove("PGSERVICE");
        Path out = Files.createTempFile(tmp, "psql", ".out");
        Path err = Files.createTempFile(tmp, "psql", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "psql timed out");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Whether psql gets the answer 1 from the server on 127.0.0.1:port. */
    private boolean connects(int port) throws Exception {
        return connects(port, "tester");
    }

    /** The same as {@code user}; null: psql's default, the operating system user. */
    private boolean connects(int port, String user) throws Exception {
        Result r = psql("127.0.0.1", port, user);
        if (r.exit() == 0) {
            assertEquals("1\n", r.out(), r.all());
            return true;
        }
        assertTrue(r.err().contains("Connection refused"), r.all());
        return false;
    }

    private Path initdb(String name) throws Exception {
        Path d = tmp.resolve(name);
        Result r = run("initdb", "-D", d.toString(), "-U", "tester");
        assertEquals(0, r.exit(), r.all());
        return d;
    }

    private Result start(Path d, int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("start", "-D", d.toString(), "-p", Integer.toString(port)));
        args.addAll(List.of(extra));
        started.add(d);
        return run(args.toArray(String[]::new));
    }

    @Test
    void initdbStartStatusReloadStop() throws Exception {
        Path d = initdb("data");
        for (String f : new String[] {"postgresql.conf", "postgresql.auto.conf", "pg_hba.conf", "PG_VERSION",
            "base/pgsql_tmp", "global", "pg_wal", "pg_xact", "pg_dynshmem", "global/pgmini_roles"}) {
            assertTrue(Files.exists(d.resolve(f)), f);
        }
        assertEquals("15\n", Files.readString(d.resolve("PG_VERSION")));
        assertTrue(Files.readString(d.resolve("pg_hba.conf")).contains("127.0.0.1/32            trust"));
        assertTrue(Files.readString(d.resolve("global/pgmini_roles")).startsWith("#"));
        assertTrue(Files.readString(d.resolve("global/pgmini_roles")).contains("tester\tt\t"));

        Result again = run("initdb", "-D", d.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("initdb: error: directory \"" + d + "\" exists but is not empty"), again.all());

        assertEquals(3, run("status", "-D", d.toString()).exit());
        Result none = run("status", "-D", tmp.resolve("nope").toString());
        assertEquals(4, none.exit());

        int port = freePort();
        Result r = start(d, port);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("server started"), r.all());
        List<String> pid = PidFile.read(d).orElseThrow();
        long pmPid = Long.parseLong(pid.get(0));
        assertTrue(ProcessHandle.of(pmPid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(d.toString(), pid.get(1));
        assertEquals(Integer.toString(port), pid.get(3));
        assertEquals("localhost", pid.get(5));
        assertEquals("ready", pid.get(7).strip());
        assertTrue(connects(port));

        Result st = run("status", "-D", d.toString());
        assertEquals(0, st.exit());
        assertTrue(st.out().contains("server is running (PID: " + pmPid + ")"), st.all());

        // A second postmaster on the same data directory is refused by the lock file.
        Result locked = start(d, freePort());
        assertEquals(1, locked.exit(), locked.all());
        assertTrue(locked.err().contains("FATAL:  lock file \"postmaster.pid\" already exists"), locked.all());
        assertTrue(locked.err().contains("HINT:  Is another postmaster (PID " + pmPid + ") running in data directory \""
                + d + "\"?"), locked.all());
        assertEquals(Long.toString(pmPid), PidFile.read(d).orElseThrow().get(0), "the live server keeps its lock");

        // Another cluster on the same port cannot bind it.
        Path d2 = initdb("data2");
        Result busy = start(d2, port);
        assertEquals(1, busy.exit(), busy.all());
        assertTrue(busy.err().contains("Address already in use"), busy.all());
        assertTrue(busy.err().contains("FATAL:  could not create any TCP/IP sockets"), busy.all());
        assertFalse(Files.exists(d2.resolve("postmaster.pid")), "a failed start removes its lock file");

        // Reload (SIGHUP) re-reads postgresql.conf.
        Files.writeString(d.resolve("postgresql.conf"), "work_mem = 8MB\n", java.nio.file.StandardOpenOption.APPEND);
        Result rl = run("reload", "-D", d.toString());
        assertEquals(0, rl.exit(), rl.all());
        String log = waitForLog(d, "parameter \"work_mem\" changed to \"8MB\"");
        assertTrue(log.contains("LOG:  received SIGHUP, reloading configuration files"), log);

        Result stop = run("stop", "-D", d.toString(), "-m", "fast");
        assertEquals(0, stop.exit(), stop.all());
        assertTrue(stop.out().contains("waiting for server to shut down") && stop.out().contains("server stopped"), stop.all());
        assertFalse(Files.exists(d.resolve("postmaster.pid")));
        assertFalse(ProcessHandle.of(pmPid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(connects(port), "psql after stop");
        log = Files.readString(d.resolve("postmaster.log"));
        assertTrue(log.contains("LOG:  database system is ready to accept connections"), log);
        assertTrue(log.contains("LOG:  received fast shutdown request"), log);
        assertTrue(log.contains("LOG:  database system is shut down"), log);

        Result stopAgain = run("stop", "-D", d.toString());
        assertEquals(1, stopAgain.exit());
        assertTrue(stopAgain.err().contains("PID file \"" + d + "/postmaster.pid\" does not exist"), stopAgain.all());
        assertEquals(3, run("status", "-D", d.toString()).exit());
    }

    private static String waitForLog(Path d, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String log = "";
        while (System.nanoTime() < deadline) {
            log = Files.readString(d.resolve("postmaster.log"));
            if (log.contains(text)) {
                return log;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("log never showed " + text + ":\n" + log);
    }

    @Test
    void stalePidFileDoesNotBlockAndOtherStopModes() throws Exception {
        Path d = initdb("data");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(d.resolve("postmaster.pid"), gone.pid() + "\n" + d + "\n0\n5432\n\nlocalhost\n\nready   \n",
                StandardCharsets.UTF_8);
        int port = freePort();
        Result r = start(d, port, "-c", "application_name=x");
        assertEquals(0, r.exit(), r.all());
        assertTrue(connects(port));
        Result stop = run("stop", "-D", d.toString(), "-m", "smart");
        assertEquals(0, stop.exit(), stop.all());
        assertTrue(waitForLog(d, "received smart shutdown request").contains("database system is shut down"));
        assertFalse(connects(port));
    }

    /** stop -m immediate, then start again; SIGKILL of the postmaster, then start again. */
    @Test
    void restartsAfterImmediateStopAndAfterKill9() throws Exception {
        Path d = initdb("data");
        Path sockets = Files.createDirectories(tmp.resolve("sock"));
        int port = freePort();
        String socketSetting = "unix_socket_directories=" + sockets;
        Result r = start(d, port, "-c", socketSetting);
        assertEquals(0, r.exit(), r.all());
        assertTrue(connects(port));
        assertEquals(0, psql(sockets.toString(), port).exit(), "psql over the Unix socket");

        Result stop = run("stop", "-D", d.toString(), "-m", "immediate");
        assertEquals(0, stop.exit(), stop.all());
        assertFalse(Files.exists(d.resolve("postmaster.pid")));
        assertTrue(Files.readString(d.resolve("postmaster.log")).contains("received immediate shutdown request"));
        assertFalse(connects(port));

        r = start(d, port, "-c", socketSetting);
        assertEquals(0, r.exit(), r.all());
        assertTrue(connects(port), "psql after restarting from an immediate stop");

        // SIGKILL: nothing is cleaned up, the pid file and the socket's lock file stay behind.
        long pmPid = Long.parseLong(PidFile.read(d).orElseThrow().get(0));
        Path socketLock = sockets.resolve(".s.PGSQL." + port + ".lock");
        assertTrue(Files.exists(socketLock));
        ProcessHandle pm = ProcessHandle.of(pmPid).orElseThrow();
        assertTrue(pm.destroyForcibly());
        pm.onExit().get(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(d.resolve("postmaster.pid")), "SIGKILL leaves the pid file");
        assertTrue(Files.exists(socketLock), "SIGKILL leaves the socket lock file");
        assertFalse(connects(port));
        assertEquals(3, run("status", "-D", d.toString()).exit());

        r = start(d, port, "-c", socketSetting);
        assertEquals(0, r.exit(), r.all());
        long newPid = Long.parseLong(PidFile.read(d).orElseThrow().get(0));
        assertTrue(newPid != pmPid);
        assertEquals(Long.toString(newPid), Files.readAllLines(socketLock).get(0).strip(), "the stale socket lock is replaced");
        assertTrue(connects(port), "psql after restarting from SIGKILL");
        assertEquals("1\n", psql(sockets.toString(), port).out(), "psql over the replaced Unix socket");
        stop = run("stop", "-D", d.toString(), "-m", "fast");
        assertEquals(0, stop.exit(), stop.all());
        assertFalse(Files.exists(socketLock), "a clean stop removes the socket lock file");
    }

    /** initdb --auth-local=peer --auth-host=reject: psql over the socket as the OS user, never over TCP. */
    @Test
    void peerForLocalAndRejectForHost() throws Exception {
        Path d = tmp.resolve("data");
        String osUser = System.getProperty("user.name");
        Result init = run("initdb", "-D", d.toString(), "--auth-local=peer", "--auth-host=reject");
        assertEquals(0, init.exit(), init.all());
        Path sockets = Files.createDirectories(tmp.resolve("sock"));
        int port = freePort();
        Result r = start(d, port, "-c", "unix_socket_directories=" + sockets);
        assertEquals(0, r.exit(), r.all());

        Result local = psql(sockets.toString(), port, null);
        assertEquals(0, local.exit(), local.all());
        assertEquals("1\n", local.out());
        Result otherRole = psql(sockets.toString(), port, "tester");
        assertEquals(2, otherRole.exit(), otherRole.all());
        assertTrue(otherRole.err().contains("FATAL:  Peer authentication failed for user \"tester\""), otherRole.all());
        Result tcp = psql("127.0.0.1", port, osUser);
        assertEquals(2, tcp.exit(), tcp.all());
        assertTrue(tcp.err().contains("FATAL:  pg_hba.conf rejects connection for host \"127.0.0.1\", user \""
                + osUser + "\", database \"postgres\""), tcp.all());
        assertEquals(0, run("stop", "-D", d.toString()).exit());
    }

    @Test
    void badConfigurationStopsStartWithFileAndLine() throws Exception {
        Path d = initdb("data");
        Path conf = d.resolve("postgresql.conf");
        long lines = Files.readAllLines(conf).size();
        Files.writeString(conf, "work_mem = 8MB junk\n", java.nio.file.StandardOpenOption.APPEND);
        Result r = start(d, freePort());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("LOG:  syntax error in file \"" + conf + "\" line " + (lines + 1)
                + ", near token \"junk\""), r.all());
        assertTrue(r.err().contains("FATAL:  configuration file \"" + conf + "\" contains errors"), r.all());
        assertTrue(r.err().contains("could not start server"), r.all());
        assertFalse(Files.exists(d.resolve("postmaster.pid")));

        Result badOption = start(d, freePort(), "-c", "work_mem=lots");
        assertEquals(1, badOption.exit());
    }

    @Test
    void startWithoutDataDirInitializesDotData() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("work"));
        int port = freePort();
        started.add(cwd.resolve("data"));
        Result r = run(cwd, "start", "-p", Integer.toString(port));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("Success."), r.all());
        assertTrue(Files.exists(cwd.resolve("data/PG_VERSION")));
        // initdb without -U makes the operating system user the superuser, as PostgreSQL's
        // does, so psql's defaults connect: psql -X -h 127.0.0.1 -p PORT -d postgres -c 'select 1'.
        assertTrue(connects(port, null));
        assertEquals(0, run(cwd, "stop", "-D", "data").exit());
    }
}
