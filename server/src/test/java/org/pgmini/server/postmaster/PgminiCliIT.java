package org.pgmini.server.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * data directory, a port in use, a broken postgresql.conf. The listener is the test-only
 * {@link TcpProbeListenerFactory}, put on the class path with PGMINI_EXTRA_CLASSPATH.
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
        pb.environment().put("PGMINI_EXTRA_CLASSPATH", root.resolve("server/target/test-classes").toString());
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

    private static boolean connects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return s.getInputStream().read() == 'N';
        } catch (IOException e) {
            return false;
        }
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

        r = start(d, port);
        assertEquals(0, r.exit(), r.all());
        stop = run("stop", "-D", d.toString(), "-m", "immediate");
        assertEquals(0, stop.exit(), stop.all());
        assertFalse(Files.exists(d.resolve("postmaster.pid")));
        assertTrue(Files.readString(d.resolve("postmaster.log")).contains("received immediate shutdown request"));
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
        assertTrue(connects(port));
        assertEquals(0, run(cwd, "stop", "-D", "data").exit());
    }
}
