package org.pgmini.executor.api;

/** One statement of a query string after the raw parse. */
public interface ParsedStatement {
    /** The statement's own text (without the separating semicolon). */
    String sql();

    /** What kind of statement this is; the session needs it before planning (e.g. in an aborted transaction). */
    StatementKind kind();
}
