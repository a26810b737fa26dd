package org.pgmini.executor.copy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * COPY's ENCODING option: the data's encoding, converted to and from the server encoding (UTF8)
 * by the JDK's charsets. Names are PostgreSQL's, matched as PostgreSQL matches them (case and
 * punctuation ignored: 'latin-9', 'LATIN9' and 'iso_8859_15' are one encoding). UTF8 and
 * SQL_ASCII need no conversion ({@link #of} returns null). Conversion errors are PostgreSQL's:
 * 22021 "invalid byte sequence for encoding" for malformed input, 22P05 "character with byte
 * sequence ... has no equivalent in encoding" for a character the other side lacks.
 */
final class CopyEncoding {
    /** untranslatable_character (not among the shared SqlState constants). */
    private static final String UNTRANSLATABLE = "22P05";
    /** PostgreSQL encoding name and its aliases (cleaned: lower case, letters and digits only) → [PG name, Java charset]. */
    private static final Map<String, String[]> NAMES = new HashMap<>();

    private static void add(String pgName, String javaName, String... aliases) {
        NAMES.put(clean(pgName), new String[] {pgName, javaName});
        for (String a : aliases) {
            NAMES.put(clean(a), new String[] {pgName, javaName});
        }
    }

    static {
        add("UTF8", null, "unicode");
        add("SQL_ASCII", null);
        add("LATIN1", "ISO-8859-1", "iso88591");
        add("LATIN2", "ISO-8859-2", "iso88592");
        add("LATIN3", "ISO-8859-3", "iso88593");
        add("LATIN4", "ISO-8859-4", "iso88594");
        add("LATIN5", "ISO-8859-9", "iso88599");
        add("LATIN6", "ISO-8859-10", "iso885910");
        add("LATIN7", "ISO-8859-13", "iso885913");
        add("LATIN8", "ISO-8859-14", "iso885914");
        add("LATIN9", "ISO-8859-15", "iso885915");
        add("LATIN10", "ISO-8859-16", "iso885916");
        add("ISO_8859_5", "ISO-8859-5");
        add("ISO_8859_6", "ISO-8859-6");
        add("ISO_8859_7", "ISO-8859-7");
        add("ISO_8859_8", "ISO-8859-8");
        for (int w = 1250; w <= 1258; w++) {
            add("WIN" + w, "windows-" + w, "windows" + w);
        }
        add("WIN866", "IBM866", "alt", "windows866");
        add("WIN874", "x-windows-874", "windows874");
        add("KOI8R", "KOI8-R", "koi8");
        add("KOI8U", "KOI8-U");
        add("EUC_JP", "EUC-JP");
        add("EUC_KR", "EUC-KR");
        add("EUC_CN", "GB2312");
        add("EUC_TW", "x-EUC-TW");
        add("SJIS", "windows-31j", "shiftjis", "mskanji");
        add("BIG5", "Big5");
        add("GBK", "GBK", "windows936");
        add("GB18030", "GB18030");
        add("UHC", "x-windows-949", "windows949");
        add("JOHAB", "x-Johab");
        add("EUC_JIS_2004", "", "eucjis2004");
        add("SHIFT_JIS_2004", "", "shiftjis2004");
        add("MULE_INTERNAL", "");
    }

    private static String clean(String name) {
        StringBuilder b = new StringBuilder();
        for (char ch : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(ch)) {
                b.append(ch);
            }
        }
        return b.toString();
    }

    final String pgName;
    private final Charset charset;

    private CopyEncoding(String pgName, Charset charset) {
        this.pgName = pgName;
        this.charset = charset;
    }

    /** True when {@code name} is an encoding PostgreSQL knows. */
    static boolean known(String name) {
        return NAMES.containsKey(clean(name));
    }

    /** The conversion for {@code name}, or null when none is needed; 0A000 for an encoding the JDK lacks. */
    static CopyEncoding of(String name) {
        String[] e = NAMES.get(clean(name));
        if (e == null) {
            throw new IllegalArgumentException("unknown encoding " + name);
        }
        if (e[1] == null) {
            return null;
        }
        if (e[1].isEmpty() || !Charset.isSupported(e[1])) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY with ENCODING '" + e[0] + "' is not supported");
        }
        return new CopyEncoding(e[0], Charset.forName(e[1]));
    }

    private static String hex(ByteBuffer b, int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n && at + i < b.limit(); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("0x%02x", b.get(at + i) & 0xff));
        }
        return s.toString();
    }

    /** COPY TO: the text of one line in this encoding. */
    byte[] encode(String s) {
        CharsetEncoder enc = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(s);
        ByteBuffer out = ByteBuffer.allocate((int) (s.length() * (double) enc.maxBytesPerChar()) + 16);
        CoderResult r = enc.encode(in, out, true);
        if (r.isError()) {
            int cp = Character.codePointAt(s, in.position());
            ByteBuffer utf8 = StandardCharsets.UTF_8.encode(new String(Character.toChars(cp)));
            throw new PgException(UNTRANSLATABLE, "character with byte sequence " + hex(utf8, 0, utf8.limit())
                    + " in encoding \"UTF8\" has no equivalent in encoding \"" + pgName + "\"");
        }
        enc.flush(out);
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    /** COPY FROM: converts a stream cut anywhere (a character may span two pieces) into UTF-8. */
    final class Decoder {
        private final CharsetDecoder dec = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[] carry = new byte[0];

        /** Set by {@link #decode} when the piece held bad input (after the good part was returned). */
        PgException error;

        /**
         * The UTF-8 of the next piece, up to bad input if there is some: then {@link #error} is set
         * (the caller processes the good part first, so that earlier lines' errors come first).
         */
        byte[] decode(byte[] piece, boolean end) {
            byte[] all = new byte[carry.length + piece.length];
            System.arraycopy(carry, 0, all, 0, carry.length);
            System.arraycopy(piece, 0, all, carry.length, piece.length);
            ByteBuffer in = ByteBuffer.wrap(all);
            CharBuffer out = CharBuffer.allocate((int) (all.length * (double) dec.maxCharsPerByte()) + 16);
            CoderResult r = dec.decode(in, out, end);
            if (r.isError()) {
                int at = in.position();
                // a multibyte encoding's bytes the JDK cannot map are ones PostgreSQL's verifier rejects
                boolean invalid = r.isMalformed() || charset.newEncoder().maxBytesPerChar() > 1;
                error = invalid
                        ? new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                                + pgName + "\": " + hex(in, at, Math.max(r.length(), 2)))
                        : new PgException(UNTRANSLATABLE, "character with byte sequence " + hex(in, at, r.length())
                                + " in encoding \"" + pgName + "\" has no equivalent in encoding \"UTF8\"");
                return utf8(out);
            }
            carry = new byte[in.remaining()];
            in.get(carry);
            if (end && carry.length > 0) {
                error = new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                        + pgName + "\": " + hex(ByteBuffer.wrap(carry), 0, Math.min(carry.length, 2)));
            }
            return utf8(out);
        }

        private byte[] utf8(CharBuffer out) {
            out.flip();
            ByteBuffer b = StandardCharsets.UTF_8.encode(out);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        }
    }
}
