package org.pgmini.sqltests.regress;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of a run, formatted like pg_regress's summary: one line per test, parallel
 * groups announced, and a banner with the count of failures.
 */
public final class RegressionReport {

    private final String serverDescription;
    private final List<List<TestOutcome>> groups = new ArrayList<>();

    public RegressionReport(String serverDescription) {
        this.serverDescription = serverDescription;
    }

    void addGroup(List<TestOutcome> group) {
        groups.add(List.copyOf(group));
    }

    public List<TestOutcome> outcomes() {
        List<TestOutcome> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return all;
    }

    public List<TestOutcome> failures() {
        return outcomes().stream().filter(o -> !o.passed()).toList();
    }

    public boolean allPassed() {
        return failures().isEmpty();
    }

    /** The text of regression.out. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("============== running regression test queries        ==============\n");
        out.append("(").append(serverDescription).append(")\n");
        for (List<TestOutcome> group : groups) {
            if (group.size() == 1) {
                out.append(line("test ", group.get(0)));
            } else {
                out.append("parallel group (").append(group.size()).append(" tests): ");
                out.append(String.join(" ", group.stream().map(TestOutcome::name).toList())).append('\n');
                group.forEach(o -> out.append(line("     ", o)));
            }
        }
        int total = outcomes().size();
        int failed = failures().size();
        String banner = failed == 0
                ? " All " + total + " tests passed. "
                : " " + failed + " of " + total + " tests failed. ";
        String rule = "=".repeat(banner.length());
        out.append('\n').append(rule).append('\n').append(banner).append('\n').append(rule).append('\n');
        return out.toString();
    }

    private static String line(String prefix, TestOutcome outcome) {
        String status = outcome.passed() ? "ok    " : "FAILED";
        String note = outcome.note().isEmpty() ? "" : "  (" + outcome.note() + ")";
        return String.format("%s%-28s ... %s %8d ms%s%n", prefix, outcome.name(), status, outcome.millis(), note);
    }

    /** The text of regression.diffs: every failing test's diff, in schedule order. */
    public String diffs() {
        StringBuilder out = new StringBuilder();
        for (TestOutcome failure : failures()) {
            if (!failure.note().isEmpty()) {
                out.append("*** ").append(failure.name()).append(": ").append(failure.note()).append('\n');
            }
            out.append(failure.diff());
            if (!failure.diff().endsWith("\n") && !failure.diff().isEmpty()) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
