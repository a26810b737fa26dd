package org.pgmini.executor.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/** COPY's ENCODING conversions: PostgreSQL's names, streams cut anywhere, PostgreSQL's errors. */
class CopyEncodingTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /** Decodes {@code data} fed {@code piece} bytes at a time; returns the UTF-8, or throws the conversion error. */
    private static String decode(String encoding, byte[] data, int piece) {
        CopyEncoding.Decoder d = CopyEncoding.of(encoding).new Decoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i <= data.length; i += piece) {
            boolean end = i + piece > data.length;
            byte[] p = java.util.Arrays.copyOfRange(data, Math.min(i, data.length), Math.min(data.length, i + piece));
            out.writeBytes(d.decode(p, end));
            if (d.error != null) {
                throw d.error;
            }
            if (end) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesAsPostgresMatchesThem() {
        assertTrue(CopyEncoding.known("latin-9"));
        assertTrue(CopyEncoding.known("ISO_8859_15"));
        assertTrue(CopyEncoding.known("Win1252"));
        assertTrue(CopyEncoding.known("utf-8"));
        assertEquals(false, CopyEncoding.known("nosuch"));
        assertNull(CopyEncoding.of("UTF8"), "the server encoding needs no conversion");
        assertNull(CopyEncoding.of("sql_ascii"));
        assertEquals("LATIN9", CopyEncoding.of("iso885915").pgName);
        assertEquals("0A000", assertThrows(PgException.class, () -> CopyEncoding.of("MULE_INTERNAL")).sqlState());
    }

    @Test
    void streamsCutAnywhereDecodeTheSame() {
        byte[] latin1 = bytes('c', 'a', 'f', 0xe9, '\t', 0xfc, '\n');
        byte[] eucjp = bytes('1', '\t', 0xa4, 0xa2, 0xa4, 0xa4, '\n'); // あい
        for (int piece : new int[] {1, 2, 3, 100}) {
            assertEquals("café\tü\n", decode("LATIN1", latin1, piece));
            assertEquals("1\tあい\n", decode("EUC_JP", eucjp, piece));
        }
    }

    @Test
    void errorsArePostgresErrors() {
        PgException e = assertThrows(PgException.class, () -> decode("WIN1252", bytes('1', '\t', 0x81, '\n'), 100));
        assertEquals("22P05", e.sqlState());
        assertEquals("character with byte sequence 0x81 in encoding \"WIN1252\" has no equivalent in encoding \"UTF8\"", e.getMessage());
        e = assertThrows(PgException.class, () -> decode("EUC_JP", bytes('1', '\t', 0xff, 0xfe, '\n'), 100));
        assertEquals("22021", e.sqlState());
        assertEquals("invalid byte sequence for encoding \"EUC_JP\": 0xff 0xfe", e.getMessage());
        e = assertThrows(PgException.class, () -> decode("EUC_JP", bytes('1', 0xa4), 1));
        assertEquals("22021", e.sqlState(), "a character cut off by the end of the data");
        e = assertThrows(PgException.class, () -> CopyEncoding.of("LATIN1").encode("euro €\n"));
        assertEquals("22P05", e.sqlState());
        assertEquals("character with byte sequence 0xe2 0x82 0xac in encoding \"UTF8\" has no equivalent in encoding \"LATIN1\"",
                e.getMessage());
        assertArrayEquals(bytes('c', 'a', 'f', 0xe9, '\n'), CopyEncoding.of("LATIN1").encode("café\n"));
    }
}
