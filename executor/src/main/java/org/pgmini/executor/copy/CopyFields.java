package org.pgmini.executor.copy;

import java.util.Arrays;

/**
 * The fields of one COPY FROM text/CSV record, kept as byte ranges until a column's input needs
 * a String: integer and numeric columns are converted straight from the bytes
 * ({@link CopyFieldInput}), and a String is made at most once per field. A field with non-ASCII
 * bytes was already validated and decoded by the reader (so invalid UTF-8 is reported for the
 * record before any column is converted, as PostgreSQL does). The byte ranges point into the
 * reader's buffers and are valid only while the record is being handled. Reused for every record.
 */
final class CopyFields {
    private int count;
    private byte[][] data = new byte[8][];
    private int[] off = new int[8];
    private int[] len = new int[8];
    /** The decoded text (non-ASCII fields at once, ASCII ones when first asked), or null. */
    private String[] text = new String[8];
    private boolean[] isNull = new boolean[8];

    void clear() {
        Arrays.fill(text, 0, count, null);
        count = 0;
    }

    int count() {
        return count;
    }

    private void grow() {
        int n = data.length * 2;
        data = Arrays.copyOf(data, n);
        off = Arrays.copyOf(off, n);
        len = Arrays.copyOf(len, n);
        text = Arrays.copyOf(text, n);
        isNull = Arrays.copyOf(isNull, n);
    }

    void addNull() {
        if (count == data.length) {
            grow();
        }
        isNull[count] = true;
        data[count] = null;
        text[count] = null;
        count++;
    }

    /** A field of bytes {@code [from, from + n)} of {@code b}; {@code decoded} is its text if already made. */
    void add(byte[] b, int from, int n, String decoded) {
        if (count == data.length) {
            grow();
        }
        isNull[count] = false;
        data[count] = b;
        off[count] = from;
        len[count] = n;
        text[count] = decoded;
        count++;
    }

    boolean isNull(int i) {
        return isNull[i];
    }

    /** True when the field's bytes are plain ASCII (then they can be parsed as they are). */
    boolean isAscii(int i) {
        return !isNull[i] && text[i] == null || (text[i] != null && text[i].length() == len[i]);
    }

    byte[] bytes(int i) {
        return data[i];
    }

    int offset(int i) {
        return off[i];
    }

    int length(int i) {
        return len[i];
    }

    /** The field's text, or null for NULL. */
    @SuppressWarnings("deprecation")
    String string(int i) {
        if (isNull[i]) {
            return null;
        }
        String s = text[i];
        if (s == null) {
            // only ASCII fields are left undecoded: one byte per char
            s = len[i] == 0 ? "" : new String(data[i], 0, off[i], len[i]);
            text[i] = s;
        }
        return s;
    }

    /** All fields as strings (HEADER MATCH, error messages). */
    String[] strings() {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = string(i);
        }
        return out;
    }
}
