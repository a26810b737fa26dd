package org.pgmini.server.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.server.guc.SessionSettings;

/**
 * A deliberately small SessionSettings for protocol tests: a fixed set of parameters with
 * PostgreSQL's names, GUC_REPORT flags and transactional SET / SET LOCAL semantics. The real
 * GUC system lives in org.pgmini.server.guc; this one only has to be honest about the few
 * parameters the tests touch (unknown names fail with 42704).
 */
public class TestSessionSettings implements SessionSettings {
    private static final Set<String> REPORTED = Set.of("server_version", "server_encoding", "client_encoding",
            "datestyle", "timezone", "integer_datetimes", "standard_conforming_strings", "intervalstyle",
            "application_name", "is_superuser", "session_authorization", "default_transaction_read_only",
            "in_hot_standby");
    private static final Set<String> READ_ONLY = Set.of("server_version", "server_encoding", "integer_datetimes",
            "is_superuser", "session_authorization", "in_hot_standby");
    private static final Set<String> LEVELS = Set.of("debug5", "debug4", "debug3", "debug2", "debug1", "debug", "log",
            "notice", "warning", "error");

    /** Canonical spelling, in report order. */
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> changedReported = new LinkedHashMap<>();
    private Map<String, String> atStart;
    private final Map<String, String> beforeLocal = new HashMap<>();

    public TestSessionSettings(String user) {
        def("server_version", "15.0");
        def("server_encoding", "UTF8");
        def("client_encoding", "UTF8");
        def("DateStyle", "ISO, MDY");
        def("TimeZone", "UTC");
        def("integer_datetimes", "on");
        def("standard_conforming_strings", "on");
        def("IntervalStyle", "postgres");
        def("application_name", "");
        def("is_superuser", "on");
        def("session_authorization", user);
        def("default_transaction_read_only", "off");
        def("in_hot_standby", "off");
        def("client_min_messages", "notice");
        def("statement_timeout", "0");
        def("idle_in_transaction_session_timeout", "0");
        def("idle_session_timeout", "0");
        def("log_connections", "off");
        def("log_disconnections", "off");
        def("extra_float_digits", "1");
        def("work_mem", "4MB");
        def("search_path", "\"$user\", public");
    }

    private void def(String name, String value) {
        names.put(name.toLowerCase(Locale.ROOT), name);
        values.put(name.toLowerCase(Locale.ROOT), value);
    }

    /** Applies the StartupMessage's parameters (and -c options) as PostgreSQL does; FATAL on bad ones. */
    public void applyStartup(Map<String, String> parameters) {
        try {
            for (Map.Entry<String, String> e : parameters.entrySet()) {
                if (e.getKey().equals("options")) {
                    String[] words = e.getValue().trim().split("\\s+");
                    for (int i = 0; i < words.length; i++) {
                        String w = words[i];
                        if (w.equals("-c") && i + 1 < words.length) {
                            w = words[++i];
                        } else if (w.startsWith("--")) {
                            w = w.substring(2);
                        } else if (w.startsWith("-c")) {
                            w = w.substring(2);
                        } else if (w.isEmpty()) {
                            continue;
                        }
                        int eq = w.indexOf('=');
                        set(w.substring(0, eq), List.of(w.substring(eq + 1)), false);
                    }
                } else {
                    assign(e.getKey(), e.getValue(), true);
                }
            }
            changedReported.clear();
        } catch (PgException e) {
            throw new PgException("FATAL", e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, null, null);
        }
    }

    private String key(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        if (!values.containsKey(k)) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return k;
    }

    private void assign(String name, String value, boolean startup) {
        String k = key(name);
        if (READ_ONLY.contains(k) && !startup) {
            throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + k + "\" cannot be changed");
        }
        if (k.equals("client_min_messages") && !LEVELS.contains(value.toLowerCase(Locale.ROOT))) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"client_min_messages\": \"" + value + "\"");
        }
        if (k.equals("statement_timeout") || k.equals("idle_in_transaction_session_timeout")
                || k.equals("idle_session_timeout")) {
            value = Integer.toString(parseMillis(k, value));
        }
        values.put(k, value);
        if (REPORTED.contains(k)) {
            changedReported.put(names.get(k), value);
        }
    }

    private static int parseMillis(String name, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Integer.parseInt(s.substring(0, s.length() - 2).trim());
            }
            if (s.endsWith("s")) {
                return 1000 * Integer.parseInt(s.substring(0, s.length() - 1).trim());
            }
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + name + "\": \"" + v + "\"");
        }
    }

    @Override
    public void atTransactionStart() {
        atStart = new HashMap<>(values);
        beforeLocal.clear();
    }

    @Override
    public void atTransactionCommit() {
        for (Map.Entry<String, String> e : beforeLocal.entrySet()) {
            restore(e.getKey(), e.getValue());
        }
        beforeLocal.clear();
        atStart = null;
    }

    @Override
    public void atTransactionAbort() {
        if (atStart != null) {
            for (Map.Entry<String, String> e : atStart.entrySet()) {
                restore(e.getKey(), e.getValue());
            }
        }
        beforeLocal.clear();
        atStart = null;
    }

    private void restore(String k, String value) {
        if (!value.equals(values.get(k))) {
            values.put(k, value);
            if (REPORTED.contains(k)) {
                changedReported.put(names.get(k), value);
            }
        }
    }

    @Override
    public Map<String, String> reportedValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (REPORTED.contains(e.getKey())) {
                out.put(e.getValue(), values.get(e.getKey()));
            }
        }
        return out;
    }

    @Override
    public Map<String, String> takeReportedChanges() {
        if (changedReported.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>(changedReported);
        changedReported.clear();
        return out;
    }

    @Override
    public String show(String name) {
        return values.get(key(name));
    }

    @Override
    public String currentSetting(String name, boolean missingOk) {
        String k = name.toLowerCase(Locale.ROOT);
        if (!values.containsKey(k)) {
            if (missingOk) {
                return null;
            }
            key(name);
        }
        return values.get(k);
    }

    @Override
    public void set(String name, List<String> newValues, boolean local) {
        String k = key(name);
        String value = newValues.isEmpty() ? null : String.join(", ", newValues);
        if (value == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "SET ... TO DEFAULT is not supported by the test settings");
        }
        if (local) {
            beforeLocal.putIfAbsent(k, values.get(k));
        }
        assign(name, value, false);
    }

    @Override
    public String setConfig(String name, String value, boolean local) {
        set(name, List.of(value), local);
        return show(name);
    }

    @Override
    public void reset(String name) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "RESET is not supported by the test settings");
    }

    @Override
    public void resetAll() {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "RESET ALL is not supported by the test settings");
    }

    @Override
    public List<SettingInfo> all() {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "SHOW ALL is not supported by the test settings");
    }

    @Override
    public void alterSystem(String name, String value) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER SYSTEM is not supported by the test settings");
    }

    @Override
    public boolean reloadConfiguration() {
        return false;
    }

    @Override
    public String getString(String name) {
        return show(name);
    }

    @Override
    public int getInt(String name) {
        return Integer.parseInt(show(name));
    }

    @Override
    public boolean getBool(String name) {
        return show(name).equals("on");
    }

    @Override
    public double getReal(String name) {
        return Double.parseDouble(show(name));
    }
}
