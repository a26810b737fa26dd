package org.pgmini.server.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.executor.api.SettingInfo;

/** SET / SET LOCAL / RESET against commit, abort and savepoints, as PostgreSQL 15 behaves. */
class GucTransactionTest {
    @TempDir
    Path dir;
    SessionGucs s;

    @BeforeEach
    void setUp() throws Exception {
        s = GucTestSupport.session(GucTestSupport.server(dir, "work_mem = 2MB\n"));
    }

    private void set(String value, boolean local) {
        s.set("work_mem", List.of(value), local);
    }

    private String wm() {
        return s.show("work_mem");
    }

    private SettingInfo info(String name) {
        return s.all().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void setSurvivesCommitAndIsUndoneByAbort() {
        s.atTransactionStart();
        set("8MB", false);
        s.atTransactionCommit();
        assertEquals("8MB", wm());
        s.atTransactionStart();
        set("16MB", false);
        assertEquals("16MB", wm());
        s.atTransactionAbort();
        assertEquals("8MB", wm());
        assertEquals("session", info("work_mem").source());
    }

    @Test
    void setLocalEndsWithTheTransaction() {
        s.atTransactionStart();
        set("8MB", true);
        assertEquals("8MB", wm());
        s.atTransactionCommit();
        assertEquals("2MB", wm());
        assertEquals("configuration file", info("work_mem").source());

        // SET then SET LOCAL: commit keeps the SET value.
        s.atTransactionStart();
        set("8MB", false);
        set("9MB", true);
        assertEquals("9MB", wm());
        s.atTransactionCommit();
        assertEquals("8MB", wm());

        // SET LOCAL then SET: the SET wins.
        s.atTransactionStart();
        set("3MB", true);
        set("5MB", false);
        s.atTransactionCommit();
        assertEquals("5MB", wm());

        // set_config(..., true) is SET LOCAL.
        s.atTransactionStart();
        assertEquals("9MB", s.setConfig("work_mem", "9MB", true));
        s.atTransactionCommit();
        assertEquals("5MB", wm());
    }

    @Test
    void savepoints() {
        // BEGIN; SET 1MB; SAVEPOINT a; SET 2MB; ROLLBACK TO a -> 1MB
        s.atTransactionStart();
        set("1MB", false);
        int a = s.atSubTransactionStart();
        set("3MB", false);
        s.atSubTransactionEnd(false, a);
        assertEquals("1MB", wm());
        // SET LOCAL 3MB; SAVEPOINT b; SET 5MB; RELEASE b; COMMIT -> 5MB (the SET wins)
        set("3MB", true);
        int b = s.atSubTransactionStart();
        set("5MB", false);
        s.atSubTransactionEnd(true, b);
        assertEquals("5MB", wm());
        s.atTransactionCommit();
        assertEquals("5MB", wm());

        // SET LOCAL inside a released savepoint still ends at top-level commit.
        s.atTransactionStart();
        int c = s.atSubTransactionStart();
        set("7MB", true);
        s.atSubTransactionEnd(true, c);
        assertEquals("7MB", wm());
        s.atTransactionCommit();
        assertEquals("5MB", wm());

        // A released savepoint's SET is undone when the whole transaction aborts.
        s.atTransactionStart();
        int d = s.atSubTransactionStart();
        set("6MB", false);
        s.atSubTransactionEnd(true, d);
        s.atTransactionAbort();
        assertEquals("5MB", wm());
    }

    @Test
    void resetAndResetAll() {
        s.atTransactionStart();
        set("8MB", false);
        s.set("datestyle", List.of("german"), false);
        s.reset("work_mem");
        assertEquals("2MB", wm());
        assertEquals("configuration file", info("work_mem").source());
        s.resetAll();
        assertEquals("ISO, MDY", s.show("DateStyle"));
        s.atTransactionAbort();
        assertEquals("2MB", wm());
        assertEquals("ISO, MDY", s.show("DateStyle"));
        s.atTransactionStart();
        s.set("datestyle", List.of("german"), false);
        s.atTransactionCommit();
        s.atTransactionStart();
        s.resetAll();
        s.atTransactionAbort();
        assertEquals("German, DMY", s.show("DateStyle"), "RESET ALL is undone by abort");
    }

    @Test
    void transactionIsolationFollowsTheDefault() {
        s.atTransactionStart();
        s.set("default_transaction_isolation", List.of("repeatable read"), false);
        s.set("transaction_isolation", List.of("serializable"), false);
        assertEquals("serializable", s.show("transaction_isolation"));
        s.atTransactionCommit();
        s.atTransactionStart();
        assertEquals("repeatable read", s.show("transaction_isolation"));
        assertEquals("override", info("transaction_isolation").source());
    }

    @Test
    void reportedParameters() {
        Map<String, String> all = s.reportedValues();
        assertEquals(List.of("server_version", "application_name", "default_transaction_read_only", "client_encoding",
                "DateStyle", "IntervalStyle", "TimeZone", "standard_conforming_strings", "in_hot_standby",
                "integer_datetimes", "server_encoding", "is_superuser", "session_authorization"),
                List.copyOf(all.keySet()).stream().sorted((x, y) -> order(x) - order(y)).toList());
        assertEquals("UTF8", all.get("server_encoding"));
        assertEquals("on", all.get("integer_datetimes"));
        assertTrue(all.get("server_version").startsWith("15.18"));
        assertEquals(Map.of(), s.takeReportedChanges());
        s.atTransactionStart();
        s.set("datestyle", List.of("german"), false);
        s.set("work_mem", List.of("8MB"), false);
        s.atTransactionCommit();
        assertEquals(Map.of("DateStyle", "German, DMY"), s.takeReportedChanges());
        assertEquals(Map.of(), s.takeReportedChanges());
        s.atTransactionStart();
        s.set("application_name", List.of("x"), false);
        s.atTransactionAbort();
        assertEquals(Map.of(), s.takeReportedChanges(), "a rolled-back change is no change");
    }

    private static int order(String name) {
        return List.of("server_version", "application_name", "default_transaction_read_only", "client_encoding",
                "DateStyle", "IntervalStyle", "TimeZone", "standard_conforming_strings", "in_hot_standby",
                "integer_datetimes", "server_encoding", "is_superuser", "session_authorization").indexOf(name);
    }

    @Test
    void startupParameters() throws Exception {
        ServerConfig server = GucTestSupport.server(dir, "");
        SessionGucs c = new SessionGucs(server, "alice", false, () -> true);
        c.applyStartupParameters(Map.of("user", "alice", "database", "postgres", "application_name", "psql",
                "client_encoding", "UTF8", "options", "-c work_mem=8MB --application-name=a\\ b"));
        assertEquals("psql", c.show("application_name"), "the parameter outranks options, as it is applied later");
        assertEquals("8MB", c.show("work_mem"));
        
        assertEquals("client", c.all().stream().filter(i -> i.name().equals("work_mem")).findFirst().orElseThrow().source());
        org.pgmini.error.PgException e = GucTestSupport.fails("55P02",
                "parameter \"max_connections\" cannot be changed without restarting the server",
                () -> new SessionGucs(server, "alice", false, () -> true).applyStartupParameters(Map.of("max_connections", "5")));
        assertEquals("FATAL", e.severity());
        e = GucTestSupport.fails("42704", "unrecognized configuration parameter \"nosuch\"",
                () -> new SessionGucs(server, "alice", false, () -> true).applyStartupParameters(Map.of("nosuch", "5")));
        assertEquals("FATAL", e.severity());
        GucTestSupport.fails("42501", "permission denied to set parameter \"log_connections\"",
                () -> new SessionGucs(server, "bob", false, () -> true).applyStartupParameters(Map.of("log_connections", "on")));
        SessionGucs su = new SessionGucs(server, "alice", true, () -> true);
        su.applyStartupParameters(Map.of("log_connections", "on"));
        assertEquals("on", su.show("log_connections"));
    }
}
