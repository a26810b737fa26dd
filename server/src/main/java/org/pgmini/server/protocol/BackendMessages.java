package org.pgmini.server.protocol;

import java.util.List;

import org.pgmini.error.PgException;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.Notice;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Encoders for the server's messages (protocol 3.0), each appending one complete message to a
 * buffer. Nothing here flushes: the caller decides when a response is complete (see
 * {@link ResponseBuffer}). Text is always sent as UTF-8.
 */
public final class BackendMessages {
    private BackendMessages() {
    }

    /** Starts a message: type byte and a length placeholder; returns the placeholder's index. */
    public static int begin(ByteBuf b, char type) {
        b.writeByte(type);
        int at = b.writerIndex();
        b.writeInt(0);
        return at;
    }

    /** Fills in the length of the message started at {@code lengthIndex}. */
    public static void end(ByteBuf b, int lengthIndex) {
        b.setInt(lengthIndex, b.writerIndex() - lengthIndex);
    }

    public static void cstring(ByteBuf b, String s) {
        ByteBufUtil.writeUtf8(b, s);
        b.writeByte(0);
    }

    public static void authenticationOk(ByteBuf b) {
        b.writeByte('R').writeInt(8).writeInt(0);
    }

    /** An Authentication request other than Ok: cleartext (3), SASL (10), SASLContinue (11), SASLFinal (12). */
    public static void authenticationRequest(ByteBuf b, int code, byte[] payload) {
        b.writeByte('R').writeInt(8 + payload.length).writeInt(code).writeBytes(payload);
    }

    public static void parameterStatus(ByteBuf b, String name, String value) {
        int at = begin(b, 'S');
        cstring(b, name);
        cstring(b, value);
        end(b, at);
    }

    public static void backendKeyData(ByteBuf b, int processId, int secretKey) {
        b.writeByte('K').writeInt(12).writeInt(processId).writeInt(secretKey);
    }

    public static void negotiateProtocolVersion(ByteBuf b, int newestMinor, List<String> unrecognized) {
        int at = begin(b, 'v');
        b.writeInt(newestMinor);
        b.writeInt(unrecognized.size());
        for (String option : unrecognized) {
            cstring(b, option);
        }
        end(b, at);
    }

    public static void readyForQuery(ByteBuf b, char transactionStatus) {
        b.writeByte('Z').writeInt(5).writeByte(transactionStatus);
    }

    public static void parseComplete(ByteBuf b) {
        b.writeByte('1').writeInt(4);
    }

    public static void bindComplete(ByteBuf b) {
        b.writeByte('2').writeInt(4);
    }

    public static void closeComplete(ByteBuf b) {
        b.writeByte('3').writeInt(4);
    }

    public static void noData(ByteBuf b) {
        b.writeByte('n').writeInt(4);
    }

    public static void portalSuspended(ByteBuf b) {
        b.writeByte('s').writeInt(4);
    }

    public static void emptyQueryResponse(ByteBuf b) {
        b.writeByte('I').writeInt(4);
    }

    /** CopyInResponse ('G') / CopyOutResponse ('H'): overall format and one format code per column. */
    public static void copyResponse(ByteBuf b, boolean in, int format, int columns) {
        int at = begin(b, in ? 'G' : 'H');
        b.writeByte(format);
        b.writeShort(columns);
        for (int i = 0; i < columns; i++) {
            b.writeShort(format);
        }
        end(b, at);
    }

    /** CopyData ('d') with one payload. */
    public static void copyData(ByteBuf b, byte[] payload) {
        b.writeByte('d');
        b.writeInt(4 + payload.length);
        b.writeBytes(payload);
    }

    /** CopyDone ('c'). */
    public static void copyDone(ByteBuf b) {
        b.writeByte('c');
        b.writeInt(4);
    }

    public static void commandComplete(ByteBuf b, String tag) {
        int at = begin(b, 'C');
        cstring(b, tag);
        end(b, at);
    }

    public static void parameterDescription(ByteBuf b, int[] typeOids) {
        b.writeByte('t').writeInt(4 + 2 + 4 * typeOids.length).writeShort(typeOids.length);
        for (int oid : typeOids) {
            b.writeInt(oid);
        }
    }

    /** RowDescription; {@code formats[i]} is column i's format code (0 text, 1 binary). */
    public static void rowDescription(ByteBuf b, List<ColumnDescription> columns, short[] formats) {
        int at = begin(b, 'T');
        b.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnDescription c = columns.get(i);
            cstring(b, c.name());
            b.writeInt(c.tableOid());
            b.writeShort(c.columnNumber());
            b.writeInt(c.type().oid());
            b.writeShort(c.type().typlen());
            b.writeInt(c.typmod());
            b.writeShort(formats[i]);
        }
        end(b, at);
    }

    /** SQLSTATE class 01 and 00 are warnings/notices; everything reported through here uses PgException's fields. */
    public static void errorResponse(ByteBuf b, PgException e) {
        int at = begin(b, 'E');
        String severity = e.severity() == null ? "ERROR" : e.severity();
        fields(b, severity, e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.position(), e.context());
        end(b, at);
    }

    public static void noticeResponse(ByteBuf b, Notice n) {
        int at = begin(b, 'N');
        fields(b, n.severity(), n.sqlState(), n.message(), n.detail(), n.hint(), 0, null);
        end(b, at);
    }

    /** A NoticeResponse with arbitrary fields (used for the WARNING of an immediate shutdown). */
    public static void noticeResponse(ByteBuf b, String severity, String sqlState, String message) {
        int at = begin(b, 'N');
        fields(b, severity, sqlState, message, null, null, 0, null);
        end(b, at);
    }

    private static void fields(ByteBuf b, String severity, String sqlState, String message, String detail,
                               String hint, int position, String context) {
        field(b, 'S', severity);
        field(b, 'V', severity);
        field(b, 'C', sqlState == null ? "XX000" : sqlState);
        field(b, 'M', message == null ? "" : message);
        field(b, 'D', detail);
        field(b, 'H', hint);
        if (position > 0) {
            field(b, 'P', Integer.toString(position));
        }
        field(b, 'W', context);
        b.writeByte(0);
    }

    private static void field(ByteBuf b, char code, String value) {
        if (value != null) {
            b.writeByte(code);
            cstring(b, value);
        }
    }

    /** The single byte that answers SSLRequest and GSSENCRequest. */
    public static final byte ENCRYPTION_REFUSED = 'N';
}
