package org.pgmini.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.executor.api.Settings;
import org.pgmini.executor.api.TransactionControl;

/** A SessionContext for tests: settings in a map (names case-insensitive), a transaction flag, notices collected. */
public final class TestSession implements SessionContext {
    public final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    public final List<Notice> notices = new ArrayList<>();
    public boolean inBlock;
    /** What the session reports as transaction/statement start (null: not tracked, the executor's fallback). */
    public java.time.Instant transactionStart;
    public java.time.Instant statementStart;
    /** Counts checkForInterrupts calls; when cancelAfterChecks reaches 0 the next check raises 57014. */
    public int interruptChecks;
    public int cancelAfterChecks = -1;
    /** Storage for statements over tables (null: tables raise 0A000 as in a table-less session). */
    public org.pgmini.executor.api.DatabaseAccess database;
    /** The parallel worker pool tests provide (null: none, workers() raises 0A000 as for a tool). */
    public org.pgmini.executor.api.WorkerLauncher workers;

    @Override
    public org.pgmini.executor.api.WorkerLauncher workers() {
        return workers != null ? workers : SessionContext.super.workers();
    }

    public TestSession() {
        values.put("extra_float_digits", "1");
        values.put("TimeZone", "UTC");
        values.put("DateStyle", "ISO, MDY");
        values.put("IntervalStyle", "postgres");
        values.put("bytea_output", "hex");
        values.put("work_mem", "4MB");
        values.put("search_path", "\"$user\", public");
    }

    @Override public String userName() { return "alice"; }
    @Override public String databaseName() { return "postgres"; }
    @Override public int backendPid() { return 4242; }
    @Override public void notice(Notice notice) { notices.add(notice); }
    @Override
    public org.pgmini.executor.api.DatabaseAccess database() {
        return database != null ? database : SessionContext.super.database();
    }
    @Override
    public void checkForInterrupts() {
        interruptChecks++;
        if (cancelAfterChecks >= 0 && cancelAfterChecks-- == 0) {
            throw new PgException("57014", "canceling statement due to user request");
        }
    }

    @Override
    public TransactionControl transaction() {
        return new TransactionControl() {
            @Override public String begin() { inBlock = true; return "BEGIN"; }
            @Override public String commit() { inBlock = false; return "COMMIT"; }
            @Override public String rollback() { inBlock = false; return "ROLLBACK"; }
            @Override public boolean inBlock() { return inBlock; }
            @Override public java.time.Instant transactionStartTime() { return transactionStart; }
            @Override public java.time.Instant statementStartTime() { return statementStart; }
        };
    }

    @Override
    public Settings settings() {
        return new Settings() {
            private String get(String name, boolean missingOk) {
                String v = values.get(name);
                if (v == null && !missingOk) {
                    throw new PgException("42704", "unrecognized configuration parameter \"" + name + "\"");
                }
                return v;
            }
            @Override public String show(String name) { return get(name, false); }
            @Override public String currentSetting(String name, boolean missingOk) { return get(name, missingOk); }
            @Override public void set(String name, List<String> v, boolean local) {
                get(name, false);
                values.put(name, String.join(", ", v));
            }
            @Override public String setConfig(String name, String value, boolean local) {
                get(name, false);
                values.put(name, value);
                return value;
            }
            @Override public void reset(String name) { get(name, false); }
            @Override public void resetAll() { }
            @Override public List<SettingInfo> all() {
                List<SettingInfo> out = new ArrayList<>();
                for (Map.Entry<String, String> e : values.entrySet()) {
                    out.add(new SettingInfo(e.getKey(), e.getValue(), null, "Test", "desc of " + e.getKey(), null,
                            "user", "string", "default", null, null, null, e.getValue(), e.getValue(), null, null, false));
                }
                return out;
            }
            @Override public void alterSystem(String name, String value) { }
            @Override public boolean reloadConfiguration() { return true; }
        };
    }
}
