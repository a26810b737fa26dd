package org.pgmini.executor.types;

import java.util.Locale;

/** What the expression layer needs from the date/time parser's tables (zone abbreviations). */
public final class DateTimeParserAccess {
    private DateTimeParserAccess() {}

    /** Offset east of UTC in seconds of a zone abbreviation (UTC, PST, CEST, ...), or null. */
    public static Integer abbreviation(String name) {
        return DateTimeParser.ABBREVIATIONS.get(name.toLowerCase(Locale.ROOT));
    }
}
