package org.pgmini.error;

/**
 * An error as PostgreSQL reports it: a SQLSTATE, a primary message and the optional fields of
 * an ErrorResponse. Every module raises this type so that the protocol layer can turn any
 * failure into the exact fields a client expects, without guessing from exception classes.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String severity;
    private final String detail;
    private final String hint;
    /** 1-based character position in the query text, 0 when unknown (field P). */
    private final int position;
    private final String context;

    public PgException(String sqlState, String message) {
        this(sqlState, message, null, null, 0, null, null);
    }

    public PgException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, null, null, 0, null, cause);
    }

    public PgException(String sqlState, String message, String detail, String hint, int position,
                       String context, Throwable cause) {
        this("ERROR", sqlState, message, detail, hint, position, context, cause);
    }

    public PgException(String severity, String sqlState, String message, String detail, String hint,
                       int position, String context, Throwable cause) {
        super(message, cause);
        this.severity = severity;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
        this.context = context;
    }

    public static PgException withDetail(String sqlState, String message, String detail) {
        return new PgException(sqlState, message, detail, null, 0, null, null);
    }

    public static PgException withHint(String sqlState, String message, String hint) {
        return new PgException(sqlState, message, null, hint, 0, null, null);
    }

    public static PgException atPosition(String sqlState, String message, int position) {
        return new PgException(sqlState, message, null, null, position, null, null);
    }

    /** The same error with a position attached, for errors found after parsing. */
    public PgException withPosition(int newPosition) {
        return new PgException(severity, sqlState, getMessage(), detail, hint, newPosition, context, getCause());
    }

    /** The same error with one more line of context (as PostgreSQL's error context stack). */
    public PgException withContext(String line) {
        String ctx = context == null ? line : context + "\n" + line;
        return new PgException(severity, sqlState, getMessage(), detail, hint, position, ctx, getCause());
    }

    public String sqlState() { return sqlState; }
    /** ERROR, FATAL or PANIC; FATAL ends the session after it is sent. */
    public String severity() { return severity; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    public int position() { return position; }
    public String context() { return context; }
}
