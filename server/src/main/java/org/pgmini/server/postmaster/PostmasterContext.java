package org.pgmini.server.postmaster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SqlEngine;
import org.pgmini.server.ServerContext;
import org.pgmini.server.guc.ConfigView;
import org.pgmini.server.guc.ServerConfig;
import org.pgmini.server.guc.SessionGucs;
import org.pgmini.server.guc.SessionSettings;

/** The postmaster's {@link ServerContext}: configuration, roles and the SQL engine for sessions. */
public final class PostmasterContext implements ServerContext {
    private final ServerConfig config;
    private final SqlEngine engine;
    private final BooleanSupplier reload;

    /**
     * @param engine the SQL engine all sessions share
     * @param reload re-reads the configuration as SIGHUP does; false if that was not possible
     */
    public PostmasterContext(ServerConfig config, SqlEngine engine, BooleanSupplier reload) {
        this.config = config;
        this.engine = engine;
        this.reload = reload;
    }

    @Override
    public Path dataDirectory() {
        return config.dataDirectory();
    }

    @Override
    public SqlEngine sqlEngine() {
        return engine;
    }

    @Override
    public ConfigView config() {
        return config;
    }

    public ServerConfig serverConfig() {
        return config;
    }

    /** The role initdb created under this name, if any. */
    public java.util.Optional<RoleFile.Role> role(String user) {
        try {
            return RoleFile.read(config.dataDirectory()).find(user);
        } catch (IOException e) {
            throw new PgException("FATAL", SqlState.IO_ERROR, "could not read file \"" + RoleFile.PATH + "\": "
                    + e.getMessage(), null, null, 0, null, e);
        }
    }

    /**
     * Session settings for {@code user}: FATAL 28000 if no such role exists (as PostgreSQL's
     * InitPostgres), superuser status from the role, then the startup parameters.
     */
    @Override
    public SessionSettings newSessionSettings(String user, Map<String, String> startupParameters) {
        RoleFile.Role role = role(user).orElseThrow(() -> new PgException("FATAL",
                SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist",
                null, null, 0, null, null));
        SessionGucs s = new SessionGucs(config, role.name(), role.superuser(), reload);
        s.applyStartupParameters(startupParameters);
        return s;
    }

    // ---- parallel workers (org.pgmini.server.worker) ----
    private volatile org.pgmini.executor.api.WorkerLauncher workers;

    /** Set once shared memory and the worker pool exist. */
    public void setWorkerLauncher(org.pgmini.executor.api.WorkerLauncher workers) {
        this.workers = workers;
    }

    @Override
    public org.pgmini.executor.api.WorkerLauncher workerLauncher() {
        return workers;
    }

    // ---- the database (org.pgmini.server.storage) ----
    private volatile org.pgmini.server.storage.ServerDatabase database;

    /** Set once, before the listener starts. */
    public void setDatabase(org.pgmini.server.storage.ServerDatabase database) {
        this.database = database;
    }

    @Override
    public org.pgmini.server.storage.ServerDatabase database() {
        return database;
    }

    @Override
    public boolean reloadConfiguration() {
        return reload.getAsBoolean();
    }
}
