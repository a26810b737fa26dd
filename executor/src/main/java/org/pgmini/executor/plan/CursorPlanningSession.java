package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.executor.api.BackendStatus;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.executor.api.Settings;
import org.pgmini.executor.api.TransactionControl;
import org.pgmini.executor.api.WorkerLauncher;

/**
 * The session as the planner sees it for a DECLARE CURSOR query: everything is the session's,
 * except that max_parallel_workers_per_gather reads 0, so the plan has no Gather. PostgreSQL
 * plans cursors without CURSOR_OPT_PARALLEL_OK for the same reason: a cursor's plan runs across
 * statements, and workers would be held (and their queues stalled) between FETCHes.
 */
final class CursorPlanningSession implements SessionContext {
    private final SessionContext session;
    private final Settings settings;

    CursorPlanningSession(SessionContext session) {
        this.session = session;
        Settings real = session.settings();
        this.settings = new Settings() {
            private String adjust(String name, String value) {
                return "max_parallel_workers_per_gather".equalsIgnoreCase(name) ? "0" : value;
            }

            @Override
            public String show(String name) {
                return adjust(name, real.show(name));
            }

            @Override
            public String currentSetting(String name, boolean missingOk) {
                return adjust(name, real.currentSetting(name, missingOk));
            }

            @Override
            public void set(String name, List<String> values, boolean local) {
                real.set(name, values, local);
            }

            @Override
            public String setConfig(String name, String value, boolean local) {
                return real.setConfig(name, value, local);
            }

            @Override
            public void reset(String name) {
                real.reset(name);
            }

            @Override
            public void resetAll() {
                real.resetAll();
            }

            @Override
            public List<SettingInfo> all() {
                return real.all();
            }

            @Override
            public void alterSystem(String name, String value) {
                real.alterSystem(name, value);
            }

            @Override
            public boolean reloadConfiguration() {
                return real.reloadConfiguration();
            }
        };
    }

    @Override
    public String userName() {
        return session.userName();
    }

    @Override
    public String databaseName() {
        return session.databaseName();
    }

    @Override
    public int backendPid() {
        return session.backendPid();
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public TransactionControl transaction() {
        return session.transaction();
    }

    @Override
    public void notice(Notice notice) {
        session.notice(notice);
    }

    @Override
    public void checkForInterrupts() {
        session.checkForInterrupts();
    }

    @Override
    public WorkerLauncher workers() {
        return session.workers();
    }

    @Override
    public DatabaseAccess database() {
        return session.database();
    }

    @Override
    public List<BackendStatus> serverActivity() {
        return session.serverActivity();
    }
}
