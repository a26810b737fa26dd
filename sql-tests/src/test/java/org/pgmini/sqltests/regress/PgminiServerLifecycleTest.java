package org.pgmini.sqltests.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link PgminiServer} drives the CLI: initdb, start on a free port, and a stop that
 * happens whatever else does — through {@code stop -m immediate}, or by killing the
 * postmaster when the CLI cannot stop it. The CLI here is a stand-in with bin/pgmini's
 * command line that runs PostgreSQL 15 ({@code fake-pgmini-cli.sh}), so the lifecycle is
 * checked independently of pgmini's own server.
 */
class PgminiServerLifecycleTest {

    private Path repo;
    private Path work;

    @BeforeEach
    void makeFakeRepository() throws IOException {
        assumeTrue(Postgres15Server.findBindir().isPresent(), "PostgreSQL server binaries not installed");
        repo = Files.createTempDirectory("pgmini-fake-repo");
        Files.createDirectories(repo.resolve("bin"));
        Path cli = repo.resolve("bin/pgmini");
        try (InputStream script = getClass().getResourceAsStream("/fake-pgmini-cli.sh")) {
            Files.copy(script, cli);
        }
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
        work = Files.createTempDirectory("pgmini-fake-work");
        // The stand-in runs PostgreSQL as the postgres OS user, which must reach the work dir.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeFakeRepository() throws IOException {
        if (repo != null) {
            RegressionConfig.deleteRecursively(repo);
            RegressionConfig.deleteRecursively(work);
        }
    }

    @Test
    void startsOnAFreePortAndStopsOnClose() throws Exception {
        ConnectionTarget target;
        long pid;
        try (PgminiServer server = PgminiServer.start(repo, work.resolve("run"), "postgres")) {
            target = server.target();
            assertTrue(accepts(target), "server accepts connections after start");
            pid = postmasterPid(work.resolve("run/data"));
            assertEquals("postgres", target.database());
            assertEquals("postgres", target.user());
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postmaster gone");
        assertFalse(accepts(target), "nothing listens after close");
    }

    @Test
    void killsThePostmasterWhenTheCliCannotStopIt() throws Exception {
        PgminiServer server = PgminiServer.start(repo, work.resolve("run"), "postgres");
        long pid = postmasterPid(work.resolve("run/data"));
        Files.writeString(repo.resolve("stop-fails"), "");
        server.close();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postmaster killed");
        assertFalse(accepts(server.target()));
    }

    @Test
    void aFailedStartIsReportedAndStopsWhatDidStart() throws Exception {
        Files.writeString(repo.resolve("start-fails"), "");
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> PgminiServer.start(repo, work.resolve("run"), "postgres"));
        assertTrue(e.getMessage().contains("start failed (test)"), e.getMessage());
        assertTrue(e.getMessage().contains("server.log"), e.getMessage());
        assertFalse(Files.exists(work.resolve("run/data/postmaster.pid")), "the started server was stopped");
    }

    @Test
    void refusesAnExistingDataDirectory() throws Exception {
        Path bogus = work.resolve("run/data");
        Files.createDirectories(bogus);
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> PgminiServer.start(repo, work.resolve("run"), "postgres"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void aMissingCliIsReported() throws Exception {
        Files.delete(repo.resolve("bin/pgmini"));
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> PgminiServer.start(repo, work.resolve("run"), "postgres"));
        assertTrue(e.getMessage().contains("bin/pgmini"), e.getMessage());
    }

    @Test
    void theSuiteRunsThroughTheCli() throws Exception {
        RegressionConfig config = RegressionConfig.fromSystemProperties();
        try (PgminiServer server = PgminiServer.start(repo, work.resolve("run"), "postgres")) {
            RegressionReport report = new RegressionRun(config.suiteDir(), work.resolve("out"),
                    new Psql(config.psql(), Duration.ofMinutes(2)))
                    .run(Schedule.of(List.of("select_basic", "guc_set_show")), server);
            assertTrue(report.allPassed(), () -> report.summary() + report.diffs());
        }
    }

    private static boolean accepts(ConnectionTarget target) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                .get(0).strip());
    }
}
