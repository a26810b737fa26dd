package org.pgmini.executor.api;

import java.util.List;

/**
 * The SQL front door the server's sessions call. One instance serves every session; it holds
 * no per-session state (that lives behind {@link SessionContext}), so it must be thread-safe.
 *
 * <p>The two steps mirror PostgreSQL's: {@link #parse} is the raw parse of a whole query
 * string (a syntax error anywhere means nothing of it runs), {@link #prepare} is parse
 * analysis and planning of one statement (Parse/Describe in the extended protocol).
 */
public interface SqlEngine {
    /** Splits and parses a query string. Throws PgException 42601 with a 1-based position. */
    List<ParsedStatement> parse(String sql);

    /**
     * Analyzes and plans one statement. {@code paramTypeOids} has one entry per parameter the
     * client declared; 0 means "infer it". The prepared query reports the types it settled on.
     */
    PreparedQuery prepare(ParsedStatement statement, int[] paramTypeOids, SessionContext session);
}
