package org.pgmini.sqltests.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the runner itself against the oracle: run through the runner, PostgreSQL 15 must
 * reproduce every expected file (which regen-expected made from the same server), so the
 * runner's psql command line and environment are those of regen-expected; and a wrong
 * expected file, a missing one and an unreachable server must each be reported as failures.
 */
class RunnerAgainstPostgresTest {

    private static TestServer postgres;
    private static RegressionConfig config;

    @BeforeAll
    static void startPostgres() throws Exception {
        assumeTrue(Postgres15Server.findBindir().isPresent(), "PostgreSQL server binaries not installed");
        config = RegressionConfig.fromSystemProperties();
        postgres = Postgres15Server.start(Files.createTempDirectory("pgmini-runner-pg15"));
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Psql psql() {
        return new Psql(config.psql(), Duration.ofMinutes(2));
    }

    @Test
    void postgresReproducesEveryExpectedFile(@TempDir Path out) throws Exception {
        RegressionRun run = new RegressionRun(config.suiteDir(), out, psql());
        RegressionReport report = run.run(Schedule.read(config.suiteDir().resolve("schedule")), postgres);
        assertTrue(report.allPassed(), () -> report.summary() + "\n" + report.diffs());
        assertFalse(Files.exists(run.regressionDiffs()));
        String summary = Files.readString(run.regressionOut());
        assertTrue(summary.contains(" All " + report.outcomes().size() + " tests passed. "), summary);
    }

    @Test
    void aWrongExpectedFileFailsWithAUnifiedDiff(@TempDir Path suite, @TempDir Path out) throws Exception {
        Files.createDirectories(suite.resolve("sql"));
        Files.createDirectories(suite.resolve("expected"));
        Files.writeString(suite.resolve("sql/two.sql"), "SELECT 1 + 1 AS two;\n");
        // What PostgreSQL prints, except for the value.
        Files.writeString(suite.resolve("expected/two.out"),
                "SELECT 1 + 1 AS two;\n two \n-----\n   3\n(1 row)\n\n");
        RegressionRun run = new RegressionRun(suite, out, psql());
        RegressionReport report = run.run(Schedule.of(List.of("two")), postgres);

        assertFalse(report.allPassed());
        String diffs = Files.readString(run.regressionDiffs(), StandardCharsets.UTF_8);
        assertTrue(diffs.contains("\n-   3\n+   2\n"), diffs);
        assertTrue(diffs.contains("@@ "), diffs);
        assertTrue(Files.readString(run.regressionOut()).contains("two                          ... FAILED"));
        assertEquals("SELECT 1 + 1 AS two;\n two \n-----\n   2\n(1 row)\n\n",
                Files.readString(run.resultFile("two")));
    }

    @Test
    void aMissingExpectedFileFails(@TempDir Path suite, @TempDir Path out) throws Exception {
        Files.createDirectories(suite.resolve("sql"));
        Files.writeString(suite.resolve("sql/lonely.sql"), "SELECT 1;\n");
        RegressionReport report = new RegressionRun(suite, out, psql()).run(Schedule.of(List.of("lonely")), postgres);
        assertFalse(report.allPassed());
        assertTrue(report.failures().get(0).note().contains("no expected output"), report.summary());
    }

    @Test
    void anUnreachableServerFailsEveryTest(@TempDir Path out) throws Exception {
        ConnectionTarget nowhere = new ConnectionTarget("127.0.0.1", FreePort.find(), "postgres", "postgres");
        RegressionReport report = new RegressionRun(config.suiteDir(), out, psql())
                .run(Schedule.of(List.of("select_basic", "int_arith")), new ExistingServer(nowhere));
        assertEquals(2, report.failures().size());
        assertTrue(report.failures().get(0).note().contains("psql exited with code 2"), report.summary());
    }
}
