package org.pgmini.sqltests.regress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one test file through psql the way PostgreSQL 15's pg_regress does:
 * {@code psql -X -a -q -d DB -v HIDE_TABLEAM=on -v HIDE_TOAST_COMPRESSION=on < sql > out 2>&1},
 * plus {@code -h HOST -p PORT}. {@code -X} ignores ~/.psqlrc, {@code -a} echoes the input,
 * {@code -q} drops command tags. The same command line is in {@code bin/regen-expected}.
 */
public final class Psql {

    private final String executable;
    private final Duration limit;

    public Psql(String executable, Duration limit) {
        this.executable = executable;
        this.limit = limit;
    }

    public List<String> commandLine(ConnectionTarget target) {
        return List.of(executable, "-X", "-a", "-q", "-d", target.database(),
                "-h", target.host(), "-p", Integer.toString(target.port()),
                "-v", "HIDE_TABLEAM=on", "-v", "HIDE_TOAST_COMPRESSION=on");
    }

    /** Runs {@code sqlFile} and writes everything psql prints to {@code resultFile}. */
    public Command.Outcome run(ConnectionTarget target, String testName, Path sqlFile, Path resultFile) {
        Map<String, String> env = RegressEnvironment.forTest(System.getenv(), target, testName);
        return Command.of(commandLine(target)).environment(env).stdin(sqlFile).runTo(resultFile, limit);
    }
}
