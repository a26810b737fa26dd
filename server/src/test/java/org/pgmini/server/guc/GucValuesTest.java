package org.pgmini.server.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pgmini.server.guc.GucTestSupport.fails;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;

/** Parsing, range checks and SHOW formats, with expected texts taken from PostgreSQL 15. */
class GucValuesTest {
    @TempDir
    Path dir;
    SessionGucs s;

    @BeforeEach
    void setUp() throws Exception {
        s = GucTestSupport.session(GucTestSupport.server(dir, ""));
        s.atTransactionStart();
    }

    /** SET name = value fails with this SQLSTATE and message. */
    private PgException setFails(String sqlState, String message, String name, String value) {
        return fails(sqlState, message, () -> s.set(name, List.of(value), false));
    }

    private String setShow(String name, String value) {
        s.set(name, List.of(value), false);
        return s.show(name);
    }

    @Test
    void memoryUnits() {
        assertEquals("4MB", s.show("work_mem"));
        assertEquals("1GB", setShow("work_mem", "1GB"));
        assertEquals("1MB", setShow("work_mem", "1024kB"));
        assertEquals("1000kB", setShow("work_mem", "1000"));
        assertEquals("1536kB", setShow("work_mem", "1.5MB"));
        assertEquals("10MB", setShow("work_mem", "10 MB"));
        assertEquals("64kB", setShow("work_mem", "64.4"));
        assertEquals("65kB", setShow("work_mem", "64.6"));
        assertEquals("256kB", setShow("work_mem", "0x100"));
        PgException e = setFails("22023", "invalid value for parameter \"work_mem\": \"3xB\"", "work_mem", "3xB");
        assertEquals("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".", e.hint());
        setFails("22023", "12 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)", "work_mem", "12");
        setFails("22023", "1 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)", "WORK_MEM", "1");
        setFails("22023", "0 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)", "work_mem", "0.1kB");
        e = setFails("22023", "invalid value for parameter \"work_mem\": \"abc\"", "work_mem", "abc");
        assertNull(e.hint());
        e = setFails("22023", "invalid value for parameter \"work_mem\": \"2TB\"", "work_mem", "2TB");
        assertEquals("Value exceeds integer range.", e.hint());
        fails("22023", "SET work_mem takes only one argument", () -> s.set("work_mem", List.of("1", "2"), false));
    }

    @Test
    void timeUnits() {
        assertEquals("0", s.show("statement_timeout"));
        assertEquals("1500ms", setShow("statement_timeout", "1.5s"));
        assertEquals("90s", setShow("statement_timeout", "90s"));
        assertEquals("1h", setShow("statement_timeout", "1h"));
        assertEquals("2ms", setShow("statement_timeout", "1500us"));
        assertEquals("0", setShow("statement_timeout", "100us"));
        assertEquals("1d", setShow("statement_timeout", "86400000"));
        assertEquals("1min", setShow("statement_timeout", "60000"));
        assertEquals("2min", setShow("statement_timeout", "120000"));
        setFails("22023", "-1 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)", "statement_timeout", "-1");
        assertEquals("1d", setShow("lock_timeout", "1d"));
        PgException e = setFails("22023", "invalid value for parameter \"lock_timeout\": \"25d\"", "lock_timeout", "25d");
        assertEquals("Value exceeds integer range.", e.hint());
        e = setFails("22023", "invalid value for parameter \"lock_timeout\": \"5 parsecs\"", "lock_timeout", "5 parsecs");
        assertEquals("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".", e.hint());
    }

    @Test
    void defaultsShowLikePostgres() {
        assertEquals("128MB", s.show("shared_buffers"));
        assertEquals("1GB", s.show("max_wal_size"));
        assertEquals("80MB", s.show("min_wal_size"));
        assertEquals("5min", s.show("checkpoint_timeout"));
        assertEquals("4MB", s.show("wal_buffers"));
        assertEquals("16MB", s.show("wal_segment_size"));
        assertEquals("8MB", s.show("min_parallel_table_scan_size"));
        assertEquals("1s", s.show("deadlock_timeout"));
        assertEquals("200ms", s.show("wal_writer_delay"));
        assertEquals("1d", s.show("log_rotation_age"));
        assertEquals("8MB", s.show("temp_buffers"));
        assertEquals("ISO, MDY", s.show("datestyle"));
        assertEquals("\"$user\", public", s.show("search_path"));
        assertEquals("on", s.show("standard_conforming_strings"));
        assertEquals("posix", s.show("dynamic_shared_memory_type"));
        assertEquals("off", s.show("wal_pmem_mode"));
        assertEquals("1GB", s.show("nvwal_size"));
        assertEquals("150018", s.show("server_version_num"));
        assertEquals("0700", s.show("data_directory_mode"));
        assertEquals("read committed", s.show("transaction_isolation"));
        assertEquals("1000", s.show("parallel_setup_cost"));
        assertEquals("0.1", s.show("parallel_tuple_cost"));
    }

    @Test
    void booleans() {
        assertEquals("on", setShow("enable_seqscan", "yes"));
        assertEquals("off", setShow("enable_seqscan", "of"));
        assertEquals("on", setShow("enable_seqscan", "t"));
        assertEquals("off", setShow("enable_seqscan", "0"));
        assertEquals("on", setShow("enable_seqscan", "ON"));
        setFails("22023", "parameter \"enable_seqscan\" requires a Boolean value", "enable_seqscan", "o");
        setFails("22023", "parameter \"enable_seqscan\" requires a Boolean value", "enable_seqscan", "2");
    }

    @Test
    void enums() {
        assertEquals("warning", setShow("client_min_messages", "WARNING"));
        assertEquals("info", setShow("client_min_messages", "info"));
        assertEquals("debug2", setShow("client_min_messages", "debug"));
        PgException e = setFails("22023", "invalid value for parameter \"client_min_messages\": \"bogus\"", "client_min_messages", "bogus");
        assertEquals("Available values: debug5, debug4, debug3, debug2, debug1, log, notice, warning, error.", e.hint());
        assertEquals("on", setShow("synchronous_commit", "true"));
        assertEquals("repeatable read", setShow("default_transaction_isolation", "repeatable read"));
        assertEquals("regress", setShow("force_parallel_mode", "regress"));
        assertEquals("pglz", setShow("wal_compression", "on").equals("pglz") ? "pglz" : "not applicable");
    }

    @Test
    void reals() {
        assertEquals("2", setShow("extra_float_digits", "2.5"));
        setFails("22023", "5 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)", "extra_float_digits", "5");
        assertEquals("1000", setShow("parallel_setup_cost", "1e3"));
        setFails("22023", "-1 is outside the valid range for parameter \"parallel_setup_cost\" (0 .. 1.79769e+308)", "parallel_setup_cost", "-1");
        setFails("22023", "invalid value for parameter \"parallel_setup_cost\": \"x\"", "parallel_setup_cost", "x");
        assertEquals("0.123457", setShow("parallel_tuple_cost", "0.123456789012"));
        assertEquals("1e+10", setShow("cpu_tuple_cost", "1e10"));
        assertEquals("1e-05", setShow("cpu_tuple_cost", "0.00001"));
        assertEquals("1e+23", setShow("random_page_cost", "100000000000000000000000"));
        assertEquals("1500us", setShow("vacuum_cost_delay", "1.5"));
        assertEquals("2ms", setShow("vacuum_cost_delay", "2"));
        assertEquals("0", setShow("vacuum_cost_delay", "0"));
    }

    @Test
    void cFormatG() {
        assertEquals("1.79769e+308", CFormat.g(Double.MAX_VALUE));
        assertEquals("0.0025", CFormat.g(0.0025));
        assertEquals("100000", CFormat.g(100000));
        assertEquals("1e+06", CFormat.g(1000000));
        assertEquals("0.0001", CFormat.g(0.0001));
        assertEquals("-2.5", CFormat.g(-2.5));
    }

    @Test
    void dateStyle() {
        assertEquals("German, DMY", setShow("datestyle", "german"));
        s.set("DateStyle", List.of("sql", "dmy"), false);
        assertEquals("SQL, DMY", s.show("datestyle"));
        assertEquals("Postgres, DMY", setShow("datestyle", "postgres"));
        assertEquals("ISO, DMY", setShow("datestyle", "iso"));
        assertEquals("ISO, YMD", setShow("datestyle", "ymd"));
        assertEquals("ISO, DMY", setShow("datestyle", "euro"));
        assertEquals("ISO, MDY", setShow("datestyle", "default"));
        PgException e = setFails("22023", "invalid value for parameter \"DateStyle\": \"foo\"", "datestyle", "foo");
        assertEquals("Unrecognized key word: \"foo\".", e.detail());
        e = setFails("22023", "invalid value for parameter \"DateStyle\": \"iso, ymd, dmy\"", "datestyle", "iso, ymd, dmy");
        assertEquals("Conflicting \"datestyle\" specifications.", e.detail());
    }

    @Test
    void searchPathLists() {
        s.set("search_path", List.of("a", "B", "c d", "public"), false);
        assertEquals("a, \"B\", \"c d\", public", s.show("search_path"));
        s.set("search_path", List.of(""), false);
        assertEquals("\"\"", s.show("search_path"));
        s.set("search_path", List.of("123", "abc"), false);
        assertEquals("123, abc", s.show("search_path"));
        s.set("search_path", List.of(), false);
        assertEquals("\"$user\", public", s.show("search_path"));
        assertEquals("x", s.setConfig("search_path", "x", false));
        assertEquals("x", s.currentSetting("search_path", false));
    }

    @Test
    void clientEncodingAndTimeZone() {
        assertEquals("UTF8", setShow("client_encoding", "utf-8"));
        assertEquals("UTF8", setShow("client_encoding", "unicode"));
        assertEquals("SQL_ASCII", setShow("client_encoding", "sql_ascii"));
        setFails("22023", "invalid value for parameter \"client_encoding\": \"bogus\"", "client_encoding", "bogus");
        PgException e = setFails("0A000", "invalid value for parameter \"client_encoding\": \"latin1\"", "client_encoding", "latin1");
        assertEquals("Conversion between LATIN1 and UTF8 is not supported.", e.detail());

        assertEquals("Europe/Berlin", setShow("timezone", "Europe/Berlin"));
        assertEquals("UTC", setShow("TimeZone", "utc"));
        assertEquals("<+03>-03", setShow("timezone", "+3"));
        assertEquals("<+05:30>-05:30", setShow("timezone", "+5.5"));
        assertEquals("EST5EDT", setShow("timezone", "EST5EDT"));
        assertEquals("GMT+2", setShow("timezone", "GMT+2"));
        assertEquals(-7200, TimeZones.toZoneId("GMT+2").getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds());
        assertEquals(10800, TimeZones.toZoneId("<+03>-03").getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds());
        setFails("22023", "invalid value for parameter \"TimeZone\": \"bogus/zone\"", "timezone", "bogus/zone");
        assertEquals("??", setShow("application_name", "\u00e9"));
    }

    @Test
    void contextsAndUnknownNames() {
        setFails("55P02", "parameter \"max_connections\" cannot be changed without restarting the server", "MAX_CONNECTIONS", "5");
        setFails("55P02", "parameter \"server_version\" cannot be changed", "server_version", "1");
        setFails("55P02", "parameter \"fsync\" cannot be changed now", "fsync", "off");
        setFails("55P02", "parameter \"log_connections\" cannot be set after connection start", "log_connections", "on");
        setFails("42704", "unrecognized configuration parameter \"nosuch\"", "nosuch", "1");
        fails("42704", "unrecognized configuration parameter \"nosuch\"", () -> s.show("nosuch"));
        assertNull(s.currentSetting("nosuch", true));
        fails("42704", "unrecognized configuration parameter \"foo.baz\"", () -> s.currentSetting("foo.baz", false));
        s.set("foo.bar", List.of("1"), false);
        assertEquals("1", s.show("foo.bar"));
        assertEquals("1", s.setConfig("nosuch.x", "1", false));
        setFails("42602", "invalid configuration parameter name \"foo.\"", "foo.", "1");
    }

    @Test
    void unsupportedFeaturesAreRefused() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("postgresql.conf"), "ssl = on\n");
        ServerConfig.StartupFailure f = org.junit.jupiter.api.Assertions.assertThrows(ServerConfig.StartupFailure.class,
                () -> ServerConfig.load(dir, List.of(), java.util.Map.of()));
        ConfigMessage m = f.messages().stream().filter(x -> x.message().contains("ssl")).findFirst().orElseThrow();
        assertEquals("invalid value for parameter \"ssl\": \"on\"", m.message());
        assertEquals("SSL is not supported by this build", m.detail());
    }

    @Test
    void superuserOnlyParameters() throws Exception {
        ServerConfig server = GucTestSupport.server(dir, "");
        SessionGucs bob = new SessionGucs(server, "bob", false, () -> true);
        bob.atTransactionStart();
        fails("42501", "permission denied to set parameter \"commit_delay\"", () -> bob.set("commit_delay", List.of("5"), false));
        fails("42501", "must be superuser or have privileges of pg_read_all_settings to examine \"data_directory\"",
                () -> bob.show("data_directory"));
        assertEquals("off", bob.show("is_superuser"));
        assertEquals("bob", bob.show("session_authorization"));
        bob.set("session_authorization", List.of("bob"), false);
        fails("42704", "role \"eve\" does not exist", () -> bob.set("session_authorization", List.of("eve"), false));
        assertEquals("on", s.show("is_superuser"));
        assertEquals(dir.toAbsolutePath().normalize().toString(), s.show("data_directory"));
    }
}
