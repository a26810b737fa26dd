package org.pgmini.server.session;

import java.util.List;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.types.PgType;
import org.pgmini.server.protocol.BackendMessages;
import org.pgmini.server.protocol.FrontendMessage;
import org.pgmini.server.protocol.ResponseBuffer;
import org.pgmini.server.protocol.Utf8Text;

/**
 * Parse, Bind, Describe, Execute, Close (PostgreSQL's exec_parse_message and friends). The
 * caller ({@link Backend}) turns an exception from any of these into an ErrorResponse and skips
 * messages until Sync; Sync itself ends the implicit transaction and sends ReadyForQuery.
 *
 * <p>State machine invariants:
 * <ul>
 *   <li>Every message runs inside a transaction: an implicit one (committed at Sync) unless a
 *       block is open. An error aborts it (a block becomes failed, status 'E').</li>
 *   <li>Prepared statements live until Close or the end of the session; a name may not be
 *       reused while it exists (42P05), the unnamed one is silently replaced.</li>
 *   <li>Portals live until Close, the next Bind of the same unnamed portal, or the end of
 *       their transaction; a named portal may not be rebound (42P03).</li>
 *   <li>A portal with rows is run by Execute in steps of at most maxRows rows; reaching the
 *       limit sends PortalSuspended (without looking ahead, as PostgreSQL), and an Execute after
 *       the last row sends "SELECT 0". A portal without rows runs once; running it again is 55000.</li>
 * </ul>
 */
final class ExtendedQueryProtocol {
    /** duplicate_cursor (not in the shared SqlState list). */
    private static final String DUPLICATE_CURSOR = "42P03";

    private ExtendedQueryProtocol() {
    }

    static void parse(Session s, FrontendMessage.Parse m) {
        s.active(m.sql());
        if (m.statementName().isEmpty()) {
            s.statements.remove(""); // the old unnamed statement is gone even if this Parse fails
        }
        TransactionBlock txn = s.transaction();
        txn.startBatch();
        txn.startStatement();
        s.interrupts().armStatementTimeout(s.statementTimeoutMillis());
        List<ParsedStatement> parsed = s.parseNonEmpty(m.sql());
        if (parsed.size() > 1) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        ParsedStatement statement = parsed.isEmpty() ? null : parsed.get(0);
        if (statement != null) {
            s.refuseInFailedTransaction(statement.kind());
        }
        if (!m.statementName().isEmpty() && s.statements.containsKey(m.statementName())) {
            throw new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + m.statementName() + "\" already exists");
        }
        PreparedQuery query = statement == null ? null : s.engine().prepare(statement, m.parameterTypeOids(), s);
        s.statements.put(m.statementName(), new PreparedStatementEntry(m.statementName(), statement, query));
        BackendMessages.parseComplete(s.out().buf());
    }

    static void bind(Session s, FrontendMessage.Bind m) {
        TransactionBlock txn = s.transaction();
        txn.startBatch();
        PreparedStatementEntry statement = statement(s, m.statementName());
        txn.startStatement();
        s.interrupts().armStatementTimeout(s.statementTimeoutMillis());
        if (!statement.isEmpty()) {
            s.refuseInFailedTransaction(statement.kind());
        }
        int[] oids = statement.parameterTypeOids();
        int nParams = m.parameterValues().length;
        int nFormats = m.parameterFormats().length;
        if (nFormats > 1 && nFormats != nParams) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + nFormats + " parameter formats but " + nParams + " parameters");
        }
        if (nParams != oids.length) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + nParams
                    + " parameters, but prepared statement \"" + m.statementName() + "\" requires " + oids.length);
        }
        Object[] values = decodeParameters(s, statement, m);
        List<ColumnDescription> columns = statement.isEmpty() ? List.of() : statement.query().columns();
        short[] formats = RowWriter.resultFormats(m.resultFormats(), columns.size());
        String name = m.portalName();
        if (name.isEmpty()) {
            s.closePortal("");
        } else if (s.portals.containsKey(name)) {
            throw new PgException(DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        s.portals.put(name, new Portal(name, statement, values, formats, txn.generation()));
        BackendMessages.bindComplete(s.out().buf());
    }

    private static Object[] decodeParameters(Session s, PreparedStatementEntry statement, FrontendMessage.Bind m) {
        byte[][] raw = m.parameterValues();
        Object[] values = new Object[raw.length];
        if (raw.length == 0) {
            return values;
        }
        List<PgType> types = statement.query().parameterTypes();
        short[] formats = m.parameterFormats();
        String portal = m.portalName().isEmpty() ? "unnamed portal" : "portal \"" + m.portalName() + "\"";
        for (int i = 0; i < raw.length; i++) {
            short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
            String context = portal + " parameter $" + (i + 1);
            try {
                if (format != 0 && format != 1) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + format);
                }
                if (raw[i] == null) {
                    continue;
                }
                if (format == 0) {
                    context += " = '...'";
                    values[i] = types.get(i).input(Utf8Text.decode(raw[i]), -1, s); // TimeZone, DateStyle apply
                } else {
                    values[i] = types.get(i).receive(raw[i]);
                }
            } catch (PgException e) {
                throw e.withContext(context);
            }
        }
        return values;
    }

    static void describe(Session s, FrontendMessage.Describe m) {
        TransactionBlock txn = s.transaction();
        txn.startBatch();
        txn.startStatement();
        ResponseBuffer out = s.out();
        if (m.target() == 'S') {
            PreparedStatementEntry statement = statement(s, m.name());
            boolean rows = !statement.isEmpty() && statement.query().returnsRows();
            if (txn.isAborted() && rows) {
                throw TransactionBlock.inFailedTransaction();
            }
            BackendMessages.parameterDescription(out.buf(), statement.parameterTypeOids());
            if (rows) {
                List<ColumnDescription> columns = statement.query().columns();
                BackendMessages.rowDescription(out.buf(), columns, RowWriter.textFormats(columns.size()));
            } else {
                BackendMessages.noData(out.buf());
            }
        } else {
            Portal portal = portal(s, m.name());
            boolean rows = !portal.statement.isEmpty() && portal.statement.query().returnsRows();
            if (txn.isAborted() && rows) {
                throw TransactionBlock.inFailedTransaction();
            }
            if (rows) {
                BackendMessages.rowDescription(out.buf(), portal.statement.query().columns(), portal.resultFormats);
            } else {
                BackendMessages.noData(out.buf());
            }
        }
    }

    static void execute(Session s, FrontendMessage.Execute m) {
        TransactionBlock txn = s.transaction();
        txn.startBatch();
        Portal portal = portal(s, m.portalName());
        txn.startStatement();
        ResponseBuffer out = s.out();
        PreparedStatementEntry statement = portal.statement;
        s.active(statement.isEmpty() ? "" : statement.parsed().sql());
        if (statement.isEmpty()) {
            BackendMessages.emptyQueryResponse(out.buf());
            return;
        }
        s.refuseInFailedTransaction(statement.kind());
        s.requireBlockFor(statement.kind());
        PreparedQuery query = statement.query();
        s.interrupts().armStatementTimeout(s.statementTimeoutMillis());
        if (!query.returnsRows()) {
            if (portal.exhausted) {
                throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "portal \"" + portal.name + "\" cannot be run");
            }
            portal.exhausted = true;
            String tag;
            try {
                portal.cursor = query.execute(portal.parameters, s);
                tag = portal.cursor.commandTag();
            } finally {
                portal.close();
            }
            BackendMessages.commandComplete(out.buf(), tag);
            return;
        }
        if (portal.cursor == null && !portal.exhausted) {
            portal.cursor = query.execute(portal.parameters, s);
        }
        List<ColumnDescription> columns = query.columns();
        int limit = m.maxRows() <= 0 ? Integer.MAX_VALUE : m.maxRows();
        long rows = 0;
        String engineTag = "SELECT";
        if (!portal.exhausted) {
            Object[] row = null;
            while (rows < limit && (row = portal.cursor.next()) != null) {
                RowWriter.dataRow(out.buf(), row, columns, portal.resultFormats, s);
                rows++;
                s.interrupts().check();
                out.flushIfLarge();
            }
            if (rows == limit && row != null) {
                BackendMessages.portalSuspended(out.buf());
                return;
            }
            engineTag = portal.cursor.commandTag();
            portal.exhausted = true;
            portal.close();
        }
        BackendMessages.commandComplete(out.buf(), selectTag(engineTag, rows));
    }

    static void close(Session s, FrontendMessage.Close m) {
        if (m.target() == 'S') {
            s.statements.remove(m.name());
        } else {
            s.closePortal(m.name());
        }
        BackendMessages.closeComplete(s.out().buf());
    }

    /** Sync: the implicit transaction commits; the caller sends ReadyForQuery. */
    static void sync(Session s) {
        s.transaction().endOfBatch();
    }

    private static PreparedStatementEntry statement(Session s, String name) {
        PreparedStatementEntry statement = s.statements.get(name);
        if (statement == null) {
            throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME,
                    PreparedStatementEntry.describe(name) + " does not exist");
        }
        return statement;
    }

    private static Portal portal(Session s, String name) {
        Portal p = s.portals.get(name);
        if (p == null) {
            throw new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    /**
     * The CommandComplete tag of a row-returning step: PostgreSQL counts the rows sent by this
     * Execute (so a resumed portal ends with the count of its last step).
     */
    static String selectTag(String engineTag, long rows) {
        if (engineTag != null && engineTag.startsWith("SELECT")) {
            return "SELECT " + rows;
        }
        return engineTag;
    }
}
