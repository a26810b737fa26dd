package org.pgmini.server.session;

import java.util.List;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.server.protocol.BackendMessages;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** Encodes result rows with each column's type and format (text through typoutput, binary through typsend). */
final class RowWriter {
    private static final short[] NO_FORMATS = new short[0];

    private RowWriter() {
    }

    static void dataRow(ByteBuf b, Object[] row, List<ColumnDescription> columns, short[] formats,
                        SessionContext session) {
        int n = columns.size();
        if (row.length != n) {
            throw new PgException(SqlState.INTERNAL_ERROR,
                    "row has " + row.length + " values but the result has " + n + " columns");
        }
        int at = BackendMessages.begin(b, 'D');
        b.writeShort(n);
        for (int i = 0; i < n; i++) {
            Object v = row[i];
            if (v == null) {
                b.writeInt(-1);
            } else if (formats[i] == 1) {
                byte[] bytes = columns.get(i).type().send(v);
                b.writeInt(bytes.length);
                b.writeBytes(bytes);
            } else {
                String text = columns.get(i).type().output(v, session);
                int lengthAt = b.writerIndex();
                b.writeInt(0);
                int written = ByteBufUtil.writeUtf8(b, text);
                b.setInt(lengthAt, written);
            }
        }
        BackendMessages.end(b, at);
    }

    /** All-text formats for {@code n} columns. */
    static short[] textFormats(int n) {
        return n == 0 ? NO_FORMATS : new short[n];
    }

    /**
     * Bind's result format codes expanded to one per column: none means text, one applies to
     * all, otherwise one per column (PostgreSQL's rules and errors).
     */
    static short[] resultFormats(short[] requested, int columns) {
        short[] out = new short[columns];
        if (requested.length == 0) {
            return out;
        }
        if (requested.length != 1 && requested.length != columns) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message has " + requested.length
                    + " result formats but query has " + columns + " columns");
        }
        for (int i = 0; i < columns; i++) {
            short f = requested.length == 1 ? requested[0] : requested[i];
            if (f != 0 && f != 1) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + f);
            }
            out[i] = f;
        }
        return out;
    }
}
