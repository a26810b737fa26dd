package org.pgmini.executor.api;

/**
 * A non-error message for the client: severity is one of DEBUG1..5, LOG, INFO, NOTICE, WARNING.
 */
public record Notice(String severity, String sqlState, String message, String detail, String hint) {
    public static Notice notice(String message) {
        return new Notice("NOTICE", "00000", message, null, null);
    }

    public static Notice warning(String sqlState, String message) {
        return new Notice("WARNING", sqlState, message, null, null);
    }
}
