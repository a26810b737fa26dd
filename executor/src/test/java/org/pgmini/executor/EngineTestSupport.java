package org.pgmini.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;

/** Shared engine (construction warms Calcite up once) and helpers that run SQL and render text output. */
abstract class EngineTestSupport {
    static final CalciteSqlEngine ENGINE = new CalciteSqlEngine();
    final TestSession session = new TestSession();

    PreparedQuery prepare(String sql, int... oids) {
        List<ParsedStatement> ps = ENGINE.parse(sql);
        return ENGINE.prepare(ps.get(0), oids, session);
    }

    /** Rows of the last statement, each value in its text output form (null for NULL). */
    List<List<String>> rows(String sql, Object... params) {
        List<List<String>> out = new ArrayList<>();
        for (ParsedStatement p : ENGINE.parse(sql)) {
            out.clear();
            PreparedQuery q = ENGINE.prepare(p, new int[0], session);
            try (ResultCursor c = q.execute(params, session)) {
                Object[] row;
                while ((row = c.next()) != null) {
                    List<String> r = new ArrayList<>();
                    for (int i = 0; i < row.length; i++) {
                        r.add(row[i] == null ? null : q.columns().get(i).type().output(row[i], session));
                    }
                    out.add(r);
                }
            }
        }
        return out;
    }

    String value(String sql, Object... params) {
        return rows(sql, params).get(0).get(0);
    }

    PgException error(String sql) {
        try {
            rows(sql);
        } catch (PgException e) {
            return e;
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    /** The first row of {@code sql}'s result is {@code expected} (text output). */
    void assertRow(String sql, String... expected) {
        assertEquals(Arrays.asList(expected), rows(sql).get(0), sql);
    }

    /** {@code sql} fails with SQLSTATE {@code state} and exactly {@code message}. */
    void assertError(String sql, String state, String message) {
        PgException e = error(sql);
        assertEquals(state, e.sqlState(), sql);
        assertEquals(message, e.getMessage(), sql);
    }
}
