package org.pgmini.executor.parallel;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * A worker's error as it travels through the error queue: severity, SQLSTATE, message, detail,
 * hint, context (each a length-prefixed UTF-8 string, -1 for null). PostgreSQL sends an
 * ErrorResponse-like message the same way (pq_redirect_to_shm_mq).
 */
final class ErrorMessages {
    private ErrorMessages() {}

    static byte[] encode(Throwable t) {
        PgException e = t instanceof PgException p ? p
                : new PgException(SqlState.INTERNAL_ERROR, String.valueOf(t));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String s : new String[] {e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.context()}) {
                if (s == null) {
                    out.writeInt(-1);
                } else {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** The worker's error as the leader raises it: same fields, plus PostgreSQL's "parallel worker" context line. */
    static PgException decode(byte[] data) {
        String[] f = new String[6];
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            for (int i = 0; i < f.length; i++) {
                int n = in.readInt();
                if (n >= 0) {
                    byte[] b = in.readNBytes(n);
                    f[i] = new String(b, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            return new PgException(SqlState.INTERNAL_ERROR, "invalid message from parallel worker");
        }
        String severity = f[0] == null || f[0].equals("FATAL") || f[0].equals("PANIC") ? "ERROR" : f[0];
        PgException e = new PgException(severity, f[1] == null ? SqlState.INTERNAL_ERROR : f[1], f[2], f[3], f[4], 0,
                f[5], null);
        return e.withContext("parallel worker");
    }
}
