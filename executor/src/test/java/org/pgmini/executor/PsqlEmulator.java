package org.pgmini.executor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.StatementKind;
import org.pgmini.executor.parser.StatementSplitter;

/**
 * A debugging aid (not a test): runs a regression .sql file through the engine and prints what
 * `psql -X -a -q` would (aligned tables, ERROR/LINE/caret), to diff against expected/*.out
 * without a server. Only the psql features the suite uses are imitated.
 */
public final class PsqlEmulator {
    private static final Set<String> RIGHT_ALIGNED = Set.of("int2", "int4", "int8", "float4", "float8", "numeric");
    private final CalciteSqlEngine engine = new CalciteSqlEngine();
    private final TestSession session = new TestSession();
    private final StringBuilder out = new StringBuilder();
    private String nullText = "";
    private boolean terse;

    public static void main(String[] args) throws Exception {
        PsqlEmulator e = new PsqlEmulator();
        e.session.values.put("IntervalStyle", "postgres");
        e.session.values.put("application_name", "pg_regress");
        e.session.values.put("client_encoding", "UTF8");
        e.session.values.put("TimeZone", "PST8PDT");
        e.session.values.put("DateStyle", "Postgres, MDY");
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            e.line(line);
        }
        System.out.print(e.out);
    }

    private final StringBuilder buffer = new StringBuilder();

    private void line(String line) {
        out.append(line).append('\n');
        if (StatementSplitter.split(buffer.toString()).get(0).isBlank() && line.startsWith("\\")) {
            buffer.setLength(0);
            String[] w = line.split("\\s+");
            if (w[0].equals("\\pset") && w[1].equals("null")) {
                nullText = w[2].replace("'", "");
            } else if (w[0].equals("\\set") && w[1].equals("VERBOSITY")) {
                terse = w[2].equals("sqlstate");
            }
            return;
        }
        buffer.append(line).append('\n');
        List<StatementSplitter.Piece> pieces = StatementSplitter.split(buffer.toString());
        if (pieces.size() == 1) {
            return;
        }
        String all = buffer.toString();
        for (int i = 0; i < pieces.size() - 1; i++) {
            StatementSplitter.Piece p = pieces.get(i);
            String sql = stripLeadingComments(all.substring(p.start(), p.end() + 1));
            if (!p.isBlank()) {
                run(sql);
            }
        }
        StatementSplitter.Piece last = pieces.get(pieces.size() - 1);
        String rest = all.substring(last.start());
        buffer.setLength(0);
        if (!rest.isBlank()) {
            buffer.append(rest.stripLeading());
        }
    }

    private static String stripLeadingComments(String s) {
        String t = s.stripLeading();
        while (t.startsWith("--")) {
            int nl = t.indexOf('\n');
            t = nl < 0 ? "" : t.substring(nl + 1).stripLeading();
        }
        return t;
    }

    private void run(String sql) {
        try {
            for (ParsedStatement p : engine.parse(sql)) {
                if (p.kind() == StatementKind.EMPTY) {
                    continue;
                }
                PreparedQuery q = engine.prepare(p, new int[0], session);
                try (ResultCursor c = q.execute(new Object[0], session)) {
                    List<String[]> rows = new ArrayList<>();
                    Object[] row;
                    while ((row = c.next()) != null) {
                        String[] r = new String[row.length];
                        for (int i = 0; i < row.length; i++) {
                            r[i] = row[i] == null ? nullText : q.columns().get(i).type().output(row[i], session);
                        }
                        rows.add(r);
                    }
                    if (q.returnsRows()) {
                        table(q.columns(), rows);
                    }
                }
            }
        } catch (PgException e) {
            if (terse) {
                out.append("ERROR:  ").append(e.sqlState()).append('\n');
                return;
            }
            out.append("ERROR:  ").append(e.getMessage()).append('\n');
            if (e.detail() != null) {
                out.append("DETAIL:  ").append(e.detail()).append('\n');
            }
            if (e.position() > 0) {
                caret(sql, e.position());
            }
            if (e.hint() != null) {
                out.append("HINT:  ").append(e.hint()).append('\n');
            }
        }
    }

    private void caret(String sql, int position) {
        int offset = Math.min(position - 1, sql.length());
        int lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
        int lineNo = 1;
        for (int i = 0; i < lineStart; i++) {
            lineNo += sql.charAt(i) == '\n' ? 1 : 0;
        }
        int lineEnd = sql.indexOf('\n', lineStart);
        String text = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
        String prefix = "LINE " + lineNo + ": ";
        out.append(prefix).append(text).append('\n');
        out.append(" ".repeat(prefix.length() + offset - lineStart)).append("^\n");
    }

    private void table(List<ColumnDescription> cols, List<String[]> rows) {
        int n = cols.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = cols.get(i).name().length();
            for (String[] r : rows) {
                for (String part : r[i].split("\n", -1)) {
                    w[i] = Math.max(w[i], part.codePointCount(0, part.length()));
                }
            }
        }
        StringBuilder h = new StringBuilder();
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String name = cols.get(i).name();
            int pad = w[i] - name.length();
            h.append(i == 0 ? " " : "| ").append(" ".repeat(pad / 2)).append(name).append(" ".repeat(pad - pad / 2)).append(' ');
            sep.append(i == 0 ? "" : "+").append("-".repeat(w[i] + 2));
        }
        out.append(n == 0 ? "--\n" : h.toString() + "\n" + sep + "\n");
        for (String[] r : rows) {
            if (n == 0) {
                continue;
            }
            String[][] parts = new String[n][];
            int height = 1;
            for (int i = 0; i < n; i++) {
                parts[i] = r[i].split("\n", -1);
                height = Math.max(height, parts[i].length);
            }
            for (int l = 0; l < height; l++) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    String v = l < parts[i].length ? parts[i][l] : "";
                    boolean more = l < parts[i].length - 1;
                    int pad = w[i] - v.codePointCount(0, v.length());
                    line.append(i == 0 ? " " : "| ");
                    boolean lastColumn = i == n - 1;
                    if (RIGHT_ALIGNED.contains(cols.get(i).type().name())) {
                        line.append(" ".repeat(pad)).append(v);
                    } else {
                        line.append(v).append(lastColumn && !more ? "" : " ".repeat(pad));
                    }
                    line.append(more ? "+" : lastColumn ? "" : " ");
                }
                out.append(line).append('\n');
            }
        }
        out.append(rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)").append("\n\n");
    }
}
