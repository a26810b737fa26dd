package org.pgmini.executor.copy;

import java.util.Arrays;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Splits a COPY FROM binary stream (PostgreSQL's binary COPY file format) into tuples, however
 * the stream is cut into CopyData messages. The format: the 11-byte signature
 * {@code PGCOPY\n\377\r\n\0}, an int32 flags word (bit 16: OIDs, refused; bits 17-31 critical,
 * refused; bits 0-15 ignored), an int32 header extension length and that many bytes (skipped);
 * then per tuple an int16 field count and per field an int32 length (-1: NULL) and that many
 * bytes in the type's binary (send/recv) format; an int16 -1 ends the data. All integers are
 * big-endian. Errors are PostgreSQL's (22P04, with the tuple number as the line in CONTEXT).
 * One per COPY.
 */
final class CopyBinaryReader {
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** Receives each tuple: its fields (null = NULL; arrays valid during the call only) and its 1-based number. */
    interface TupleSink {
        void tuple(byte[][] fields, long line);
    }

    private final String relation;
    private final String[] names;
    private final int columns;
    private final TupleSink sink;
    private byte[] buf = new byte[1 << 16];
    private int len;
    private int pos;
    private boolean headerDone;
    private boolean trailerSeen;
    private long line;
    private final byte[][] fields;

    CopyBinaryReader(String relation, String[] names, TupleSink sink) {
        this.relation = relation;
        this.names = names;
        this.columns = names.length;
        this.sink = sink;
        this.fields = new byte[names.length][];
    }

    /** An error while reading field {@code i} of the current tuple: CONTEXT names the column. */
    private PgException fieldError(String message, int i) {
        return new PgException(SqlState.BAD_COPY_FILE_FORMAT, message)
                .withContext("COPY " + relation + ", line " + line + ", column " + names[i]);
    }

    /** An error in the data; in the file header (line 0) PostgreSQL shows no CONTEXT, it is read before COPY starts. */
    private PgException error(String message) {
        PgException e = new PgException(SqlState.BAD_COPY_FILE_FORMAT, message);
        return line == 0 ? e : e.withContext("COPY " + relation + ", line " + line);
    }

    void feed(byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (trailerSeen) {
            throw error("received copy data after EOF marker");
        }
        if (pos > 0 && len + data.length > buf.length) {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
            pos = 0;
        }
        if (len + data.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + data.length));
        }
        System.arraycopy(data, 0, buf, len, data.length);
        len += data.length;
        parse(false);
    }

    /** CopyDone: what is left must be whole tuples (a missing trailer is accepted, as PostgreSQL does). */
    void finish() {
        parse(true);
    }

    private int int16(int at) {
        return (short) (((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff));
    }

    private int int32(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
    }

    private void parse(boolean atEnd) {
        if (!headerDone && !header(atEnd)) {
            return;
        }
        while (!trailerSeen) {
            int at = pos;
            if (len - at < 2) {
                return; // between tuples the data may end, even in the middle of a field count (PostgreSQL: EOF)
            }
            int count = int16(at);
            at += 2;
            if (count == -1) {
                pos = at;
                trailerSeen = true;
                line++; // PostgreSQL counts the trailer as a line
                if (pos < len) {
                    throw error("received copy data after EOF marker");
                }
                return;
            }
            if (count != columns) {
                line++;
                throw error("row field count is " + count + ", expected " + columns);
            }
            // the whole tuple must be here before it is handed on
            for (int i = 0; i < count; i++) {
                if (len - at < 4) {
                    incomplete(atEnd, i);
                    return;
                }
                int n = int32(at);
                at += 4;
                if (n < -1) {
                    line++;
                    throw fieldError("invalid field size", i);
                }
                if (n > 0) {
                    if (len - at < n) {
                        incomplete(atEnd, i);
                        return;
                    }
                    at += n;
                }
            }
            line++;
            int p = pos + 2;
            for (int i = 0; i < count; i++) {
                int n = int32(p);
                p += 4;
                if (n == -1) {
                    fields[i] = null;
                } else {
                    fields[i] = Arrays.copyOfRange(buf, p, p + n);
                    p += n;
                }
            }
            pos = at;
            sink.tuple(fields, line);
        }
    }

    /** A tuple cut short in field {@code i}: wait for more data, or at the end of the data, fail. */
    private void incomplete(boolean atEnd, int i) {
        if (atEnd) {
            line++;
            throw fieldError("unexpected EOF in COPY data", i);
        }
    }

    /** The file header; false when more data is needed. */
    private boolean header(boolean atEnd) {
        int have = len - pos;
        if (have < SIGNATURE.length + 8) {
            if (!atEnd) {
                // a wrong signature is reported as soon as its bytes are here
                int n = Math.min(have, SIGNATURE.length);
                if (!Arrays.equals(buf, pos, pos + n, SIGNATURE, 0, n)) {
                    throw error("COPY file signature not recognized");
                }
                return false;
            }
            if (have < SIGNATURE.length || !Arrays.equals(buf, pos, pos + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw error("COPY file signature not recognized");
            }
            throw error(have < SIGNATURE.length + 4 ? "invalid COPY file header (missing flags)"
                    : "invalid COPY file header (missing length)");
        }
        if (!Arrays.equals(buf, pos, pos + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw error("COPY file signature not recognized");
        }
        int flags = int32(pos + SIGNATURE.length);
        if ((flags & (1 << 16)) != 0) {
            throw error("invalid COPY file header (WITH OIDS)");
        }
        if ((flags >>> 17) != 0) {
            throw error("unrecognized critical flags in COPY file header");
        }
        int extension = int32(pos + SIGNATURE.length + 4);
        if (extension < 0) {
            throw error("invalid COPY file header (missing length)");
        }
        if (have - SIGNATURE.length - 8 < extension) {
            if (atEnd) {
                throw error("invalid COPY file header (wrong length)");
            }
            return false;
        }
        pos += SIGNATURE.length + 8 + extension;
        headerDone = true;
        return true;
    }
}
