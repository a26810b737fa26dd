package org.pgmini.server.guc;

import static org.pgmini.server.guc.GucContext.BACKEND;
import static org.pgmini.server.guc.GucContext.INTERNAL;
import static org.pgmini.server.guc.GucContext.POSTMASTER;
import static org.pgmini.server.guc.GucContext.SIGHUP;
import static org.pgmini.server.guc.GucContext.SUPERUSER;
import static org.pgmini.server.guc.GucContext.SUPERUSER_BACKEND;
import static org.pgmini.server.guc.GucContext.USER;
import static org.pgmini.server.guc.GucFlags.DISALLOW_IN_FILE;
import static org.pgmini.server.guc.GucFlags.LIST_INPUT;
import static org.pgmini.server.guc.GucFlags.LIST_QUOTE;
import static org.pgmini.server.guc.GucFlags.NOT_IN_SAMPLE;
import static org.pgmini.server.guc.GucFlags.NO_RESET_ALL;
import static org.pgmini.server.guc.GucFlags.NO_SHOW_ALL;
import static org.pgmini.server.guc.GucFlags.REPORT;
import static org.pgmini.server.guc.GucFlags.SUPERUSER_ONLY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in parameters: PostgreSQL 15's names, types, units, limits, defaults and contexts
 * (checked against a real PostgreSQL 15 pg_settings), plus pgmini's own WAL-on-PMEM settings.
 * Descriptions are pgmini's own wording. A parameter whose feature is not built yet is still
 * registered so that it can be set and shown; the feature reads it when it arrives.
 */
final class BuiltinGucs {
    private BuiltinGucs() {}

    static final String PG_VERSION = "15.18";
    static final int PG_VERSION_NUM = 150018;
    /** Shown by SHOW server_version; clients parse the leading number. */
    static final String SERVER_VERSION = PG_VERSION + " (pgmini 0.1.0)";

    private static final int INT_MAX = Integer.MAX_VALUE;
    private static final int MAX_BACKENDS = 0x3FFFF;
    private static final double DBL_MAX = Double.MAX_VALUE;

    private static final String FILE_LOCATIONS = "File Locations";
    private static final String CONN = "Connections and Authentication / Connection Settings";
    private static final String AUTH = "Connections and Authentication / Authentication";
    private static final String SSL = "Connections and Authentication / SSL";
    private static final String MEM = "Resource Usage / Memory";
    private static final String DISK = "Resource Usage / Disk";
    private static final String KERNEL = "Resource Usage / Kernel Resources";
    private static final String VACUUM_DELAY = "Resource Usage / Cost-Based Vacuum Delay";
    private static final String BGWRITER = "Resource Usage / Background Writer";
    private static final String ASYNC = "Resource Usage / Asynchronous Behavior";
    private static final String WAL = "Write-Ahead Log / Settings";
    private static final String CHECKPOINTS = "Write-Ahead Log / Checkpoints";
    private static final String ARCHIVING = "Write-Ahead Log / Archiving";
    private static final String METHODS = "Query Tuning / Planner Method Configuration";
    private static final String COSTS = "Query Tuning / Planner Cost Constants";
    private static final String GEQO = "Query Tuning / Genetic Query Optimizer";
    private static final String PLANNER_OTHER = "Query Tuning / Other Planner Options";
    private static final String WHERE_LOG = "Reporting and Logging / Where to Log";
    private static final String WHEN_LOG = "Reporting and Logging / When to Log";
    private static final String WHAT_LOG = "Reporting and Logging / What to Log";
    private static final String PROCESS_TITLE = "Reporting and Logging / Process Title";
    private static final String STATS = "Statistics / Cumulative Query and Index Statistics";
    private static final String AUTOVACUUM = "Autovacuum";
    private static final String STATEMENT = "Client Connection Defaults / Statement Behavior";
    private static final String LOCALE = "Client Connection Defaults / Locale and Formatting";
    private static final String PRELOAD = "Client Connection Defaults / Shared Library Preloading";
    private static final String CLIENT_OTHER = "Client Connection Defaults / Other Defaults";
    private static final String LOCKS = "Lock Management";
    private static final String COMPAT = "Version and Platform Compatibility / Previous PostgreSQL Versions";
    private static final String ERRORS = "Error Handling";
    private static final String PRESET = "Preset Options";
    private static final String DEVELOPER = "Developer Options";
    private static final String REPLICATION_SENDING = "Replication / Sending Servers";
    private static final String STANDBY = "Replication / Standby Servers";

    /** Hidden spellings PostgreSQL accepts for on/off in enums that extend a Boolean. */
    private static final String[] BOOL_ALIASES_ON = {"-true=on", "-yes=on", "-1=on"};
    private static final String[] BOOL_ALIASES_OFF = {"-false=off", "-no=off", "-0=off"};

    private static final String[] LOG_LEVELS = {"debug5", "debug4", "debug3", "debug2", "debug1",
        "info", "notice", "warning", "error", "log", "fatal", "panic"};
    private static final String[] CLIENT_LEVELS = {"debug5", "debug4", "debug3", "debug2", "debug1",
        "-debug=debug2", "log", "-info", "notice", "warning", "error"};
    private static final String[] ISOLATION = {"serializable", "repeatable read", "read committed", "read uncommitted"};

    private static final class Builder {
        final GucRegistry registry;
        String category;

        Builder(GucRegistry registry) {
            this.registry = registry;
        }

        void bool(String name, GucContext ctx, String desc, boolean boot, int... flags) {
            registry.add(new BoolGuc(name, ctx, category, desc, or(flags), boot));
        }

        void integer(String name, GucContext ctx, String desc, int boot, int min, int max, GucUnit unit, int... flags) {
            registry.add(new IntGuc(name, ctx, category, desc, or(flags), boot, min, max, unit, null));
        }

        void octal(String name, GucContext ctx, String desc, int boot, int min, int max, int... flags) {
            registry.add(new IntGuc(name, ctx, category, desc, or(flags), boot, min, max, GucUnit.NONE,
                    v -> String.format("%04o", v)));
        }

        void real(String name, GucContext ctx, String desc, double boot, double min, double max, GucUnit unit, int... flags) {
            registry.add(new RealGuc(name, ctx, category, desc, or(flags), boot, min, max, unit));
        }

        void string(String name, GucContext ctx, String desc, String boot, StringGuc.CheckHook hook, int... flags) {
            registry.add(new StringGuc(name, ctx, category, desc, or(flags), boot, hook));
        }

        /**
         * An enum; option spellings: "name" (own value), "name=target" (alias of target's value),
         * a leading "-" hides the spelling from enumvals and hints.
         */
        void enumeration(String name, GucContext ctx, String desc, String boot, int flags, String[]... optionGroups) {
            List<EnumGuc.Option> options = new ArrayList<>();
            Map<String, Integer> values = new HashMap<>();
            for (String[] group : optionGroups) {
                for (String spec : group) {
                    boolean hidden = spec.startsWith("-");
                    String s = hidden ? spec.substring(1) : spec;
                    int eq = s.indexOf('=');
                    String optName = eq < 0 ? s : s.substring(0, eq);
                    Integer value = eq < 0 ? Integer.valueOf(values.size()) : values.get(s.substring(eq + 1));
                    if (value == null) {
                        throw new IllegalStateException(name + ": alias before its target: " + spec);
                    }
                    values.putIfAbsent(optName, value);
                    options.add(new EnumGuc.Option(optName, value, hidden));
                }
            }
            Integer bootValue = values.get(boot);
            if (bootValue == null) {
                throw new IllegalStateException(name + ": boot value is not an option: " + boot);
            }
            registry.add(new EnumGuc(name, ctx, category, desc, flags, bootValue, options));
        }

        private static int or(int[] flags) {
            int f = 0;
            for (int x : flags) {
                f |= x;
            }
            return f;
        }
    }

    private static String[] opts(String... names) {
        return names;
    }

    static GucRegistry register(GucRegistry r) {
        Builder b = new Builder(r);

        b.category = FILE_LOCATIONS;
        b.string("data_directory", POSTMASTER, "The directory holding the database cluster.", "", null, SUPERUSER_ONLY);
        b.string("config_file", POSTMASTER, "The main configuration file.", "", null, SUPERUSER_ONLY, DISALLOW_IN_FILE);
        b.string("hba_file", POSTMASTER, "The host-based authentication file.", "", null, SUPERUSER_ONLY);
        b.string("ident_file", POSTMASTER, "The user name mapping file.", "", null, SUPERUSER_ONLY);
        b.string("external_pid_file", POSTMASTER, "An extra file the server writes its process id into.", "", null, SUPERUSER_ONLY);

        b.category = CONN;
        b.string("listen_addresses", POSTMASTER, "Host names or IP addresses to accept TCP connections on.", "localhost",
                GucHooks::identifierList, LIST_INPUT);
        b.integer("port", POSTMASTER, "The TCP port the server listens on.", 5432, 1, 65535, GucUnit.NONE);
        b.integer("max_connections", POSTMASTER, "How many client connections may exist at once.", 100, 1, MAX_BACKENDS, GucUnit.NONE);
        b.integer("superuser_reserved_connections", POSTMASTER, "Connection slots kept free for superusers.", 3, 0, MAX_BACKENDS, GucUnit.NONE);
        b.string("unix_socket_directories", POSTMASTER, "Directories for Unix-domain sockets.", "/var/run/postgresql",
                GucHooks::identifierList, LIST_INPUT, SUPERUSER_ONLY);
        b.bool("bonjour", POSTMASTER, "Whether to advertise the server through Bonjour.", false);
        b.integer("tcp_keepalives_idle", USER, "Idle time before a TCP keepalive is sent (0: system default).", 0, 0, INT_MAX, GucUnit.S);
        b.integer("tcp_keepalives_interval", USER, "Time between TCP keepalive retransmits (0: system default).", 0, 0, INT_MAX, GucUnit.S);
        b.integer("tcp_keepalives_count", USER, "Lost TCP keepalives before the connection is dropped (0: system default).", 0, 0, INT_MAX, GucUnit.NONE);
        b.integer("tcp_user_timeout", USER, "TCP user timeout (0: system default).", 0, 0, INT_MAX, GucUnit.MS);
        b.integer("client_connection_check_interval", USER, "How often to check that the client is still connected while a query runs.", 0, 0, INT_MAX, GucUnit.MS);

        b.category = AUTH;
        b.integer("authentication_timeout", SIGHUP, "Longest time a client may take to authenticate.", 60, 1, 600, GucUnit.S);
        b.enumeration("password_encryption", USER, "How new passwords are hashed.", "scram-sha-256", 0,
                opts("md5", "scram-sha-256"));
        b.bool("db_user_namespace", SIGHUP, "Whether user names may be qualified by database.", false);
        b.string("krb_server_keyfile", SIGHUP, "Where the Kerberos server key is kept.", "", null, SUPERUSER_ONLY);

        b.category = SSL;
        // PostgreSQL built without TLS refuses ssl = on the same way; TLS comes in a later issue.
        r.add(new BoolGuc("ssl", SIGHUP, SSL, "Whether TLS connections are accepted.", 0, false,
                "SSL is not supported by this build"));

        b.category = MEM;
        b.integer("shared_buffers", POSTMASTER, "Size of the shared buffer pool.", 16384, 16, INT_MAX / 2, GucUnit.BLOCKS);
        b.enumeration("shared_memory_type", POSTMASTER, "Kind of shared memory for the main segment.", "mmap", 0,
                opts("sysv", "mmap"));
        b.enumeration("huge_pages", POSTMASTER, "Whether huge pages back the main shared memory.", "try", 0,
                opts("off", "on", "try"), BOOL_ALIASES_ON, BOOL_ALIASES_OFF);
        b.integer("temp_buffers", USER, "Buffers each session may use for temporary tables.", 1024, 100, INT_MAX / 2, GucUnit.BLOCKS);
        b.integer("max_prepared_transactions", POSTMASTER, "How many transactions may be prepared at once.", 0, 0, MAX_BACKENDS, GucUnit.NONE);
        b.integer("work_mem", USER, "Memory a sort or hash step may use before spilling to temporary files.", 4096, 64, INT_MAX, GucUnit.KB);
        b.real("hash_mem_multiplier", USER, "Multiple of work_mem that hash tables may use.", 2.0, 1.0, 1000.0, GucUnit.NONE);
        b.integer("maintenance_work_mem", USER, "Memory for maintenance work such as VACUUM and CREATE INDEX.", 65536, 1024, INT_MAX, GucUnit.KB);
        b.integer("logical_decoding_work_mem", USER, "Memory logical decoding may use before spilling to disk.", 65536, 64, INT_MAX, GucUnit.KB);
        b.integer("max_stack_depth", SUPERUSER, "Deepest stack a query may use.", 100, 100, INT_MAX, GucUnit.KB);
        b.enumeration("dynamic_shared_memory_type", POSTMASTER, "Implementation of dynamic shared memory segments.", "posix", 0,
                opts("posix", "sysv", "mmap", "none"));

        b.category = DISK;
        b.integer("temp_file_limit", SUPERUSER, "Most temporary file space one process may use (-1: no limit).", -1, -1, INT_MAX, GucUnit.KB);

        b.category = KERNEL;
        b.integer("max_files_per_process", POSTMASTER, "Most files one process keeps open at once.", 1000, 64, INT_MAX, GucUnit.NONE);

        b.category = VACUUM_DELAY;
        b.real("vacuum_cost_delay", USER, "How long vacuum sleeps when its cost limit is reached.", 0, 0, 100, GucUnit.MS);
        b.integer("vacuum_cost_limit", USER, "Vacuum cost that makes vacuum sleep.", 200, 1, 10000, GucUnit.NONE);

        b.category = BGWRITER;
        b.integer("bgwriter_delay", SIGHUP, "Sleep between rounds of the background writer.", 200, 10, 10000, GucUnit.MS);
        b.integer("bgwriter_lru_maxpages", SIGHUP, "Most buffers the background writer flushes per round.", 100, 0, INT_MAX / 2, GucUnit.NONE);
        b.real("bgwriter_lru_multiplier", SIGHUP, "Multiple of recent buffer use to clean ahead per round.", 2.0, 0, 10, GucUnit.NONE);
        b.integer("bgwriter_flush_after", SIGHUP, "Pages after which the background writer asks the kernel to write back.", 64, 0, 256, GucUnit.BLOCKS);

        b.category = ASYNC;
        b.integer("backend_flush_after", USER, "Pages after which a backend asks the kernel to write back.", 0, 0, 256, GucUnit.BLOCKS);
        b.integer("effective_io_concurrency", USER, "Concurrent disk requests the planner may assume.", 1, 0, 1000, GucUnit.NONE);
        b.integer("maintenance_io_concurrency", USER, "Concurrent disk requests for maintenance work.", 10, 0, 1000, GucUnit.NONE);
        b.integer("max_worker_processes", POSTMASTER, "Most background worker processes (parallel workers included).", 8, 0, MAX_BACKENDS, GucUnit.NONE);
        b.integer("max_parallel_workers_per_gather", USER, "Most workers one Gather or Gather Merge may use.", 2, 0, 1024, GucUnit.NONE);
        b.integer("max_parallel_maintenance_workers", USER, "Most workers one maintenance command may use.", 2, 0, 1024, GucUnit.NONE);
        b.integer("max_parallel_workers", USER, "Most parallel workers active at once in the whole server.", 8, 0, 1024, GucUnit.NONE);
        b.bool("parallel_leader_participation", USER, "Whether the leader also executes the parallel part of a plan.", true);

        b.category = WAL;
        b.enumeration("wal_level", POSTMASTER, "How much information is written to the WAL.", "replica", 0,
                opts("minimal", "replica", "-archive=replica", "-hot_standby=replica", "logical"));
        b.bool("fsync", SIGHUP, "Whether changes are forced to disk (off risks corruption after a crash).", true);
        b.enumeration("synchronous_commit", USER, "How durable a commit must be before it returns.", "on", 0,
                opts("local", "remote_write", "remote_apply", "on", "off"), BOOL_ALIASES_ON, BOOL_ALIASES_OFF);
        b.enumeration("wal_sync_method", SIGHUP, "How WAL writes are made durable.", "fdatasync", 0,
                opts("fsync", "fdatasync", "open_sync", "open_datasync"));
        b.bool("full_page_writes", SIGHUP, "Whether a page's first change after a checkpoint logs the whole page.", true);
        b.bool("wal_log_hints", POSTMASTER, "Whether hint-bit changes log full pages too.", false);
        b.enumeration("wal_compression", SUPERUSER, "Compression of full-page images in the WAL.", "off", 0,
                opts("pglz", "lz4", "zstd", "on=pglz", "off"), new String[] {"-true=pglz", "-yes=pglz", "-1=pglz"},
                BOOL_ALIASES_OFF);
        b.bool("wal_init_zero", SUPERUSER, "Whether new WAL files are filled with zeroes.", true);
        b.bool("wal_recycle", SUPERUSER, "Whether old WAL files are renamed for reuse.", true);
        b.integer("wal_buffers", POSTMASTER, "WAL buffer size in shared memory (-1: from shared_buffers).", -1, -1, INT_MAX / 8192, GucUnit.WAL_BLOCKS);
        b.integer("wal_writer_delay", SIGHUP, "Sleep between WAL writer rounds.", 200, 1, 10000, GucUnit.MS);
        b.integer("wal_writer_flush_after", SIGHUP, "WAL written by the WAL writer before it flushes.", 128, 0, INT_MAX, GucUnit.WAL_BLOCKS);
        b.integer("commit_delay", SUPERUSER, "Wait before flushing a commit so that others can share the flush.", 0, 0, 100000, GucUnit.NONE);
        b.integer("commit_siblings", USER, "Other open transactions needed before commit_delay applies.", 5, 0, 1000, GucUnit.NONE);
        b.enumeration("wal_pmem_mode", POSTMASTER, "Where WAL buffers and segments live when persistent memory is used.", "off", 0,
                opts("off", "mapped_segments", "pmem_buffers", "segments_as_buffers", "nvwal"));
        b.string("nvwal_path", POSTMASTER, "File on persistent memory used as the WAL buffer by the pmem_buffers and nvwal modes.", "", null);
        b.integer("nvwal_size", POSTMASTER, "Size of the nvwal_path file.", 1024, 16, INT_MAX, GucUnit.MB);
        b.enumeration("wal_pmem_flush", POSTMASTER, "How stores to mapped WAL files are made durable (libpmem or msync).",
                "auto", 0, opts("auto", "libpmem", "msync"));

        b.category = CHECKPOINTS;
        b.integer("checkpoint_timeout", SIGHUP, "Longest time between automatic checkpoints.", 300, 30, 86400, GucUnit.S);
        b.real("checkpoint_completion_target", SIGHUP, "Fraction of the checkpoint interval to spread a checkpoint's writes over.", 0.9, 0, 1, GucUnit.NONE);
        b.integer("checkpoint_flush_after", SIGHUP, "Pages after which a checkpoint asks the kernel to write back.", 32, 0, 256, GucUnit.BLOCKS);
        b.integer("checkpoint_warning", SIGHUP, "Warn when checkpoints caused by WAL volume come closer together than this.", 30, 0, INT_MAX, GucUnit.S);
        b.integer("max_wal_size", SIGHUP, "WAL size that triggers a checkpoint.", 1024, 2, INT_MAX, GucUnit.MB);
        b.integer("min_wal_size", SIGHUP, "WAL kept for reuse below this size instead of being removed.", 80, 2, INT_MAX, GucUnit.MB);

        b.category = ARCHIVING;
        b.enumeration("archive_mode", POSTMASTER, "Whether finished WAL segments are archived.", "off", 0,
                opts("always", "on", "off"), BOOL_ALIASES_ON, BOOL_ALIASES_OFF);

        b.category = REPLICATION_SENDING;
        b.integer("max_wal_senders", POSTMASTER, "Most WAL sender processes at once.", 10, 0, MAX_BACKENDS, GucUnit.NONE);
        b.integer("wal_keep_size", SIGHUP, "WAL kept for standbys.", 0, 0, INT_MAX, GucUnit.MB);
        b.category = STANDBY;
        b.bool("hot_standby", POSTMASTER, "Whether queries are allowed during recovery.", true);

        b.category = METHODS;
        for (String m : new String[] {"async_append", "bitmapscan", "gathermerge", "hashagg", "hashjoin",
            "incremental_sort", "indexscan", "indexonlyscan", "material", "memoize", "mergejoin", "nestloop",
            "parallel_append", "parallel_hash", "partition_pruning", "seqscan", "sort", "tidscan"}) {
            b.bool("enable_" + m, USER, "Lets the planner use " + m.replace('_', ' ') + " plans.", true);
        }
        b.bool("enable_partitionwise_join", USER, "Lets the planner join partitioned tables partition by partition.", false);
        b.bool("enable_partitionwise_aggregate", USER, "Lets the planner aggregate partitioned tables partition by partition.", false);

        b.category = COSTS;
        b.real("seq_page_cost", USER, "Planner's cost of reading a page sequentially.", 1.0, 0, DBL_MAX, GucUnit.NONE);
        b.real("random_page_cost", USER, "Planner's cost of reading a page out of sequence.", 4.0, 0, DBL_MAX, GucUnit.NONE);
        b.real("cpu_tuple_cost", USER, "Planner's cost of processing one row.", 0.01, 0, DBL_MAX, GucUnit.NONE);
        b.real("cpu_index_tuple_cost", USER, "Planner's cost of processing one index entry.", 0.005, 0, DBL_MAX, GucUnit.NONE);
        b.real("cpu_operator_cost", USER, "Planner's cost of evaluating one operator or function.", 0.0025, 0, DBL_MAX, GucUnit.NONE);
        b.real("parallel_tuple_cost", USER, "Planner's cost of passing one row from a worker to the leader.", 0.1, 0, DBL_MAX, GucUnit.NONE);
        b.real("parallel_setup_cost", USER, "Planner's cost of starting workers for a parallel query.", 1000, 0, DBL_MAX, GucUnit.NONE);
        b.real("jit_above_cost", USER, "Query cost above which JIT compilation is used (-1: never).", 100000, -1, DBL_MAX, GucUnit.NONE);
        b.integer("min_parallel_table_scan_size", USER, "Smallest table the planner considers scanning in parallel.", 1024, 0, INT_MAX / 3, GucUnit.BLOCKS);
        b.integer("min_parallel_index_scan_size", USER, "Smallest index the planner considers scanning in parallel.", 64, 0, INT_MAX / 3, GucUnit.BLOCKS);
        b.integer("effective_cache_size", USER, "Planner's guess of the data cache available (shared buffers plus OS cache).", 524288, 1, INT_MAX, GucUnit.BLOCKS);

        b.category = GEQO;
        b.bool("geqo", USER, "Whether the genetic optimizer plans joins of many tables.", true);

        b.category = PLANNER_OTHER;
        b.integer("default_statistics_target", USER, "Default sample size for table statistics.", 100, 1, 10000, GucUnit.NONE);
        b.enumeration("constraint_exclusion", USER, "Whether the planner uses constraints to skip tables.", "partition", 0,
                opts("partition", "on", "off"), BOOL_ALIASES_ON, BOOL_ALIASES_OFF);
        b.real("cursor_tuple_fraction", USER, "Planner's estimate of the fraction of a cursor's rows that will be fetched.", 0.1, 0, 1, GucUnit.NONE);
        b.integer("from_collapse_limit", USER, "FROM lists up to this size are merged into the parent query.", 8, 1, INT_MAX, GucUnit.NONE);
        b.integer("join_collapse_limit", USER, "Explicit JOINs up to this size are reordered freely.", 8, 1, INT_MAX, GucUnit.NONE);
        b.bool("jit", USER, "Whether JIT compilation may be used.", true);
        b.enumeration("plan_cache_mode", USER, "Whether prepared statements use generic or custom plans.", "auto", 0,
                opts("auto", "force_generic_plan", "force_custom_plan"));

        b.category = WHERE_LOG;
        b.string("log_destination", SIGHUP, "Where server log output goes.", "stderr", GucHooks::logDestination, LIST_INPUT);
        b.bool("logging_collector", POSTMASTER, "Whether a collector process captures log output into files.", false);
        b.string("log_directory", SIGHUP, "Directory of log files written by the collector.", "log", null);
        b.string("log_filename", SIGHUP, "File name pattern of collected log files.", "postgresql-%Y-%m-%d_%H%M%S.log", null);
        b.integer("log_rotation_age", SIGHUP, "Age after which a log file is rotated.", 1440, 0, INT_MAX / 60, GucUnit.MIN);
        b.integer("log_rotation_size", SIGHUP, "Size after which a log file is rotated.", 10240, 0, INT_MAX / 1024, GucUnit.KB);
        b.enumeration("syslog_facility", SIGHUP, "Syslog facility for log messages.", "local0", 0,
                opts("local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"));
        b.string("event_source", POSTMASTER, "Application name used in the Windows event log.", "PostgreSQL", null);

        b.category = WHEN_LOG;
        b.enumeration("log_min_messages", SUPERUSER, "Least severe message level written to the server log.", "warning", 0, LOG_LEVELS);
        b.enumeration("log_min_error_statement", SUPERUSER, "Least severe error level for which the statement is logged.", "error", 0, LOG_LEVELS);
        b.integer("log_min_duration_statement", SUPERUSER, "Log statements running at least this long (-1: none).", -1, -1, INT_MAX, GucUnit.MS);

        b.category = WHAT_LOG;
        b.string("application_name", USER, "Name the client gives itself, shown in logs and statistics.", "",
                GucHooks::cleanAscii, REPORT);
        b.bool("log_checkpoints", SIGHUP, "Whether each checkpoint is logged.", true);
        b.bool("log_connections", SUPERUSER_BACKEND, "Whether each connection attempt is logged.", false);
        b.bool("log_disconnections", SUPERUSER_BACKEND, "Whether the end of each session is logged.", false);
        b.enumeration("log_error_verbosity", SUPERUSER, "How much detail logged errors carry.", "default", 0,
                opts("terse", "default", "verbose"));
        b.string("log_line_prefix", SIGHUP, "printf-style prefix of each log line.", "%m [%p] ", null);
        b.enumeration("log_statement", SUPERUSER, "Which statements are logged.", "none", 0, opts("none", "ddl", "mod", "all"));
        b.integer("log_temp_files", SUPERUSER, "Log temporary files at least this large (-1: none).", -1, -1, INT_MAX, GucUnit.KB);
        b.string("log_timezone", SIGHUP, "Time zone of time stamps in the server log.", "GMT", GucHooks::timeZone);

        b.category = PROCESS_TITLE;
        b.string("cluster_name", POSTMASTER, "Name of this cluster, shown in process titles.", "", GucHooks::cleanAscii);
        b.bool("update_process_title", SUPERUSER, "Whether process titles show the current command.", true);

        b.category = STATS;
        b.bool("track_activities", SUPERUSER, "Whether each session's current command is tracked.", true);
        b.bool("track_counts", SUPERUSER, "Whether table and index access is counted.", true);

        b.category = AUTOVACUUM;
        b.bool("autovacuum", SIGHUP, "Whether the autovacuum launcher runs.", true);

        b.category = STATEMENT;
        b.enumeration("client_min_messages", USER, "Least severe message level sent to the client.", "notice", 0, CLIENT_LEVELS);
        b.string("search_path", USER, "Schemas searched for names that are not schema-qualified.", "\"$user\", public",
                GucHooks::identifierList, LIST_INPUT, LIST_QUOTE);
        b.string("default_tablespace", USER, "Tablespace for new tables and indexes.", "", null);
        b.string("temp_tablespaces", USER, "Tablespaces for temporary tables and files.", "",
                GucHooks::identifierList, LIST_INPUT, LIST_QUOTE);
        b.string("default_table_access_method", USER, "Access method for new tables.", "heap", null);
        b.bool("check_function_bodies", USER, "Whether CREATE FUNCTION checks the function body.", true);
        b.enumeration("default_transaction_isolation", USER, "Isolation level of new transactions.", "read committed", 0, ISOLATION);
        b.enumeration("transaction_isolation", USER, "Isolation level of the current transaction.", "read committed",
                NO_RESET_ALL | NOT_IN_SAMPLE | DISALLOW_IN_FILE, ISOLATION);
        b.bool("default_transaction_read_only", USER, "Whether new transactions are read-only.", false, REPORT);
        b.bool("transaction_read_only", USER, "Whether the current transaction is read-only.", false,
                NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.bool("default_transaction_deferrable", USER, "Whether new serializable read-only transactions wait to run without conflicts.", false);
        b.bool("transaction_deferrable", USER, "Whether the current transaction is deferrable.", false,
                NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.enumeration("session_replication_role", SUPERUSER, "Replication role of the session (affects triggers and rules).", "origin", 0,
                opts("origin", "replica", "local"));
        b.integer("statement_timeout", USER, "Cancel statements running longer than this (0: never).", 0, 0, INT_MAX, GucUnit.MS);
        b.integer("lock_timeout", USER, "Give up waiting for a lock after this long (0: wait forever).", 0, 0, INT_MAX, GucUnit.MS);
        b.integer("idle_in_transaction_session_timeout", USER, "End sessions idle inside a transaction this long (0: never).", 0, 0, INT_MAX, GucUnit.MS);
        b.integer("idle_session_timeout", USER, "End sessions idle outside a transaction this long (0: never).", 0, 0, INT_MAX, GucUnit.MS);
        b.enumeration("bytea_output", USER, "Output format of bytea values.", "hex", 0, opts("escape", "hex"));
        b.enumeration("xmloption", USER, "Whether XML input is a document or content.", "content", 0, opts("content", "document"));
        b.integer("gin_pending_list_limit", USER, "Largest pending list of a GIN index.", 4096, 64, INT_MAX, GucUnit.KB);
        b.bool("row_security", USER, "Whether row security policies apply.", true);

        b.category = LOCALE;
        b.string("DateStyle", USER, "Output format of dates and how ambiguous input dates are read.", "ISO, MDY",
                GucHooks::dateStyle, LIST_INPUT, REPORT);
        b.enumeration("IntervalStyle", USER, "Output format of intervals.", "postgres", REPORT,
                opts("postgres", "postgres_verbose", "sql_standard", "iso_8601"));
        b.string("TimeZone", USER, "Time zone for showing and reading time stamps.", "GMT", GucHooks::timeZone, REPORT);
        b.string("timezone_abbreviations", USER, "Time zone abbreviations accepted in date/time input.", "", null);
        b.integer("extra_float_digits", USER, "Extra digits in floating-point output (positive: shortest exact form).", 1, -15, 3, GucUnit.NONE);
        b.string("client_encoding", USER, "Character encoding used with the client.", "SQL_ASCII", GucHooks::clientEncoding, REPORT);
        b.string("lc_messages", SUPERUSER, "Language of messages.", "", null);
        b.string("lc_monetary", USER, "Locale for formatting money.", "C", null);
        b.string("lc_numeric", USER, "Locale for formatting numbers.", "C", null);
        b.string("lc_time", USER, "Locale for formatting dates and times.", "C", null);
        b.string("default_text_search_config", USER, "Default text search configuration.", "pg_catalog.simple", null);

        b.category = PRELOAD;
        b.string("shared_preload_libraries", POSTMASTER, "Libraries loaded into the server at start.", "", null, LIST_INPUT, LIST_QUOTE, SUPERUSER_ONLY);
        b.string("session_preload_libraries", SUPERUSER, "Libraries loaded into each session.", "", null, LIST_INPUT, LIST_QUOTE, SUPERUSER_ONLY);
        b.string("local_preload_libraries", USER, "Unprivileged libraries loaded into each session.", "", null, LIST_INPUT, LIST_QUOTE);

        b.category = CLIENT_OTHER;
        b.string("dynamic_library_path", SUPERUSER, "Where loadable modules are looked for.", "$libdir", null, SUPERUSER_ONLY);

        b.category = LOCKS;
        b.integer("deadlock_timeout", SUPERUSER, "Wait for a lock this long before checking for a deadlock.", 1000, 1, INT_MAX, GucUnit.MS);
        b.integer("max_locks_per_transaction", POSTMASTER, "Average number of object locks per transaction, for sizing the lock table.", 64, 10, INT_MAX, GucUnit.NONE);
        b.integer("max_pred_locks_per_transaction", POSTMASTER, "Average number of predicate locks per transaction.", 64, 10, INT_MAX, GucUnit.NONE);

        b.category = COMPAT;
        b.bool("array_nulls", USER, "Whether NULL in array input means a null element.", true);
        b.enumeration("backslash_quote", USER, "Whether \\' is accepted in string literals.", "safe_encoding", 0,
                opts("safe_encoding", "on", "off"), BOOL_ALIASES_ON, BOOL_ALIASES_OFF);
        b.bool("escape_string_warning", USER, "Whether backslashes in ordinary string literals draw a warning.", true);
        b.bool("lo_compat_privileges", SUPERUSER, "Whether large objects skip privilege checks.", false);
        b.bool("quote_all_identifiers", USER, "Whether generated SQL quotes every identifier.", false);
        b.bool("standard_conforming_strings", USER, "Whether backslashes in '...' strings are taken literally.", true, REPORT);

        b.category = ERRORS;
        b.bool("exit_on_error", USER, "Whether any error ends the session.", false);
        b.bool("restart_after_crash", SIGHUP, "Whether the server reinitializes itself after a backend crash.", true);
        b.bool("data_sync_retry", POSTMASTER, "Whether a failed fsync of a data file is retried instead of crashing.", false);
        b.enumeration("recovery_init_sync_method", SIGHUP, "How the data directory is synced before crash recovery.", "fsync", 0,
                opts("fsync", "syncfs"));

        b.category = PRESET;
        b.integer("block_size", INTERNAL, "Size of a disk block.", 8192, 8192, 8192, GucUnit.NONE, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.bool("data_checksums", INTERNAL, "Whether data pages carry checksums.", false, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.octal("data_directory_mode", INTERNAL, "Permissions of the data directory.", 0700, 0, 0777, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.bool("debug_assertions", INTERNAL, "Whether assertion checks are compiled in.", false, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.bool("in_hot_standby", INTERNAL, "Whether the server is a hot standby right now.", false, REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.bool("integer_datetimes", INTERNAL, "Whether date and time values are stored as integers.", true, REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.string("lc_collate", INTERNAL, "Collation order of the database.", "C", null, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.string("lc_ctype", INTERNAL, "Character classification of the database.", "C", null, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.integer("max_function_args", INTERNAL, "Most arguments a function may take.", 100, 100, 100, GucUnit.NONE, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.integer("max_identifier_length", INTERNAL, "Longest identifier, in bytes.", 63, 63, 63, GucUnit.NONE, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.integer("max_index_keys", INTERNAL, "Most columns an index may have.", 32, 32, 32, GucUnit.NONE, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.integer("segment_size", INTERNAL, "Size of a relation file segment.", 131072, 131072, 131072, GucUnit.BLOCKS, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.string("server_encoding", INTERNAL, "Character encoding of the database.", "SQL_ASCII", null, REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.string("server_version", INTERNAL, "Version of the server (PostgreSQL's version it is compatible with).", SERVER_VERSION, null,
                REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.integer("server_version_num", INTERNAL, "Version of the server as a number.", PG_VERSION_NUM, PG_VERSION_NUM, PG_VERSION_NUM,
                GucUnit.NONE, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.integer("wal_block_size", INTERNAL, "Size of a WAL block.", 8192, 8192, 8192, GucUnit.NONE, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.integer("wal_segment_size", INTERNAL, "Size of a WAL segment file.", 16 * 1024 * 1024, 1024 * 1024, 1024 * 1024 * 1024,
                GucUnit.BYTE, NOT_IN_SAMPLE, DISALLOW_IN_FILE);
        b.bool("is_superuser", INTERNAL, "Whether the current user is a superuser.", false,
                REPORT, NO_SHOW_ALL, NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE);

        b.category = "Ungrouped";
        b.string("session_authorization", USER, "The session user name.", "", GucHooks::sessionAuthorization,
                REPORT, NO_SHOW_ALL, NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE);

        b.category = DEVELOPER;
        b.bool("allow_system_table_mods", SUPERUSER, "Whether system catalogs may be altered.", false);
        b.enumeration("force_parallel_mode", USER, "Forces parallel execution of queries that could run in parallel (for testing).", "off", 0,
                opts("off", "on", "regress"), BOOL_ALIASES_ON, BOOL_ALIASES_OFF);
        b.bool("ignore_system_indexes", BACKEND, "Whether system indexes are ignored when reading catalogs.", false);
        b.integer("post_auth_delay", BACKEND, "Pause after authentication, to attach a debugger.", 0, 0, INT_MAX / 1000000, GucUnit.S);
        b.integer("pre_auth_delay", SIGHUP, "Pause before authentication, to attach a debugger.", 0, 0, 60, GucUnit.S);
        b.bool("trace_notify", USER, "Whether LISTEN/NOTIFY activity is logged.", false);
        b.bool("trace_sort", USER, "Whether sorts log their resource use.", false);
        b.bool("zero_damaged_pages", SUPERUSER, "Whether damaged page headers are zeroed instead of raising an error.", false);
        registerMore(b);
        return r;
    }

    /** Parameters of features pgmini does not have yet (autovacuum, replication, TLS...), settable and shown. */
    private static void registerMore(Builder b) {
        b.category = AUTOVACUUM;
        b.real("autovacuum_analyze_scale_factor", SIGHUP, "Fraction of a table's rows changed before autoanalyze.", 0.1, 0, 100, GucUnit.NONE);
        b.integer("autovacuum_analyze_threshold", SIGHUP, "Changed rows before autoanalyze, on top of the scale factor.", 50, 0, INT_MAX, GucUnit.NONE);
        b.integer("autovacuum_freeze_max_age", POSTMASTER, "Transaction age that forces a vacuum to prevent wraparound.", 200000000, 100000, 2000000000, GucUnit.NONE);
        b.integer("autovacuum_max_workers", POSTMASTER, "Most autovacuum workers at once.", 3, 1, MAX_BACKENDS, GucUnit.NONE);
        b.integer("autovacuum_multixact_freeze_max_age", POSTMASTER, "Multixact age that forces a vacuum to prevent wraparound.", 400000000, 10000, 2000000000, GucUnit.NONE);
        b.integer("autovacuum_naptime", SIGHUP, "Sleep between autovacuum runs.", 60, 1, INT_MAX / 1000, GucUnit.S);
        b.real("autovacuum_vacuum_cost_delay", SIGHUP, "Cost delay of autovacuum (-1: vacuum_cost_delay).", 2, -1, 100, GucUnit.MS);
        b.integer("autovacuum_vacuum_cost_limit", SIGHUP, "Cost limit of autovacuum (-1: vacuum_cost_limit).", -1, -1, 10000, GucUnit.NONE);
        b.real("autovacuum_vacuum_insert_scale_factor", SIGHUP, "Fraction of a table's rows inserted before autovacuum.", 0.2, 0, 100, GucUnit.NONE);
        b.integer("autovacuum_vacuum_insert_threshold", SIGHUP, "Inserted rows before autovacuum, on top of the scale factor (-1: never).", 1000, -1, INT_MAX, GucUnit.NONE);
        b.real("autovacuum_vacuum_scale_factor", SIGHUP, "Fraction of a table's rows updated or deleted before autovacuum.", 0.2, 0, 100, GucUnit.NONE);
        b.integer("autovacuum_vacuum_threshold", SIGHUP, "Updated or deleted rows before autovacuum, on top of the scale factor.", 50, 0, INT_MAX, GucUnit.NONE);
        b.category = MEM;
        b.integer("autovacuum_work_mem", SIGHUP, "Memory of each autovacuum worker (-1: maintenance_work_mem).", -1, -1, INT_MAX, GucUnit.KB);
        b.integer("min_dynamic_shared_memory", POSTMASTER, "Dynamic shared memory reserved at server start.", 0, 0, INT_MAX, GucUnit.MB);
        b.integer("huge_page_size", POSTMASTER, "Size of huge pages to ask for (0: the system default).", 0, 0, INT_MAX, GucUnit.KB);

        b.category = VACUUM_DELAY;
        b.integer("vacuum_cost_page_dirty", USER, "Vacuum cost of dirtying a page.", 20, 0, 10000, GucUnit.NONE);
        b.integer("vacuum_cost_page_hit", USER, "Vacuum cost of a page found in the buffer cache.", 1, 0, 10000, GucUnit.NONE);
        b.integer("vacuum_cost_page_miss", USER, "Vacuum cost of a page read from disk.", 2, 0, 10000, GucUnit.NONE);
        b.category = STATEMENT;
        b.integer("vacuum_failsafe_age", USER, "Table age at which vacuum skips everything but freezing.", 1600000000, 0, 2100000000, GucUnit.NONE);
        b.integer("vacuum_freeze_min_age", USER, "Age at which vacuum freezes a row.", 50000000, 0, 1000000000, GucUnit.NONE);
        b.integer("vacuum_freeze_table_age", USER, "Age at which vacuum scans the whole table to freeze rows.", 150000000, 0, 2000000000, GucUnit.NONE);
        b.integer("vacuum_multixact_failsafe_age", USER, "Multixact age at which vacuum skips everything but freezing.", 1600000000, 0, 2100000000, GucUnit.NONE);
        b.integer("vacuum_multixact_freeze_min_age", USER, "Multixact age at which vacuum replaces a multixact.", 5000000, 0, 1000000000, GucUnit.NONE);
        b.integer("vacuum_multixact_freeze_table_age", USER, "Multixact age at which vacuum scans the whole table.", 150000000, 0, 2000000000, GucUnit.NONE);
        b.enumeration("xmlbinary", USER, "How binary values are written in XML.", "base64", 0, opts("base64", "hex"));
        b.enumeration("default_toast_compression", USER, "Compression method for new out-of-line values.", "pglz", 0, opts("pglz", "lz4"));

        b.category = GEQO;
        b.integer("geqo_effort", USER, "Effort of the genetic optimizer (sets the defaults of the others).", 5, 1, 10, GucUnit.NONE);
        b.integer("geqo_generations", USER, "Iterations of the genetic optimizer (0: from geqo_effort).", 0, 0, INT_MAX, GucUnit.NONE);
        b.integer("geqo_pool_size", USER, "Population of the genetic optimizer (0: from geqo_effort).", 0, 0, INT_MAX, GucUnit.NONE);
        b.real("geqo_seed", USER, "Seed of the genetic optimizer's random choices.", 0, 0, 1, GucUnit.NONE);
        b.real("geqo_selection_bias", USER, "Selective pressure in the genetic optimizer.", 2, 1.5, 2, GucUnit.NONE);
        b.integer("geqo_threshold", USER, "Number of FROM items from which the genetic optimizer is used.", 12, 2, INT_MAX, GucUnit.NONE);

        b.category = PLANNER_OTHER;
        b.real("recursive_worktable_factor", USER, "Planner's guess of a recursive query's work table size, relative to its start.", 10, 0.001, 1e6, GucUnit.NONE);
        b.category = COSTS;
        b.real("jit_inline_above_cost", USER, "Query cost above which JIT inlines functions (-1: never).", 500000, -1, DBL_MAX, GucUnit.NONE);
        b.real("jit_optimize_above_cost", USER, "Query cost above which JIT-compiled code is optimized (-1: never).", 500000, -1, DBL_MAX, GucUnit.NONE);
        b.category = DEVELOPER;
        b.bool("jit_expressions", USER, "Whether expressions may be JIT-compiled.", true);
        b.bool("jit_tuple_deforming", USER, "Whether row decoding may be JIT-compiled.", true);
        b.bool("remove_temp_files_after_crash", SIGHUP, "Whether temporary files are removed after a backend crash.", true);
        b.bool("ignore_checksum_failure", SUPERUSER, "Whether a checksum failure is only a warning.", false);
        b.bool("allow_in_place_tablespaces", SUPERUSER, "Whether tablespaces may live inside the data directory (for tests).", false);
        b.string("wal_consistency_checking", SUPERUSER, "Resource managers whose WAL records are checked on replay.", "", null, LIST_INPUT);
        b.category = PRELOAD;
        b.string("jit_provider", POSTMASTER, "Library providing JIT compilation.", "llvmjit", null);

        b.category = WHAT_LOG;
        b.integer("log_autovacuum_min_duration", SIGHUP, "Log autovacuum runs at least this long (-1: none).", 600000, -1, INT_MAX, GucUnit.MS);
        b.bool("log_duration", SUPERUSER, "Whether each statement's duration is logged.", false);
        b.bool("log_hostname", SIGHUP, "Whether client host names are resolved for the log.", false);
        b.bool("log_lock_waits", SUPERUSER, "Whether long lock waits are logged.", false);
        b.integer("log_parameter_max_length", SUPERUSER, "Longest bind parameter value logged with a statement (-1: whole).", -1, -1, INT_MAX / 2, GucUnit.BYTE);
        b.integer("log_parameter_max_length_on_error", USER, "Longest bind parameter value in error reports (-1: whole).", 0, -1, INT_MAX / 2, GucUnit.BYTE);
        b.bool("debug_print_parse", USER, "Whether parse trees are logged.", false);
        b.bool("debug_print_plan", USER, "Whether plans are logged.", false);
        b.bool("debug_print_rewritten", USER, "Whether rewritten parse trees are logged.", false);
        b.bool("debug_pretty_print", USER, "Whether logged trees are indented.", true);
        b.category = WHEN_LOG;
        b.integer("log_min_duration_sample", SUPERUSER, "Sample statements running at least this long for logging (-1: none).", -1, -1, INT_MAX, GucUnit.MS);
        b.real("log_statement_sample_rate", SUPERUSER, "Fraction of statements over log_min_duration_sample that are logged.", 1, 0, 1, GucUnit.NONE);
        b.real("log_transaction_sample_rate", SUPERUSER, "Fraction of transactions whose statements are all logged.", 0, 0, 1, GucUnit.NONE);
        b.integer("log_startup_progress_interval", SIGHUP, "Interval of progress messages of long startup steps.", 10000, 0, INT_MAX, GucUnit.MS);
        b.category = WHERE_LOG;
        b.octal("log_file_mode", SIGHUP, "Permissions of log files.", 0600, 0, 0777);
        b.bool("log_truncate_on_rotation", SIGHUP, "Whether a rotated-to log file of the same name is truncated.", false);
        b.string("syslog_ident", SIGHUP, "Program name in syslog messages.", "postgres", null);

        b.category = "Statistics / Monitoring";
        for (String what : new String[] {"statement", "parser", "planner", "executor"}) {
            b.bool("log_" + what + "_stats", SUPERUSER, "Whether " + what + " performance statistics are logged.", false);
        }
        b.enumeration("compute_query_id", SUPERUSER, "Whether query identifiers are computed.", "auto", 0,
                opts("auto", "regress", "on", "off"), BOOL_ALIASES_ON, BOOL_ALIASES_OFF);
        b.category = STATS;
        b.integer("track_activity_query_size", POSTMASTER, "Space kept for each session's current query text.", 1024, 100, 1048576, GucUnit.BYTE);
        b.enumeration("track_functions", SUPERUSER, "Which function calls are counted.", "none", 0, opts("none", "pl", "all"));
        b.bool("track_io_timing", SUPERUSER, "Whether data I/O is timed.", false);
        b.bool("track_wal_io_timing", SUPERUSER, "Whether WAL I/O is timed.", false);
        b.enumeration("stats_fetch_consistency", USER, "How consistent repeated reads of statistics are within a transaction.", "cache", 0,
                opts("none", "cache", "snapshot"));

        b.category = COMPAT;
        b.bool("synchronize_seqscans", USER, "Whether concurrent sequential scans of a table share their reads.", true);
        b.category = "Version and Platform Compatibility / Other Platforms and Clients";
        b.bool("transform_null_equals", USER, "Whether expr = NULL is read as expr IS NULL.", false);
        b.category = CLIENT_OTHER;
        b.integer("gin_fuzzy_search_limit", USER, "Most results a GIN index scan returns (0: no limit).", 0, 0, INT_MAX, GucUnit.NONE);

        b.category = SSL;
        b.string("ssl_ca_file", SIGHUP, "File of trusted certificate authorities.", "", null);
        b.string("ssl_cert_file", SIGHUP, "The server's certificate file.", "server.crt", null);
        b.string("ssl_key_file", SIGHUP, "The server's private key file.", "server.key", null);
        b.string("ssl_ciphers", SIGHUP, "Allowed TLS cipher suites.", "HIGH:MEDIUM:+3DES:!aNULL", null, SUPERUSER_ONLY);
        b.bool("ssl_prefer_server_ciphers", SIGHUP, "Whether the server's cipher order wins over the client's.", true);
        b.enumeration("ssl_min_protocol_version", SIGHUP, "Oldest TLS version accepted.", "TLSv1.2", 0,
                opts("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"));
        b.enumeration("ssl_max_protocol_version", SIGHUP, "Newest TLS version accepted (empty: any).", "", 0,
                opts("", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"));
        b.category = AUTH;
        b.bool("krb_caseins_users", SIGHUP, "Whether Kerberos and GSSAPI user names ignore case.", false);
        b.category = CONN;
        b.octal("unix_socket_permissions", POSTMASTER, "Permissions of the Unix-domain socket.", 0777, 0, 0777);
        b.string("unix_socket_group", POSTMASTER, "Owning group of the Unix-domain socket.", "", null);

        b.category = ARCHIVING;
        b.string("archive_command", SIGHUP, "Shell command that archives a finished WAL segment.", "", null);
        b.integer("archive_timeout", SIGHUP, "Switch to a new WAL segment after this long, so it can be archived.", 0, 0, INT_MAX / 2, GucUnit.S);
        b.category = REPLICATION_SENDING;
        b.integer("max_replication_slots", POSTMASTER, "Most replication slots.", 10, 0, MAX_BACKENDS, GucUnit.NONE);
        b.integer("max_slot_wal_keep_size", SIGHUP, "Most WAL that replication slots may keep (-1: no limit).", -1, -1, INT_MAX, GucUnit.MB);
        b.integer("wal_sender_timeout", USER, "End replication connections silent for this long.", 60000, 0, INT_MAX, GucUnit.MS);
        b.bool("track_commit_timestamp", POSTMASTER, "Whether commit times are recorded.", false);
        b.category = "Replication / Primary Server";
        b.string("synchronous_standby_names", SIGHUP, "Standbys that synchronous commits wait for.", "", null, LIST_INPUT);
        b.category = STANDBY;
        b.bool("hot_standby_feedback", SIGHUP, "Whether a standby tells the primary which rows its queries need.", false);
        b.integer("wal_receiver_timeout", SIGHUP, "End a replication connection to the primary silent for this long.", 60000, 0, INT_MAX, GucUnit.MS);

        b.category = ASYNC;
        b.integer("old_snapshot_threshold", POSTMASTER, "Age after which a snapshot may be too old to read (-1: never).", -1, -1, 86400, GucUnit.MIN);
        b.category = WAL;
        b.integer("wal_skip_threshold", USER, "Relations written in the creating transaction below this size are WAL-logged; larger ones are synced.", 2048, 0, INT_MAX, GucUnit.KB);
        b.category = LOCKS;
        b.integer("max_pred_locks_per_relation", SIGHUP, "Predicate locks on pages or rows before a whole relation is locked.", -2, Integer.MIN_VALUE, INT_MAX, GucUnit.NONE);
        b.integer("max_pred_locks_per_page", SIGHUP, "Predicate locks on rows before the whole page is locked.", 2, 0, INT_MAX, GucUnit.NONE);
    }
}
