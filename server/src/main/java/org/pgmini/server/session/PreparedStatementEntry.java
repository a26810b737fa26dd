package org.pgmini.server.session;

import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.StatementKind;

/**
 * A prepared statement of the extended protocol (or of the unnamed slot). {@code parsed} and
 * {@code query} are null for an empty query string, which executes as EmptyQueryResponse.
 */
record PreparedStatementEntry(String name, ParsedStatement parsed, PreparedQuery query) {
    StatementKind kind() {
        return parsed == null ? StatementKind.EMPTY : parsed.kind();
    }

    boolean isEmpty() {
        return query == null;
    }

    int[] parameterTypeOids() {
        return query == null ? new int[0] : query.parameterTypeOids();
    }

    /** How errors name it: PostgreSQL says "unnamed prepared statement" for the empty name. */
    static String describe(String name) {
        return name.isEmpty() ? "unnamed prepared statement" : "prepared statement \"" + name + "\"";
    }
}
