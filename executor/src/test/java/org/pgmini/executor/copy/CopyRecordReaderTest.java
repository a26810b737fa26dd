package org.pgmini.executor.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.executor.parser.ast.PgCopy;

/**
 * The COPY FROM record reader gives the same records however the stream is cut into CopyData
 * messages (one byte at a time, in the middle of escapes, CRLF pairs and quoted CSV newlines).
 */
class CopyRecordReaderTest {
    private static List<String> read(String data, List<PgCopy.Option> options, int piece) {
        CopyOptions o = CopyOptions.of(options, true);
        List<String> out = new ArrayList<>();
        CopyRecordReader r = new CopyRecordReader("t", o, new boolean[4], new boolean[4],
                (fields, line, raw) -> out.add(line + ":" + Arrays.toString(fields.strings())));
        byte[] b = data.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += piece) {
            r.feed(Arrays.copyOfRange(b, i, Math.min(b.length, i + piece)));
        }
        r.finish();
        return out;
    }

    private static void sameForEverySplit(String data, List<PgCopy.Option> options, List<String> expected) {
        for (int piece : new int[] {1, 2, 3, 5, 7, 64, 1 << 16}) {
            assertEquals(expected, read(data, options, piece), "pieces of " + piece + " bytes");
        }
    }

    @Test
    void textFormat() {
        String data = "1\ta\\tb\\\\c\t\\N\n2\t\\x41\\101é\t\n3\tline\\\nbreak\tx\n\\.\nignored\tafter\tend\n";
        sameForEverySplit(data, List.of(), List.of(
                "1:[1, a\tb\\c, null]",
                "2:[2, AAé, ]",
                "3:[3, line\nbreak, x]"));
    }

    @Test
    void crlfLinesAndLastLineWithoutNewline() {
        sameForEverySplit("1\tx\r\n2\ty\r\n3\tz", List.of(), List.of("1:[1, x]", "2:[2, y]", "3:[3, z]"));
        PgException e = assertThrows(PgException.class, () -> read("1\tx\r\n2\ty\n", List.of(), 1));
        assertEquals("literal newline found in data", e.getMessage());
    }

    @Test
    void csvWithQuotesEscapesAndNewlines() {
        List<PgCopy.Option> csv = List.of(new PgCopy.Option("format", "csv", 0), new PgCopy.Option("header", "true", 0));
        String data = "a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"multi\nline\",\n3,,\"\"\n";
        sameForEverySplit(data, csv, List.of(
                "2:[1, x,y, say \"hi\"]",
                "3:[2, multi\nline, null]",
                "4:[3, null, ]"));
        List<PgCopy.Option> escape = List.of(new PgCopy.Option("format", "csv", 0), new PgCopy.Option("escape", "\\", 0));
        sameForEverySplit("1,\"a\\\"b\\\\c\"\n", escape, List.of("1:[1, a\"b\\c]"));
        PgException e = assertThrows(PgException.class, () -> read("1,\"open\n", List.of(new PgCopy.Option("format", "csv", 0)), 3));
        assertEquals("unterminated CSV quoted field", e.getMessage());
    }
}
