package org.pgmini.server.session;

import org.pgmini.server.ServerContext;
import org.pgmini.server.auth.ClientAuthentication;

/** What a backend needs from the server that accepted its connection (the protocol server). */
public interface BackendHost {
    ServerContext context();

    ClientAuthentication authentication();

    /** authentication_timeout in seconds. */
    int authenticationTimeoutSeconds();

    /**
     * Takes a session slot once the StartupMessage is in, as PostgreSQL's InitProcess does:
     * FATAL 57P03 while the server shuts down, FATAL 53300 when max_connections sessions exist.
     */
    void admit(Backend backend);

    /**
     * For a non-superuser after authentication: FATAL 53300 "remaining connection slots are
     * reserved for non-replication superuser connections" when fewer than
     * superuser_reserved_connections free slots remain.
     */
    void checkReservedSlots();

    /** The backend's thread is done (called once, also after a failed startup). */
    void exited(Backend backend);
}
