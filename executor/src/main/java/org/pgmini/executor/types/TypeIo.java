package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** Shared helpers for the types' I/O functions. */
final class TypeIo {
    private TypeIo() {}

    static PgException invalidInput(String typeDisplayName, String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeDisplayName + ": \"" + text + "\"");
    }

    static PgException badBinary(String what) {
        return new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format" + what);
    }

    static ByteBuffer expect(byte[] data, int length) {
        if (data.length != length) {
            throw badBinary("");
        }
        return ByteBuffer.wrap(data);
    }

    /** PostgreSQL's isspace() for input trimming: space, \t, \n, \r, \v, \f. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    static String trimSpaces(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }
}
