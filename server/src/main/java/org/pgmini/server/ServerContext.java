package org.pgmini.server;

import java.nio.file.Path;
import java.util.Map;

import org.pgmini.executor.api.SqlEngine;
import org.pgmini.server.guc.ConfigView;
import org.pgmini.server.guc.SessionSettings;

/**
 * What the postmaster offers the protocol layer and its sessions. Implemented by the
 * postmaster; the protocol server is handed one at construction.
 */
public interface ServerContext {
    /** The data directory (absolute). */
    Path dataDirectory();

    /** The shared SQL engine. */
    SqlEngine sqlEngine();

    /** Server-wide configuration values (postmaster and sighup parameters as last loaded). */
    ConfigView config();

    /**
     * Settings for a new session: the server-wide values, then the StartupMessage's parameters
     * and its {@code options} ({@code -c name=value} / {@code --name=value}), as PostgreSQL
     * applies them. Throws PgException (FATAL) for an unknown or invalid startup parameter.
     */
    SessionSettings newSessionSettings(String user, Map<String, String> startupParameters);

    /** Asks the postmaster to re-read postgresql.conf (as SIGHUP); false if it could not be signalled. */
    boolean reloadConfiguration();

    /** The parallel worker pool and DSM (null when the server has none, e.g. in protocol tests). */
    default org.pgmini.executor.api.WorkerLauncher workerLauncher() {
        return null;
    }

    /**
     * The database sessions attach to (storage, WAL, catalog), or null when the server has none
     * (protocol tests). Its {@code checkConnectable()} refuses connections with FATAL 57P03 while
     * the database system starts, recovers after a crash, or shuts down.
     */
    default org.pgmini.server.storage.ServerDatabase database() {
        return null;
    }
}
