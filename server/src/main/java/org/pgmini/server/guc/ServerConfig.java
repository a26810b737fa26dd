package org.pgmini.server.guc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * The postmaster's configuration: the parameter values as loaded at start (environment, command
 * line {@code -c}, postgresql.conf, postgresql.auto.conf) and after each reload, and the parsed
 * files that sessions apply to themselves when they notice a reload (as each PostgreSQL backend
 * re-reads the files on SIGHUP).
 *
 * <p>Thread-safety: every method that touches {@link #table} holds this object's monitor; the
 * postmaster thread (start, reload) and session threads (new sessions, ALTER SYSTEM, typed reads)
 * call in concurrently. {@link #latest} is replaced, never mutated, and read without the lock.
 */
public final class ServerConfig implements ConfigView {
    public static final String CONFIG_FILE = "postgresql.conf";
    public static final String AUTO_CONFIG_FILE = "postgresql.auto.conf";
    public static final String HBA_FILE = "pg_hba.conf";
    public static final String IDENT_FILE = "pg_ident.conf";

    /** The files as last read without syntax or name errors, with a number that grows with each reload. */
    public record FileSnapshot(long generation, ConfigFileParser.Result parsed) {}

    private final Path dataDirectory;
    private final GucTable table;
    private volatile FileSnapshot latest;
    private final Object alterSystemLock = new Object();

    private ServerConfig(Path dataDirectory, GucTable table, FileSnapshot latest) {
        this.dataDirectory = dataDirectory;
        this.table = table;
        this.latest = latest;
    }

    /** A failed start: the messages to log, then the FATAL message. */
    public static final class StartupFailure extends PgException {
        private static final long serialVersionUID = 1L;
        private final transient List<ConfigMessage> messages;

        StartupFailure(List<ConfigMessage> messages, String sqlState, String fatal) {
            super("FATAL", sqlState, fatal, null, null, 0, null, null);
            this.messages = List.copyOf(messages);
        }

        public List<ConfigMessage> messages() {
            return messages;
        }
    }

    /**
     * Loads the configuration for a server start. {@code commandLine}: the {@code -c name=value}
     * options in order; {@code environment}: the process environment (PGPORT, PGDATESTYLE and
     * PGCLIENTENCODING are read, as PostgreSQL's server does). Throws {@link StartupFailure}.
     */
    public static ServerConfig load(Path dataDirectory, List<Map.Entry<String, String>> commandLine,
                                    Map<String, String> environment) {
        Path dataDir = dataDirectory.toAbsolutePath().normalize();
        GucTable table = new GucTable(GucRegistry.builtin());
        List<ConfigMessage> messages = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGPORT", "port");
        env.put("PGDATESTYLE", "datestyle");
        env.put("PGCLIENTENCODING", "client_encoding");
        for (Map.Entry<String, String> e : env.entrySet()) {
            String value = environment.get(e.getKey());
            if (value != null && !value.isEmpty()) {
                applyStartupValue(table, e.getValue(), value, GucSource.ENVIRONMENT, messages);
            }
        }
        for (Map.Entry<String, String> e : commandLine) {
            applyStartupValue(table, e.getKey(), e.getValue(), GucSource.COMMAND_LINE, messages);
        }
        // "-c config_file=..." names the main file (relative paths start at the data directory).
        String given = (String) table.value("config_file");
        Path configFile = given.isEmpty() ? dataDir.resolve(CONFIG_FILE) : dataDir.resolve(given).normalize();
        table.force("data_directory", dataDir.toString(), GucSource.OVERRIDE, true);
        table.force("config_file", configFile.toString(), GucSource.OVERRIDE, true);
        forceWalSegmentSizeFromControlFile(table, dataDir);

        ConfigFileParser.Result parsed = readFiles(configFile, dataDir);
        ConfigApplier.Outcome outcome = ConfigApplier.apply(table, parsed, GucContext.POSTMASTER, false);
        messages.addAll(outcome.messages());
        if (!outcome.ok()) {
            throw new StartupFailure(messages, SqlState.CONFIG_FILE_ERROR, outcome.summary(true));
        }
        if (((String) table.value("hba_file")).isEmpty()) {
            table.force("hba_file", dataDir.resolve(HBA_FILE).toString(), GucSource.OVERRIDE, true);
        }
        if (((String) table.value("ident_file")).isEmpty()) {
            table.force("ident_file", dataDir.resolve(IDENT_FILE).toString(), GucSource.OVERRIDE, true);
        }
        applyDynamicDefaults(table);
        ServerConfig config = new ServerConfig(dataDir, table, new FileSnapshot(0, parsed));
        config.startupMessages = List.copyOf(messages);
        return config;
    }

    private List<ConfigMessage> startupMessages = List.of();

    /** Messages of the successful load worth logging (e.g. skipped optional include files). */
    public List<ConfigMessage> startupMessages() {
        return startupMessages;
    }

    private static void applyStartupValue(GucTable table, String name, String value, GucSource source,
                                          List<ConfigMessage> messages) {
        try {
            table.set(name, value, GucContext.POSTMASTER, source, GucAction.SET, true, null, 0);
        } catch (PgException e) {
            throw new StartupFailure(messages, e.sqlState(), e.getMessage());
        }
    }

    /**
     * wal_segment_size is fixed at initdb and kept in pg_control; PostgreSQL shows that value
     * (ReadControlFile sets the GUC). A missing or unreadable pg_control leaves the default: the
     * server's start then fails with the control file's own message.
     */
    private static void forceWalSegmentSizeFromControlFile(GucTable table, Path dataDir) {
        org.pgmini.wal.control.ControlFile cf = new org.pgmini.wal.control.ControlFile(new org.pgmini.wal.io.RealFileLayer(), dataDir);
        try {
            if (cf.exists()) {
                long size = cf.read().walSegmentSize();
                table.force("wal_segment_size", (int) size, GucSource.DYNAMIC_DEFAULT, true);
            }
        } catch (RuntimeException e) {
            // reported by the WAL at start
        }
    }

    /** Values PostgreSQL computes at start from other settings (source stays "default"). */
    private static void applyDynamicDefaults(GucTable table) {
        // As PostgreSQL: the database encoding (always UTF8 here) becomes server_encoding and the
        // default client_encoding; the stack limit and abbreviation set get their usual values.
        table.set("server_encoding", "UTF8", GucContext.INTERNAL, GucSource.DYNAMIC_DEFAULT, GucAction.SET, true, null, 0);
        table.set("client_encoding", "UTF8", GucContext.POSTMASTER, GucSource.DYNAMIC_DEFAULT, GucAction.SET, true, null, 0);
        table.set("max_stack_depth", "2048", GucContext.POSTMASTER, GucSource.DYNAMIC_DEFAULT, GucAction.SET, true, null, 0);
        table.set("timezone_abbreviations", "Default", GucContext.POSTMASTER, GucSource.DYNAMIC_DEFAULT, GucAction.SET,
                true, null, 0);
        if ((Integer) table.value("wal_buffers") == -1) {
            // 1/32 of shared_buffers, at least 64 kB, at most one WAL segment (all in 8 kB blocks).
            int blocks = (Integer) table.value("shared_buffers") / 32;
            int segmentBlocks = (Integer) table.value("wal_segment_size") / 8192;
            blocks = Math.max(8, Math.min(blocks, segmentBlocks));
            table.force("wal_buffers", blocks, GucSource.DYNAMIC_DEFAULT, true);
        }
    }

    private static ConfigFileParser.Result readFiles(Path configFile, Path dataDir) {
        ConfigFileParser.Result main = ConfigFileParser.parse(configFile, true);
        ConfigFileParser.Result auto = ConfigFileParser.parse(dataDir.resolve(AUTO_CONFIG_FILE), false);
        List<ConfigEntry> entries = new ArrayList<>(main.entries());
        entries.addAll(auto.entries());
        List<ConfigMessage> messages = new ArrayList<>(main.messages());
        messages.addAll(auto.messages());
        String fileWithError = main.fileWithError() != null ? main.fileWithError() : auto.fileWithError();
        return new ConfigFileParser.Result(entries, messages, main.ok() && auto.ok(), fileWithError);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Re-reads the files (SIGHUP, pg_reload_conf()). Returns what to log. Sessions pick the new
     * values up at their next transaction start or ReadyForQuery.
     */
    public synchronized List<ConfigMessage> reload() {
        ConfigFileParser.Result parsed = readFiles(Path.of((String) table.value("config_file")), dataDirectory);
        ConfigApplier.Outcome outcome = ConfigApplier.apply(table, parsed, GucContext.SIGHUP, true);
        List<ConfigMessage> messages = new ArrayList<>(outcome.messages());
        if (!outcome.ok()) {
            messages.add(ConfigMessage.log(SqlState.CONFIG_FILE_ERROR, outcome.summary(false), outcome.fileWithError(), 0));
        }
        if (outcome.applied()) {
            latest = new FileSnapshot(latest.generation() + 1, parsed);
        }
        return messages;
    }

    /** The files as last applied, for sessions catching up with a reload. */
    public FileSnapshot latest() {
        return latest;
    }

    /** A fresh copy of the postmaster's values for a new session. */
    synchronized GucTable copyForSession() {
        return table.copyForSession();
    }

    // ---------------------------------------------------------------- ConfigView

    @Override
    public synchronized String getString(String name) {
        return table.show(name, true);
    }

    @Override
    public synchronized int getInt(String name) {
        return table.intValue(name);
    }

    @Override
    public synchronized boolean getBool(String name) {
        return table.boolValue(name);
    }

    @Override
    public synchronized double getReal(String name) {
        return table.realValue(name);
    }

    /** pg_settings rows of the postmaster's values. */
    public synchronized List<org.pgmini.executor.api.SettingInfo> settingInfos() {
        return table.settingInfos(true);
    }

    // ---------------------------------------------------------------- ALTER SYSTEM

    /** ALTER SYSTEM SET/RESET; see {@link AutoConfWriter}. Serialised across sessions. */
    void alterSystem(String name, String value, boolean superuser, GucTable validator) {
        synchronized (alterSystemLock) {
            new AutoConfWriter(dataDirectory.resolve(AUTO_CONFIG_FILE)).alter(name, value, superuser, validator);
        }
    }
}
