package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.ExplainPrinter;
import org.pgmini.executor.parser.ast.PgExplainStatement;
import org.pgmini.executor.types.PgTypes;

/**
 * EXPLAIN [ANALYZE]: one text column "QUERY PLAN", a row per line. ANALYZE runs the plan to the
 * end (rows are discarded) with per-node counters, then prints actual rows/loops (and times unless
 * TIMING OFF), and with SUMMARY the planning and execution times.
 */
public final class ExplainQuery implements PreparedQuery {
    private final TableQuery query;
    private final PgExplainStatement.Options options;
    private final long planningNanos;

    ExplainQuery(TableQuery query, PgExplainStatement.Options options, long planningNanos) {
        this.query = query;
        this.options = options;
        this.planningNanos = planningNanos;
    }

    /** For the plan cache: an EXPLAIN is as valid as the plan it shows. */
    TableQuery query() {
        return query;
    }

    @Override
    public int[] parameterTypeOids() {
        return query.parameterTypeOids();
    }

    @Override
    public List<ColumnDescription> columns() {
        return List.of(new ColumnDescription("QUERY PLAN", 0, (short) 0, PgTypes.TEXT, -1));
    }

    @Override
    public boolean returnsRows() {
        return true;
    }

    @Override
    public ResultCursor execute(Object[] parameters, SessionContext session) {
        PreparedQuery now = query.current(session);
        TableQuery query = now instanceof TableQuery t ? t : this.query;
        List<String> lines;
        if (options.analyze()) {
            long t0 = System.nanoTime();
            ExecState state = query.begin(parameters, session);
            try {
                state.instrument(options.timing());
                try (Cursor c = state.open(query.planned().root())) {
                    while (c.next() != null) {
                        session.checkForInterrupts();
                    }
                }
                long exec = System.nanoTime() - t0;
                lines = new ExplainPrinter(options.costs(), state, options.timing()).print(query.planned().root());
                if (options.summary()) {
                    lines = new ArrayList<>(lines);
                    lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", planningNanos / 1e6));
                    lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", exec / 1e6));
                }
            } catch (RuntimeException e) {
                throw TableQuery.wrap(e);
            } finally {
                state.close();
            }
        } else {
            lines = new ExplainPrinter(options.costs(), null, false).print(query.planned().root());
            if (options.summary()) {
                lines = new ArrayList<>(lines);
                lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", planningNanos / 1e6));
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (String l : lines) {
            rows.add(new Object[] {l});
        }
        var it = rows.iterator();
        return new ResultCursor() {
            long n;

            @Override
            public Object[] next() {
                if (!it.hasNext()) {
                    return null;
                }
                n++;
                return it.next();
            }

            @Override
            public String commandTag() {
                return "EXPLAIN";
            }

            @Override
            public void close() {
            }
        };
    }
}
