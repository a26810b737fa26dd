package org.pgmini.server.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Strict UTF-8 decoding of client text. PostgreSQL verifies every string it receives and
 * rejects invalid sequences with 22021 instead of replacing them, so we must not use
 * {@code new String(bytes, UTF_8)} (which silently substitutes U+FFFD).
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** Decodes {@code length} bytes of {@code bytes} from {@code offset}; PgException 22021 on bad input. */
    public static String decode(byte[] bytes, int offset, int length) {
        // Fast path: pure ASCII, the common case for SQL text.
        boolean ascii = true;
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        try {
            CharBuffer out = decoder.decode(in);
            return out.toString();
        } catch (CharacterCodingException e) {
            throw invalidSequence(bytes, offset, length);
        }
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Builds PostgreSQL's message, naming the bytes of the first bad sequence. */
    private static PgException invalidSequence(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int bad = offset;
        while (bad < end) {
            int b = bytes[bad] & 0xff;
            int need = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
            if (need == 0 || bad + need > end) {
                break;
            }
            boolean ok = true;
            for (int k = 1; k < need; k++) {
                if ((bytes[bad + k] & 0xc0) != 0x80) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                break;
            }
            bad += need;
        }
        int b = bad < end ? bytes[bad] & 0xff : 0;
        int shown = b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 ? 4 : b >= 0xc0 ? 2 : 1;
        shown = Math.max(1, Math.min(shown, end - bad));
        StringBuilder sb = new StringBuilder("invalid byte sequence for encoding \"UTF8\":");
        for (int i = 0; i < shown && bad + i < end; i++) {
            sb.append(String.format(" 0x%02x", bytes[bad + i] & 0xff));
        }
        return new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, sb.toString());
    }
}
