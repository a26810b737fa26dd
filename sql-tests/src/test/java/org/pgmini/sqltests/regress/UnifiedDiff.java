package org.pgmini.sqltests.regress;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The differences between an expected and an actual output as {@code diff -U3} prints them
 * (diffutils is part of every Debian system). Only used to show a failure; whether a test
 * passed is decided by comparing the bytes.
 */
final class UnifiedDiff {

    private UnifiedDiff() {
    }

    static String between(Path expected, Path actual) {
        Command diff = Command.of("diff", "-U3", expected.toString(), actual.toString());
        Command.Outcome outcome = diff.run(Duration.ofMinutes(1));
        if (outcome.exitCode() == 0 || outcome.exitCode() == 1) {
            return "diff -U3 " + expected + " " + actual + "\n" + outcome.output();
        }
        return "`" + diff + "` failed (exit " + outcome.exitCode() + "):\n" + outcome.output();
    }
}
