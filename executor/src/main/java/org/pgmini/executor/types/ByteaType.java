package org.pgmini.executor.types;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * bytea (OID 17): byte[] (storage's representation). Output in the session's bytea_output,
 * hex ({@code \x0a1b}) by default or escape ({@code a\\b\001}); input reads both forms;
 * binary is the bytes themselves.
 */
public final class ByteaType implements PgType {
    ByteaType() {}

    @Override public int oid() { return 17; }
    @Override public String name() { return "bytea"; }
    @Override public short typlen() { return -1; }
    @Override public boolean outputDependsOnSession() { return true; }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String output(Object value, SessionContext session) {
        String style = session == null ? null : session.settings().currentSetting("bytea_output", true);
        return "escape".equalsIgnoreCase(style) ? escape((byte[]) value) : hex((byte[]) value);
    }

    public static String hex(byte[] b) {
        char[] out = new char[2 + 2 * b.length];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < b.length; i++) {
            out[2 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[b[i] & 0xf];
        }
        return new String(out);
    }

    public static String escape(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int u = x & 0xff;
            if (u == '\\') {
                sb.append("\\\\");
            } else if (u < 0x20 || u > 0x7e) {
                sb.append('\\').append((char) ('0' + (u >> 6))).append((char) ('0' + ((u >> 3) & 7))).append((char) ('0' + (u & 7)));
            } else {
                sb.append((char) u);
            }
        }
        return sb.toString();
    }

    @Override
    public Object input(String text, int typmod) {
        if (text.length() >= 2 && text.charAt(0) == '\\' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            return hexDecode(text, 2);
        }
        return escapeDecode(text);
    }

    /** Hex digits in pairs; blanks may separate pairs. 22023 on anything else. */
    public static byte[] hexDecode(String s, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() / 2);
        int i = from;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int hi = hexValue(c);
            if (i + 1 >= n) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
            }
            int lo = hexValue(s.charAt(i + 1));
            out.write((hi << 4) | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static int hexValue(char c) {
        int v = Character.digit(c, 16);
        if (v < 0 || c > 'f') {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
        }
        return v;
    }

    /** The escape format: {@code \\} and {@code \ooo}; other characters stand for their UTF-8 bytes. */
    public static byte[] escapeDecode(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (i + 1 < in.length && in[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < in.length && in[i + 1] >= '0' && in[i + 1] <= '3' && isOctal(in[i + 2]) && isOctal(in[i + 3])) {
                out.write(((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3) | (in[i + 3] - '0'));
                i += 3;
            } else {
                throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }

    @Override
    public byte[] send(Object value) {
        return ((byte[]) value).clone();
    }

    @Override
    public Object receive(byte[] data) {
        return data.clone();
    }
}
