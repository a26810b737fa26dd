package org.pgmini.server.session;

import java.util.List;

import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.server.protocol.BackendMessages;
import org.pgmini.server.protocol.ResponseBuffer;

import io.netty.buffer.ByteBuf;

/**
 * The Query message (PostgreSQL's exec_simple_query): the whole string is parsed first (a
 * syntax error anywhere runs nothing), then each statement is planned and run in turn with its
 * own RowDescription/DataRow/CommandComplete. Several statements form one implicit transaction
 * unless they contain transaction control; the first error ends the message, aborts that
 * transaction (or fails the open block), and the rest is not run.
 */
final class SimpleQueryProtocol {
    private static final int[] NO_PARAMETER_TYPES = new int[0];
    private static final Object[] NO_PARAMETERS = new Object[0];

    private SimpleQueryProtocol() {
    }

    static void run(Session s, String sql) {
        // A Query message destroys the unnamed statement and portal, as in PostgreSQL.
        s.statements.remove("");
        s.closePortal("");
        TransactionBlock txn = s.transaction();
        try {
            txn.startStatement();
            s.active(sql); // after the transaction started, so xact_start shows it
            List<ParsedStatement> statements = s.parseNonEmpty(sql);
            if (statements.isEmpty()) {
                BackendMessages.emptyQueryResponse(s.out().buf());
            }
            if (statements.size() > 1) {
                txn.startBatch();
            }
            for (ParsedStatement statement : statements) {
                runStatement(s, statement);
            }
            txn.endOfBatch();
        } catch (Throwable t) {
            s.reportAndAbort(t);
            txn.endOfBatch();
        } finally {
            s.interrupts().disarmStatementTimeout();
        }
        s.dropStalePortals();
        s.readyForQuery();
    }

    private static void runStatement(Session s, ParsedStatement statement) {
        TransactionBlock txn = s.transaction();
        s.refuseInFailedTransaction(statement.kind());
        s.requireBlockFor(statement.kind());
        txn.startStatement();
        s.interrupts().armStatementTimeout(s.statementTimeoutMillis());
        PreparedQuery query = s.engine().prepare(statement, NO_PARAMETER_TYPES, s);
        if (query instanceof org.pgmini.executor.api.CopyStatement copy) {
            String tag = CopyProtocol.run(s, copy); // flushes: take the buffer only afterwards
            BackendMessages.commandComplete(s.out().buf(), tag);
            s.interrupts().disarmStatementTimeout();
            txn.endStatement();
            return;
        }
        List<ColumnDescription> columns = query.columns();
        short[] formats = RowWriter.textFormats(columns.size());
        ResponseBuffer out = s.out();
        if (query.returnsRows()) {
            BackendMessages.rowDescription(out.buf(), columns, formats);
        }
        try (ResultCursor cursor = query.execute(NO_PARAMETERS, s)) {
            String tag;
            if (query.returnsRows()) {
                long rows = 0;
                Object[] row;
                while ((row = cursor.next()) != null) {
                    ByteBuf b = out.buf();
                    RowWriter.dataRow(b, row, columns, formats, s);
                    rows++;
                    s.interrupts().check();
                    out.flushIfLarge();
                }
                tag = ExtendedQueryProtocol.selectTag(cursor.commandTag(), rows);
            } else {
                tag = cursor.commandTag();
            }
            BackendMessages.commandComplete(out.buf(), tag);
        }
        s.interrupts().disarmStatementTimeout();
        txn.endStatement();
    }
}
