package org.pgmini.server.postmaster;

import org.pgmini.server.ShutdownMode;

/**
 * What the postmaster needs from the component that accepts client connections (the protocol
 * server): start listening, and stop in one of pg_ctl's modes.
 */
public interface Listener {
    /**
     * Binds listen_addresses:port and starts accepting connections; returns once connections can
     * be accepted. Throws PgException with PostgreSQL's message when no socket could be bound
     * (e.g. {@code could not bind IPv4 address "127.0.0.1": Address already in use}).
     */
    void start();

    /**
     * Stops accepting connections and ends the sessions as the mode says; returns when done
     * (SMART waits for the sessions to end by themselves). May be called again with a stronger
     * mode while a SMART shutdown is waiting.
     */
    void shutdown(ShutdownMode mode);

    /**
     * Crash of another server process (PostgreSQL's quickdie for every backend): each session gets
     * WARNING 57P02 and its connection is closed; returns when the sessions have ended or after
     * {@code waitMillis}. The listener keeps accepting.
     */
    default void terminateSessionsAfterCrash(long waitMillis) {}
}
