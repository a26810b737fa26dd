package org.pgmini.executor.query;

import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;

/** Prepares (plans) one statement without running it. */
final class PlanningProbe {
    private PlanningProbe() {}

    static PreparedQuery prepare(CalciteSqlEngine engine, String sql, SessionContext session) {
        return engine.prepare(engine.parse(sql).get(0), new int[0], session);
    }
}
