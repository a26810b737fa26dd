package org.pgmini.server.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SqlEngine;
import org.pgmini.executor.api.StatementKind;
import org.pgmini.executor.types.PgType;

/**
 * A test-only SqlEngine that understands a handful of fixed statement shapes, enough to drive
 * every path of the protocol layer without the real (Calcite) executor:
 *
 * <pre>
 *   SELECT item [AS name], ...   items: integers, decimals, 'text', true/false, NULL, $n,
 *                                a/b (22012 on zero, while planning like PostgreSQL's constant
 *                                folding), pg_sleep(seconds), generate_series(a, b)
 *   BEGIN | START TRANSACTION, COMMIT | END, ROLLBACK | ABORT, SAVEPOINT x, RELEASE x, ROLLBACK TO x
 *   SET [SESSION|LOCAL] name {TO|=} value, SHOW name
 *   DO {NOTICE|WARNING|INFO|LOG|DEBUG1} 'message'
 * </pre>
 *
 * Anything else is a 42601 syntax error with the position of the statement's first word.
 * Savepoints parse but fail with 0A000 when run (the test engine has no subtransactions).
 */
public final class TinyEngine implements SqlEngine {
    private static final Pattern BEGIN = Pattern.compile("(?i)(BEGIN|START\\s+TRANSACTION)(\\s+(WORK|TRANSACTION))?");
    private static final Pattern COMMIT = Pattern.compile("(?i)(COMMIT|END)(\\s+(WORK|TRANSACTION))?");
    private static final Pattern ROLLBACK = Pattern.compile("(?i)(ROLLBACK|ABORT)(\\s+(WORK|TRANSACTION))?");
    private static final Pattern ROLLBACK_TO = Pattern.compile("(?i)ROLLBACK(\\s+(WORK|TRANSACTION))?\\s+TO(\\s+SAVEPOINT)?\\s+\\w+");
    private static final Pattern SAVEPOINT = Pattern.compile("(?i)SAVEPOINT\\s+\\w+");
    private static final Pattern RELEASE = Pattern.compile("(?i)RELEASE(\\s+SAVEPOINT)?\\s+\\w+");
    private static final Pattern SET = Pattern.compile("(?i)SET(\\s+(SESSION|LOCAL))?\\s+(\\w+)(\\s+TO\\s+|\\s*=\\s*)(.+)");
    private static final Pattern SHOW = Pattern.compile("(?i)SHOW\\s+(\\w+)");
    private static final Pattern DO = Pattern.compile("(?i)DO\\s+(NOTICE|WARNING|INFO|LOG|DEBUG1)\\s+'(.*)'");
    private static final Pattern SELECT = Pattern.compile("(?is)SELECT\\s+(.+)");
    private static final Pattern ALIAS = Pattern.compile("(?is)(.+?)\\s+AS\\s+(\\w+)");
    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");
    private static final Pattern DIVIDE = Pattern.compile("(-?\\d+)\\s*/\\s*(-?\\d+)");
    private static final Pattern SLEEP = Pattern.compile("(?i)pg_sleep\\((\\d+(\\.\\d+)?)\\)");
    private static final Pattern SERIES = Pattern.compile("(?i)generate_series\\((-?\\d+)\\s*,\\s*(-?\\d+)\\)");

    /** A statement with its offset in the query string (for error positions). */
    record Statement(String sql, StatementKind kind, int offset) implements ParsedStatement {
    }

    @Override
    public List<ParsedStatement> parse(String sql) {
        List<ParsedStatement> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= sql.length(); i++) {
            char c = i < sql.length() ? sql.charAt(i) : ';';
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted || i == sql.length()) {
                String piece = sql.substring(start, Math.min(i, sql.length()));
                int lead = 0;
                while (lead < piece.length() && Character.isWhitespace(piece.charAt(lead))) {
                    lead++;
                }
                String text = piece.trim();
                if (!text.isEmpty()) {
                    out.add(new Statement(text, classify(text, start + lead), start + lead));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static StatementKind classify(String s, int offset) {
        if (BEGIN.matcher(s).matches()) {
            return StatementKind.BEGIN;
        }
        if (COMMIT.matcher(s).matches()) {
            return StatementKind.COMMIT;
        }
        if (ROLLBACK_TO.matcher(s).matches()) {
            return StatementKind.ROLLBACK_TO_SAVEPOINT;
        }
        if (ROLLBACK.matcher(s).matches()) {
            return StatementKind.ROLLBACK;
        }
        if (SAVEPOINT.matcher(s).matches()) {
            return StatementKind.SAVEPOINT;
        }
        if (RELEASE.matcher(s).matches()) {
            return StatementKind.RELEASE_SAVEPOINT;
        }
        if (SET.matcher(s).matches() || SHOW.matcher(s).matches() || DO.matcher(s).matches()) {
            return StatementKind.UTILITY;
        }
        Matcher m = SELECT.matcher(s);
        if (m.matches()) {
            for (Item item : items(m.group(1), offset + m.start(1))) {
                item.check();
            }
            return StatementKind.QUERY;
        }
        String word = s.split("\\s+")[0];
        throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"", offset + 1);
    }

    @Override
    public PreparedQuery prepare(ParsedStatement parsed, int[] paramTypeOids, SessionContext session) {
        Statement st = (Statement) parsed;
        String s = st.sql();
        switch (st.kind()) {
            case BEGIN:
                return command(paramTypeOids, ses -> ses.transaction().begin());
            case COMMIT:
                return command(paramTypeOids, ses -> ses.transaction().commit());
            case ROLLBACK:
                return command(paramTypeOids, ses -> ses.transaction().rollback());
            case SAVEPOINT: case RELEASE_SAVEPOINT: case ROLLBACK_TO_SAVEPOINT:
                return command(paramTypeOids, ses -> {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "savepoints are not supported by the test engine");
                });
            default:
                break;
        }
        Matcher m;
        if ((m = SET.matcher(s)).matches()) {
            boolean local = "local".equalsIgnoreCase(m.group(2));
            String name = m.group(3);
            String value = unquote(m.group(5).trim());
            return command(paramTypeOids, ses -> {
                ses.settings().set(name, List.of(value), local);
                return "SET";
            });
        }
        if ((m = SHOW.matcher(s)).matches()) {
            String name = m.group(1);
            List<ColumnDescription> cols = List.of(new ColumnDescription(name.toLowerCase(Locale.ROOT), 0, (short) 0,
                    TinyType.TEXT, -1));
            return new Query(new int[0], List.of(), cols,
                    ctx -> List.<Object[]>of(new Object[] {ctx.session().settings().show(name)}), "SHOW");
        }
        if ((m = DO.matcher(s)).matches()) {
            String level = m.group(1).toUpperCase(Locale.ROOT);
            String text = m.group(2);
            return command(paramTypeOids, ses -> {
                ses.notice(new Notice(level, level.equals("WARNING") ? "01000" : "00000", text, null, null));
                return "DO";
            });
        }
        m = SELECT.matcher(s);
        if (!m.matches()) {
            throw new IllegalStateException("classified as QUERY: " + s);
        }
        List<Item> items = items(m.group(1), st.offset() + m.start(1));
        int nParams = paramTypeOids.length;
        for (Item item : items) {
            if (item.param > nParams) {
                nParams = item.param;
            }
        }
        int[] oids = new int[nParams];
        List<PgType> types = new ArrayList<>();
        for (int i = 0; i < nParams; i++) {
            oids[i] = i < paramTypeOids.length && paramTypeOids[i] != 0 ? paramTypeOids[i] : TinyType.TEXT.oid();
            types.add(TinyType.byOid(oids[i]));
        }
        for (Item item : items) {
            Matcher d = DIVIDE.matcher(item.core());
            if (d.matches() && Integer.parseInt(d.group(2)) == 0) {
                // PostgreSQL folds constant expressions while planning, so 1/0 fails before any row.
                throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
        }
        List<ColumnDescription> cols = new ArrayList<>();
        for (Item item : items) {
            PgType t = item.param > 0 ? types.get(item.param - 1) : item.type;
            cols.add(new ColumnDescription(item.name, 0, (short) 0, t, -1));
        }
        return new Query(oids, types, cols, ses -> evaluate(items, ses));
    }

    private static String unquote(String v) {
        Matcher q = STRING.matcher(v);
        return q.matches() ? q.group(1).replace("''", "'") : v;
    }

    interface Body {
        List<Object[]> rows(SessionContextWithParams ses);
    }

    interface CommandBody {
        String run(SessionContext ses);
    }

    /** The session plus this execution's parameter values. */
    record SessionContextWithParams(SessionContext session, Object[] params) {
    }

    private static PreparedQuery command(int[] paramTypeOids, CommandBody body) {
        if (paramTypeOids.length > 0) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "parameters are not supported here by the test engine");
        }
        return new PreparedQuery() {
            @Override
            public int[] parameterTypeOids() {
                return new int[0];
            }

            @Override
            public List<PgType> parameterTypes() {
                return List.of();
            }

            @Override
            public List<ColumnDescription> columns() {
                return List.of();
            }

            @Override
            public boolean returnsRows() {
                return false;
            }

            @Override
            public ResultCursor execute(Object[] parameters, SessionContext session) {
                String tag = body.run(session);
                return new ListCursor(List.<Object[]>of().iterator(), tag);
            }
        };
    }

    /** A row-returning statement; {@code tag} is a fixed command tag (SHOW), or null for "SELECT n". */
    private record Query(int[] oids, List<PgType> types, List<ColumnDescription> cols, Body body, String tag)
            implements PreparedQuery {
        Query(int[] oids, List<PgType> types, List<ColumnDescription> cols, Body body) {
            this(oids, types, cols, body, null);
        }

        @Override
        public int[] parameterTypeOids() {
            return oids.clone();
        }

        @Override
        public List<PgType> parameterTypes() {
            return types;
        }

        @Override
        public List<ColumnDescription> columns() {
            return cols;
        }

        @Override
        public boolean returnsRows() {
            return true;
        }

        @Override
        public ResultCursor execute(Object[] parameters, SessionContext session) {
            List<Object[]> rows = body.rows(new SessionContextWithParams(session, parameters));
            return new ListCursor(rows.iterator(), tag);
        }
    }

    private static final class ListCursor implements ResultCursor {
        private final Iterator<Object[]> rows;
        private final String fixedTag;
        private long count;

        ListCursor(Iterator<Object[]> rows, String fixedTag) {
            this.rows = rows;
            this.fixedTag = fixedTag;
        }

        @Override
        public Object[] next() {
            if (!rows.hasNext()) {
                return null;
            }
            count++;
            return rows.next();
        }

        @Override
        public String commandTag() {
            return fixedTag != null ? fixedTag : "SELECT " + count;
        }

        @Override
        public void close() {
        }
    }

    // ---- SELECT items ----

    private static final class Item {
        final String expr;
        final int position;
        String name = "?column?";
        PgType type;
        int param;
        Object constant;
        boolean isConstant;

        Item(String expr, int position) {
            this.expr = expr;
            this.position = position;
        }

        void check() {
            Matcher m;
            if ((m = ALIAS.matcher(expr)).matches()) {
                Item inner = new Item(m.group(1).trim(), position);
                inner.check();
                copy(inner);
                name = m.group(2).toLowerCase(Locale.ROOT);
                return;
            }
            String e = expr;
            if (INT.matcher(e).matches()) {
                long v = Long.parseLong(e);
                constant(v == (int) v ? (Object) (int) v : (Object) v, v == (int) v ? TinyType.INT4 : TinyType.INT8);
            } else if (DECIMAL.matcher(e).matches()) {
                constant(Double.parseDouble(e), TinyType.FLOAT8);
            } else if ((m = STRING.matcher(e)).matches()) {
                constant(m.group(1).replace("''", "'"), TinyType.TEXT);
            } else if (e.equalsIgnoreCase("true") || e.equalsIgnoreCase("false")) {
                constant(Boolean.parseBoolean(e.toLowerCase(Locale.ROOT)), TinyType.BOOL);
                name = "bool";
            } else if (e.equalsIgnoreCase("null")) {
                constant(null, TinyType.TEXT);
            } else if ((m = PARAM.matcher(e)).matches()) {
                param = Integer.parseInt(m.group(1));
            } else if (DIVIDE.matcher(e).matches()) {
                type = TinyType.INT4;
            } else if (SLEEP.matcher(e).matches()) {
                type = TinyType.VOID;
                name = "pg_sleep";
            } else if (SERIES.matcher(e).matches()) {
                type = TinyType.INT4;
                name = "generate_series";
            } else {
                String word = e.split("[\\s(,]+")[0];
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"",
                        position + 1);
            }
        }

        private void copy(Item o) {
            type = o.type;
            param = o.param;
            constant = o.constant;
            isConstant = o.isConstant;
            name = o.name;
        }

        private void constant(Object v, PgType t) {
            constant = v;
            isConstant = true;
            type = t;
        }

        String core() {
            Matcher m = ALIAS.matcher(expr);
            return m.matches() ? m.group(1).trim() : expr;
        }
    }

    private static List<Item> items(String list, int offset) {
        List<Item> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            }
            if (i == list.length() || (c == ',' && depth == 0 && !quoted)) {
                String piece = list.substring(start, Math.min(i, list.length()));
                int lead = 0;
                while (lead < piece.length() && Character.isWhitespace(piece.charAt(lead))) {
                    lead++;
                }
                Item item = new Item(piece.trim(), offset + start + lead);
                item.check();
                items.add(item);
                start = i + 1;
            }
        }
        return items;
    }

    private static List<Object[]> evaluate(List<Item> items, SessionContextWithParams ctx) {
        SessionContext ses = ctx.session();
        int rows = 1;
        int seriesStart = 0;
        for (Item item : items) {
            Matcher m = SERIES.matcher(item.core());
            if (m.matches()) {
                seriesStart = Integer.parseInt(m.group(1));
                rows = Math.max(0, Integer.parseInt(m.group(2)) - seriesStart + 1);
            }
        }
        List<Object[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[items.size()];
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                String core = item.core();
                Matcher m;
                if (item.isConstant) {
                    row[i] = item.constant;
                } else if (item.param > 0) {
                    row[i] = ctx.params()[item.param - 1];
                } else if ((m = DIVIDE.matcher(core)).matches()) {
                    int a = Integer.parseInt(m.group(1));
                    int b = Integer.parseInt(m.group(2));
                    if (b == 0) {
                        throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
                    }
                    row[i] = a / b;
                } else if ((m = SLEEP.matcher(core)).matches()) {
                    long until = System.nanoTime() + (long) (Double.parseDouble(m.group(1)) * 1e9);
                    while (System.nanoTime() < until) {
                        ses.checkForInterrupts();
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                        }
                    }
                    row[i] = "";
                } else if (SERIES.matcher(core).matches()) {
                    row[i] = seriesStart + r;
                }
            }
            out.add(row);
        }
        return out;
    }
}
