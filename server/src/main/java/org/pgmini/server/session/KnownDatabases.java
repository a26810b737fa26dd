package org.pgmini.server.session;

import java.util.Set;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * The databases a connection may name until the storage module brings pg_database: the three
 * that PostgreSQL's initdb creates. {@code template0} exists but does not accept connections
 * (datallowconn = false), exactly as in PostgreSQL.
 */
public final class KnownDatabases {
    private static final Set<String> CONNECTABLE = Set.of("postgres", "template1");
    private static final String TEMPLATE0 = "template0";

    private KnownDatabases() {
    }

    /** Throws the FATAL a client gets for a database it cannot connect to. */
    public static void checkConnectable(String database) {
        if (CONNECTABLE.contains(database)) {
            return;
        }
        if (TEMPLATE0.equals(database)) {
            throw new PgException("FATAL", SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "database \"" + database + "\" is not currently accepting connections", null, null, 0, null, null);
        }
        throw new PgException("FATAL", SqlState.INVALID_CATALOG_NAME,
                "database \"" + database + "\" does not exist", null, null, 0, null, null);
    }
}
