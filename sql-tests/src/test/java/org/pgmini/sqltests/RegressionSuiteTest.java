package org.pgmini.sqltests;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.pgmini.sqltests.regress.RegressionConfig;
import org.pgmini.sqltests.regress.RegressionReport;
import org.pgmini.sqltests.regress.RegressionRun;
import org.pgmini.sqltests.regress.Psql;
import org.pgmini.sqltests.regress.Schedule;
import org.pgmini.sqltests.regress.TestServer;

/**
 * The regression suite: every test of {@code sql-tests/schedule} run through psql against a
 * temporary pgmini server, compared with the outputs PostgreSQL 15 gave for the same files.
 * See {@link RegressionConfig} for running it against another server or only some files.
 */
class RegressionSuiteTest {

    private static final int MAX_DIFF_LINES = 400;

    @Test
    void scheduleProducesTheExpectedOutputs() throws Exception {
        RegressionConfig config = RegressionConfig.fromSystemProperties();
        Schedule schedule = config.schedule();
        RegressionRun run = new RegressionRun(config.suiteDir(), config.outputDir(),
                new Psql(config.psql(), config.timeout()));
        RegressionReport report;
        try (TestServer server = config.startServer()) {
            report = run.run(schedule, server);
        }
        System.out.print(report.summary());
        if (!report.allPassed()) {
            fail(report.summary() + "\nThe differences are in " + run.regressionDiffs()
                    + "; results in " + run.resultFile("x").getParent() + "\n\n" + firstLines(report.diffs()));
        }
    }

    /** Keeps the failure message readable when many files fail; the file has everything. */
    private static String firstLines(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length <= MAX_DIFF_LINES) {
            return text;
        }
        return String.join("\n", java.util.Arrays.copyOf(lines, MAX_DIFF_LINES))
                + "\n... (" + (lines.length - MAX_DIFF_LINES) + " more lines in regression.diffs)\n";
    }

}
