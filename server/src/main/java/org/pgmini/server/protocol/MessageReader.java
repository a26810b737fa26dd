package org.pgmini.server.protocol;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Reads the fields of one framed message body, with PostgreSQL's pqformat.c errors (08P01)
 * for bodies that end early or carry bytes after the last field.
 */
final class MessageReader {
    private final byte[] body;
    private int pos;

    MessageReader(byte[] body) {
        this.body = body;
    }

    int remaining() {
        return body.length - pos;
    }

    byte int8() {
        need(1);
        return body[pos++];
    }

    short int16() {
        need(2);
        short v = (short) (((body[pos] & 0xff) << 8) | (body[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    /** An unsigned 16-bit count, as PostgreSQL reads them. */
    int uint16() {
        return int16() & 0xffff;
    }

    int int32() {
        need(4);
        int v = ((body[pos] & 0xff) << 24) | ((body[pos + 1] & 0xff) << 16) | ((body[pos + 2] & 0xff) << 8)
                | (body[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    byte[] bytes(int n) {
        if (n < 0) {
            throw insufficient();
        }
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(body, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A NUL-terminated string, verified as UTF-8. */
    String cstring() {
        int end = pos;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        if (end >= body.length) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "invalid string in message");
        }
        String s = Utf8Text.decode(body, pos, end - pos);
        pos = end + 1;
        return s;
    }

    void end() {
        if (pos != body.length) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "invalid message format");
        }
    }

    private void need(int n) {
        if (body.length - pos < n) {
            throw insufficient();
        }
    }

    private static PgException insufficient() {
        return new PgException(SqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
    }
}
