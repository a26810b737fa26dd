package org.pgmini.sqltests.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a schedule against a server: each test's {@code sql/NAME.sql} through psql into
 * {@code results/NAME.out}, compared byte for byte with {@code expected/NAME.out}. Tests of
 * one group run concurrently, each in its own psql session. Writes {@code regression.out}
 * (the summary) and {@code regression.diffs} (unified diffs of the failures) into the output
 * directory, as pg_regress does.
 *
 * <p>Unlike pg_regress, which compares with {@code diff -w}, whitespace counts: both outputs
 * come from the same psql, so any difference, even in column alignment, is the server's.
 */
public final class RegressionRun {

    private final Path suiteDir;
    private final Path outputDir;
    private final Psql psql;

    /**
     * @param suiteDir  the directory holding {@code sql/} and {@code expected/}
     * @param outputDir where {@code results/}, {@code regression.out} and {@code regression.diffs} go
     */
    public RegressionRun(Path suiteDir, Path outputDir, Psql psql) {
        this.suiteDir = suiteDir;
        this.outputDir = outputDir;
        this.psql = psql;
    }

    public Path regressionOut() {
        return outputDir.resolve("regression.out");
    }

    public Path regressionDiffs() {
        return outputDir.resolve("regression.diffs");
    }

    public Path resultFile(String test) {
        return outputDir.resolve("results").resolve(test + ".out");
    }

    public RegressionReport run(Schedule schedule, TestServer server) {
        try {
            Files.createDirectories(outputDir.resolve("results"));
            Files.deleteIfExists(regressionDiffs());
            Files.deleteIfExists(regressionOut());
            RegressionReport report = new RegressionReport(server.describe());
            for (List<String> group : schedule.groups()) {
                report.addGroup(runGroup(group, server.target()));
            }
            Files.writeString(regressionOut(), report.summary(), StandardCharsets.UTF_8);
            if (!report.allPassed()) {
                Files.writeString(regressionDiffs(), report.diffs(), StandardCharsets.UTF_8);
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TestOutcome> runGroup(List<String> group, ConnectionTarget target) {
        if (group.size() == 1) {
            return List.of(runTest(group.get(0), target));
        }
        ExecutorService pool = Executors.newFixedThreadPool(group.size());
        try {
            List<Future<TestOutcome>> running = new ArrayList<>();
            for (String test : group) {
                running.add(pool.submit(() -> runTest(test, target)));
            }
            List<TestOutcome> outcomes = new ArrayList<>();
            for (Future<TestOutcome> future : running) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + group, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("test runner failed on " + group, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one test; never throws for a failing test, only reports it. */
    TestOutcome runTest(String test, ConnectionTarget target) {
        Path sql = suiteDir.resolve("sql").resolve(test + ".sql");
        Path expected = suiteDir.resolve("expected").resolve(test + ".out");
        Path result = resultFile(test);
        long start = System.nanoTime();
        if (!Files.isRegularFile(sql)) {
            return TestOutcome.failed(test, 0, "no file " + sql, "");
        }
        Command.Outcome outcome;
        try {
            outcome = psql.run(target, test, sql, result);
        } catch (UncheckedIOException e) {
            return TestOutcome.failed(test, 0, e.getMessage(), "");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String note = "";
        if (outcome.timedOut()) {
            note = "psql killed after the time limit; the server may hang";
        } else if (outcome.exitCode() != 0) {
            note = "psql exited with code " + outcome.exitCode();
        }
        if (!Files.isRegularFile(expected)) {
            return TestOutcome.failed(test, millis,
                    (note.isEmpty() ? "" : note + "; ") + "no expected output " + expected
                            + " (make it with sql-tests/bin/regen-expected " + test + ")", "");
        }
        boolean same = sameBytes(expected, result);
        if (same && note.isEmpty()) {
            return TestOutcome.ok(test, millis);
        }
        return TestOutcome.failed(test, millis, note, same ? "" : UnifiedDiff.between(expected, result));
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1L;
        } catch (IOException e) {
            return false;
        }
    }
}
