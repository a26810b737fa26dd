package org.pgmini.executor.query;

import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;

/** Runs one statement to the end without ending the transaction. */
final class PreparedQueryRunner {
    private PreparedQueryRunner() {}

    static long runAll(CalciteSqlEngine engine, String sql, SessionContext session) {
        PreparedQuery q = PlanningProbe.prepare(engine, sql, session);
        long n = 0;
        try (ResultCursor c = q.execute(new Object[0], session)) {
            while (c.next() != null) {
                n++;
            }
        }
        return n;
    }
}
