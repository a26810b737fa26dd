package org.pgmini.executor.expr.regex;

/** SQLSTATEs of pattern matching that the shared SqlState list does not name. */
public final class RegexErrors {
    private RegexErrors() {}

    /** invalid_regular_expression */
    public static final String INVALID_REGULAR_EXPRESSION = "2201B";
    /** invalid_use_of_escape_character */
    public static final String INVALID_USE_OF_ESCAPE_CHARACTER = "2200C";
}
