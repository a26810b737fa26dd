package org.pgmini.executor;

import org.pgmini.error.PgException;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.StatementKind;

/** Runs SQL given on the command line and prints results (a debugging aid, not a test). */
public class SqlProbe {
    public static void main(String[] args) {
        CalciteSqlEngine engine = new CalciteSqlEngine();
        TestSession s = new TestSession();
        for (String sql : args) {
            System.out.println("> " + sql);
            System.out.println(run(engine, s, sql));
        }
    }

    static String run(CalciteSqlEngine engine, TestSession s, String sql) {
        StringBuilder sb = new StringBuilder();
        try {
            for (ParsedStatement p : engine.parse(sql)) {
                if (p.kind() == StatementKind.EMPTY) {
                    sb.append("EMPTY\n");
                    continue;
                }
                PreparedQuery q = engine.prepare(p, new int[0], s);
                try (ResultCursor c = q.execute(new Object[0], s)) {
                    if (q.returnsRows()) {
                        StringBuilder h = new StringBuilder();
                        for (ColumnDescription d : q.columns()) {
                            h.append(d.name()).append(':').append(d.type().name()).append(" | ");
                        }
                        sb.append(h).append('\n');
                        Object[] row;
                        while ((row = c.next()) != null) {
                            StringBuilder r = new StringBuilder();
                            for (int i = 0; i < row.length; i++) {
                                r.append(row[i] == null ? "NULL" : q.columns().get(i).type().output(row[i], s)).append(" | ");
                            }
                            sb.append(r).append('\n');
                        }
                    }
                    while (c.next() != null) { }
                    sb.append(c.commandTag()).append('\n');
                }
            }
        } catch (PgException e) {
            sb.append("ERROR ").append(e.sqlState()).append(": ").append(e.getMessage())
                    .append(e.position() > 0 ? " @" + e.position() : "").append(e.hint() != null ? " HINT " + e.hint() : "").append('\n');
        }
        return sb.toString();
    }
}
