package org.pgmini.executor.types;

import java.nio.charset.StandardCharsets;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * "char" (OID 18): a single byte, java.lang.Byte as storage keeps it. Text form as in
 * PostgreSQL 15: byte 0 is the empty string, bytes with the high bit set are written as a
 * backslash and three octal digits ({@code \303}), which input reads back; otherwise input
 * keeps the first byte of the UTF-8 text. Comparisons are on the unsigned byte.
 */
public final class CharType implements PgType {
    CharType() {}

    @Override public int oid() { return 18; }
    @Override public String name() { return "char"; }
    @Override public short typlen() { return 1; }

    @Override
    public String output(Object value, SessionContext session) {
        return text((Byte) value);
    }

    /** charout / "char"::text. */
    public static String text(byte b) {
        if (b == 0) {
            return "";
        }
        if (b < 0) {
            int u = b & 0xff;
            return "\\" + (u >> 6) + ((u >> 3) & 7) + (u & 7);
        }
        return String.valueOf((char) b);
    }

    /** charin / text::"char": a {@code \ooo} octal escape, else the first byte (0 when empty). */
    @Override
    public Object input(String text, int typmod) {
        return fromText(text);
    }

    public static Byte fromText(String text) {
        if (text.length() == 4 && text.charAt(0) == '\\' && isOctal(text.charAt(1)) && isOctal(text.charAt(2))
                && isOctal(text.charAt(3))) {
            return (byte) (((text.charAt(1) - '0') << 6) | ((text.charAt(2) - '0') << 3) | (text.charAt(3) - '0'));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length == 0 ? (byte) 0 : bytes[0];
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    /** int4::"char": 22003 outside -128..127. */
    public static Byte fromInt(int v) {
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"char\" out of range");
        }
        return (byte) v;
    }

    @Override
    public byte[] send(Object value) {
        return new byte[] {(Byte) value};
    }

    @Override
    public Object receive(byte[] data) {
        return TypeIo.expect(data, 1).get();
    }
}
