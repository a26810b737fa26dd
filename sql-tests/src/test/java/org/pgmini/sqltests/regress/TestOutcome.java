package org.pgmini.sqltests.regress;

/**
 * What happened to one test file. {@code note} explains a failure that is not (only) an
 * output difference; {@code diff} is the unified diff, empty when the outputs match.
 */
public record TestOutcome(String name, boolean passed, long millis, String note, String diff) {

    public static TestOutcome ok(String name, long millis) {
        return new TestOutcome(name, true, millis, "", "");
    }

    public static TestOutcome failed(String name, long millis, String note, String diff) {
        return new TestOutcome(name, false, millis, note, diff);
    }
}
