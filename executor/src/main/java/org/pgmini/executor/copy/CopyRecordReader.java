package org.pgmini.executor.copy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Splits COPY FROM's data stream into records and records into fields, as PostgreSQL's
 * CopyReadLine / CopyReadAttributesText / CopyReadAttributesCSV do. The stream arrives in
 * arbitrary pieces (CopyData messages); a record is complete at its newline (text: a newline not
 * escaped by a backslash; CSV: a newline outside quotes), or at the end of the data.
 *
 * <p>Text format: fields split at the delimiter; backslash escapes {@code \b \f \n \r \t \v},
 * octal {@code \ooo}, hex {@code \xhh}, and any other character as itself; a field whose raw text
 * equals the NULL string is NULL. CSV: quoted fields may hold delimiters, newlines and doubled
 * quotes (or escape+quote); an unquoted field equal to the NULL string is NULL (unless
 * FORCE_NOT_NULL), a quoted one only with FORCE_NULL. A line {@code \.} ends the data. Lines
 * ending in CR LF are accepted when the first line does (PostgreSQL's EOL detection).
 *
 * <p>Bytes are UTF-8 (the server encoding); invalid UTF-8 is 22021. Line numbers count records,
 * as PostgreSQL's do (a CSV record with embedded newlines is one line). One per COPY.
 */
final class CopyRecordReader {
    /** Receives each record: its fields (valid during the call only), line number and the raw line for error context. */
    interface RecordSink {
        void record(CopyFields fields, long line, RawLine raw);
    }

    /** The raw bytes of a record, decoded only when an error message needs them. */
    static final class RawLine {
        private final byte[] bytes;
        private final int off;
        private final int len;

        RawLine(byte[] bytes, int off, int len) {
            this.bytes = bytes;
            this.off = off;
            this.len = len;
        }

        @Override
        public String toString() {
            return new String(bytes, off, len, StandardCharsets.UTF_8);
        }
    }

    private final CopyOptions options;
    private final boolean[] forceNotNull;
    private final boolean[] forceNull;
    private final byte[] nullBytes;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final RecordSink sink;
    /** The relation name CONTEXT lines show. */
    private final String relation;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] buf = new byte[1 << 16];
    private int len;
    /** Where the record being assembled starts, and how far it has been scanned. */
    private int scanned;
    private boolean inQuotes;
    private long line;
    private boolean done;
    /** null until the first line decided it: whether lines end with CR LF. */
    private Boolean crlf;
    private boolean skipHeader;
    /** Unescaped field bytes of the current record, one region per field; reused across records. */
    private byte[] field = new byte[256];
    private final CopyFields fields = new CopyFields();

    CopyRecordReader(String relation, CopyOptions options, boolean[] forceNotNull, boolean[] forceNull, RecordSink sink) {
        this.relation = relation;
        this.options = options;
        this.forceNotNull = forceNotNull;
        this.forceNull = forceNull;
        this.nullBytes = options.nullString.getBytes(StandardCharsets.UTF_8);
        this.delimiter = (byte) options.delimiter;
        this.quote = (byte) options.quote;
        this.escape = (byte) options.escape;
        this.sink = sink;
        this.skipHeader = options.header != CopyOptions.Header.NONE;
    }

    /** The 1-based number of the last line read. */
    long line() {
        return line;
    }

    /** True once the end marker was seen (later data is ignored, as in PostgreSQL). */
    boolean done() {
        return done;
    }

    void feed(byte[] data) {
        if (done || data.length == 0) {
            return;
        }
        if (len + data.length > buf.length) {
            // keep only the unfinished record (already consumed records were compacted below)
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + data.length));
        }
        System.arraycopy(data, 0, buf, len, data.length);
        len += data.length;
        int start = 0;
        int i = scanned;
        while (i < len && !done) {
            byte b = buf[i];
            if (options.csv) {
                if (inQuotes) {
                    if (b == escape && escape != quote && i + 1 < len && (buf[i + 1] == quote || buf[i + 1] == escape)) {
                        i += 2;
                        continue;
                    }
                    if (b == escape && escape != quote && i + 1 >= len) {
                        break; // need the next byte to decide
                    }
                    if (b == quote) {
                        inQuotes = false;
                    }
                    i++;
                    continue;
                }
                if (b == quote) {
                    inQuotes = true;
                    i++;
                    continue;
                }
            } else if (b == '\\') {
                if (i + 1 >= len) {
                    break; // the escaped byte is in the next piece
                }
                i += 2;
                continue;
            }
            if (b == '\n') {
                record(start, i, true);
                start = i + 1;
            }
            i++;
        }
        // compact: drop consumed records
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, len - start);
            len -= start;
            i -= start;
        }
        scanned = Math.max(0, Math.min(i, len));
        if (done) {
            len = 0;
            scanned = 0;
        }
    }

    /** CopyDone: a last record without a newline; an open CSV quote is an error. */
    void finish() {
        if (done) {
            return;
        }
        if (len > 0) {
            if (options.csv && inQuotes) {
                line++;
                throw withLine(new PgException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field"),
                        new RawLine(buf, 0, len));
            }
            record(0, len, false);
        }
        len = 0;
    }

    private PgException withLine(PgException e, RawLine raw) {
        return e.withContext(CopyContext.line(relation, line, raw));
    }

    /** One record: bytes [from, to) without the newline ({@code newline}: false for a last line without one). */
    private void record(int from, int to, boolean newline) {
        line++;
        int end = to;
        if (crlf == null && newline) {
            crlf = end > from && buf[end - 1] == '\r';
        }
        if (!newline) {
            // the last line, without a line end: nothing to check about CR LF
        } else if (crlf) {
            if (end > from && buf[end - 1] == '\r') {
                end--;
            } else {
                throw withLine(PgException.withHint(SqlState.BAD_COPY_FILE_FORMAT, "literal newline found in data",
                        "Use \"\\n\" to represent newline."), new RawLine(buf, from, end - from));
            }
        } else if (!options.csv && end > from && buf[end - 1] == '\r') {
            throw withLine(PgException.withHint(SqlState.BAD_COPY_FILE_FORMAT, "literal carriage return found in data",
                    "Use \"\\r\" to represent carriage return."), new RawLine(buf, from, end - from));
        }
        RawLine raw = new RawLine(buf, from, end - from);
        if (end - from == 2 && buf[from] == '\\' && buf[from + 1] == '.') {
            done = true;
            return;
        }
        if (skipHeader) {
            skipHeader = false;
            if (options.header == CopyOptions.Header.MATCH) {
                CopyFields names = options.csv ? csvFields(from, end, raw) : textFields(from, end, raw);
                headerMatch(names.strings(), raw);
            }
            return;
        }
        CopyFields values = options.csv ? csvFields(from, end, raw) : textFields(from, end, raw);
        // the raw line's bytes stay valid while the sink runs (errors are raised inside it)
        sink.record(values, line, raw);
    }

    private String[] expectedNames;

    /** The column names HEADER MATCH compares against. */
    void expectNames(String[] names) {
        this.expectedNames = names;
    }

    private void headerMatch(String[] got, RawLine raw) {
        if (got.length != expectedNames.length) {
            throw withLine(new PgException(SqlState.BAD_COPY_FILE_FORMAT, "wrong number of fields in header line: got "
                    + got.length + ", expected " + expectedNames.length), raw);
        }
        for (int i = 0; i < got.length; i++) {
            if (got[i] == null) {
                throw withLine(new PgException(SqlState.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field "
                        + (i + 1) + ": got null value (\"" + options.nullString + "\"), expected \"" + expectedNames[i] + "\""), raw);
            }
            if (!got[i].equals(expectedNames[i])) {
                throw withLine(new PgException(SqlState.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field "
                        + (i + 1) + ": got \"" + got[i] + "\", expected \"" + expectedNames[i] + "\""), raw);
            }
        }
    }

    private void ensureField(int n) {
        if (n > field.length) {
            field = Arrays.copyOf(field, Math.max(n, field.length * 2));
        }
    }

    /** True when bytes {@code [off, off + n)} are all ASCII. */
    private static boolean ascii(byte[] b, int off, int n) {
        for (int k = off; k < off + n; k++) {
            if (b[k] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Adds a non-null field: ASCII stays bytes, anything else is validated and decoded now. */
    private void addField(byte[] b, int off, int n, RawLine raw) {
        fields.add(b, off, n, ascii(b, off, n) ? null : decode(b, off, n, raw));
    }

    @SuppressWarnings("deprecation")
    private String decode(byte[] b, int off, int n, RawLine raw) {
        if (n == 0) {
            return "";
        }
        boolean ascii = true;
        for (int k = off; k < off + n; k++) {
            if (b[k] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, 0, off, n);
        }
        try {
            return utf8.decode(java.nio.ByteBuffer.wrap(b, off, n)).toString();
        } catch (CharacterCodingException e) {
            int k = off;
            while (k < off + n && b[k] >= 0) {
                k++;
            }
            StringBuilder hex = new StringBuilder();
            for (int m = k; m < Math.min(off + n, k + 2); m++) {
                hex.append(hex.length() == 0 ? "0x" : " 0x").append(String.format("%02x", b[m] & 0xff));
            }
            throw withLine(new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": " + hex), raw);
        }
    }

    private CopyFields textFields(int from, int to, RawLine raw) {
        fields.clear();
        ensureField(to - from); // unescaped fields never take more room than the raw line
        int fpos = 0;
        int i = from;
        while (true) {
            int start = i;
            // the common case: no backslash before the delimiter, so the field is the raw bytes
            int high = 0; // any byte with its top bit set makes this negative
            while (i < to && buf[i] != delimiter && buf[i] != '\\') {
                high |= buf[i];
                i++;
            }
            if (i + 1 == to && buf[i] == '\\') {
                i = to; // a backslash ending the line is kept as it is
            }
            boolean escaped = i < to && buf[i] == '\\';
            int n = fpos;
            if (escaped) {
                System.arraycopy(buf, start, field, n, i - start);
                n += i - start;
            }
            while (escaped && i < to && buf[i] != delimiter) {
                byte b = buf[i];
                if (b == '\\' && i + 1 < to) {
                    escaped = true;
                    byte c = buf[i + 1];
                    i += 2;
                    if (c == '.') {
                        // \. is the end marker only alone on its line (handled in record)
                        throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "end-of-copy marker corrupt")
                                .withContext("COPY " + relation + ", line " + line);
                    }
                    switch (c) {
                        case 'b' -> field[n++] = '\b';
                        case 'f' -> field[n++] = '\f';
                        case 'n' -> field[n++] = '\n';
                        case 'r' -> field[n++] = '\r';
                        case 't' -> field[n++] = '\t';
                        case 'v' -> field[n++] = 0x0b;
                        case 'x' -> {
                            int v = 0;
                            int k = 0;
                            while (k < 2 && i < to && Character.digit(buf[i], 16) >= 0) {
                                v = v * 16 + Character.digit(buf[i], 16);
                                i++;
                                k++;
                            }
                            field[n++] = k == 0 ? (byte) 'x' : (byte) v;
                        }
                        default -> {
                            if (c >= '0' && c <= '7') {
                                int v = c - '0';
                                int k = 1;
                                while (k < 3 && i < to && buf[i] >= '0' && buf[i] <= '7') {
                                    v = v * 8 + (buf[i] - '0');
                                    i++;
                                    k++;
                                }
                                field[n++] = (byte) v;
                            } else {
                                field[n++] = c;
                            }
                        }
                    }
                    continue;
                }
                field[n++] = b;
                i++;
            }
            int rawLen = i - start;
            if (rawLen == nullBytes.length && Arrays.equals(buf, start, i, nullBytes, 0, nullBytes.length)) {
                fields.addNull();
            } else if (escaped) {
                addField(field, fpos, n - fpos, raw);
                fpos = n;
            } else if (high >= 0) {
                fields.add(buf, start, rawLen, null); // plain ASCII, as it stands
            } else {
                addField(buf, start, rawLen, raw);
            }
            if (i >= to) {
                break;
            }
            i++; // the delimiter
        }
        return fields;
    }

    private CopyFields csvFields(int from, int to, RawLine raw) {
        fields.clear();
        ensureField(to - from); // unquoted fields never take more room than the raw line
        int fpos = 0;
        int i = from;
        while (true) {
            int n = fpos;
            boolean quoted = false;
            boolean inQ = false;
            while (i < to) {
                byte b = buf[i];
                if (inQ) {
                    if (b == escape && i + 1 < to && (buf[i + 1] == quote || buf[i + 1] == escape) && (escape != quote || buf[i + 1] == quote)) {
                        field[n++] = buf[i + 1];
                        i += 2;
                        continue;
                    }
                    if (b == quote) {
                        inQ = false;
                        i++;
                        continue;
                    }
                    field[n++] = b;
                    i++;
                    continue;
                }
                if (b == delimiter) {
                    break;
                }
                if (b == quote) {
                    inQ = true;
                    quoted = true;
                    i++;
                    continue;
                }
                field[n++] = b;
                i++;
            }
            if (inQ) {
                throw withLine(new PgException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field"), raw);
            }
            int col = fields.count();
            boolean matchesNull = n - fpos == nullBytes.length && Arrays.equals(field, fpos, n, nullBytes, 0, nullBytes.length);
            boolean isNull;
            if (!quoted) {
                isNull = matchesNull && !(col < forceNotNull.length && forceNotNull[col]);
            } else {
                isNull = matchesNull && col < forceNull.length && forceNull[col];
            }
            if (isNull) {
                fields.addNull();
            } else {
                addField(field, fpos, n - fpos, raw);
                fpos = n;
            }
            if (i >= to) {
                break;
            }
            i++;
        }
        return fields;
    }
}
