package org.pgmini.executor.copy;

import java.io.ByteArrayOutputStream;
import org.pgmini.executor.types.PgType;

/**
 * Formats COPY TO rows in PostgreSQL's binary COPY file format: the header (signature, flags 0,
 * no header extension) goes in front of the first row, as PostgreSQL sends it in the first
 * CopyData; each row is an int16 field count and per field an int32 length (-1 for NULL) and the
 * value in its type's binary send format; the trailer is an int16 -1. Big-endian throughout.
 */
final class CopyBinaryWriter {
    private final PgType[] types;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private boolean headerSent;

    CopyBinaryWriter(PgType[] types) {
        this.types = types;
    }

    private void header() {
        if (!headerSent) {
            out.writeBytes(CopyBinaryReader.SIGNATURE);
            int32(0); // flags: no OIDs
            int32(0); // header extension length
            headerSent = true;
        }
    }

    private void int32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private void int16(int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    byte[] row(Object[] values) {
        out.reset();
        header();
        int16(types.length);
        for (int i = 0; i < types.length; i++) {
            if (values[i] == null) {
                int32(-1);
                continue;
            }
            byte[] b = types[i].send(values[i]);
            int32(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** The end of the data (with the header when there were no rows). */
    byte[] trailer() {
        out.reset();
        header();
        int16(-1);
        return out.toByteArray();
    }
}
