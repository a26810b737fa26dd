package org.pgmini.executor.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/** COPY's byte-level shortcuts return exactly what the type's input function returns, and fail as it fails. */
class CopyFieldInputTest {
    private static final List<String> INPUTS = List.of("0", "-0", "7", "123", "-32768", "32767", "32768", "-32769",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808",
            "99999999999999999999", "123456789012345678", "1234567890123456789", " 12", "12 ", "+5", "1.50", "-0.00",
            "007", "00.10", ".5", "5.", "1e5", "abc", "", "-", "-.5", "1.2.3", "NaN", "12345678901234567.8",
            "1234567890.12345678", "0.000000000000000001", "é", "1é", "ab", "abc", "abcd", "abc ", "abcd  ");

    private static String outcome(PgType type, int typmod, String input) {
        try {
            Object v = type.input(input, typmod, null);
            return v.getClass().getSimpleName() + ":" + v;
        } catch (PgException e) {
            return e.sqlState() + ":" + e.getMessage();
        }
    }

    private static String shortcut(PgType type, int typmod, String input) {
        CopyFields f = new CopyFields();
        byte[] b = ("xx" + input + "yy").getBytes(StandardCharsets.UTF_8);
        int n = input.getBytes(StandardCharsets.UTF_8).length;
        boolean ascii = n == input.length();
        f.add(b, 2, n, ascii ? null : input);
        try {
            Object v = new CopyFieldInput(type, typmod).convert(f, 0, null);
            return v.getClass().getSimpleName() + ":" + v;
        } catch (PgException e) {
            return e.sqlState() + ":" + e.getMessage();
        }
    }

    @Test
    void shortcutsAgreeWithTheInputFunctions() {
        for (PgType t : List.of(PgTypes.INT2, PgTypes.INT4, PgTypes.INT8, PgTypes.NUMERIC, PgTypes.TEXT, PgTypes.VARCHAR)) {
            for (String in : INPUTS) {
                assertEquals(outcome(t, -1, in), shortcut(t, -1, in), t + " input \"" + in + "\"");
            }
        }
        // a numeric typmod (rounding) and a varchar length go through the input function
        for (String in : INPUTS) {
            int numeric52 = ((5 << 16) | 2) + 4;
            assertEquals(outcome(PgTypes.NUMERIC, numeric52, in), shortcut(PgTypes.NUMERIC, numeric52, in), "numeric(5,2) \"" + in + "\"");
            assertEquals(outcome(PgTypes.VARCHAR, 3 + 4, in), shortcut(PgTypes.VARCHAR, 3 + 4, in), "varchar(3) \"" + in + "\"");
            assertEquals(outcome(PgTypes.BPCHAR, 3 + 4, in), shortcut(PgTypes.BPCHAR, 3 + 4, in), "char(3) \"" + in + "\"");
            assertEquals(outcome(PgTypes.BPCHAR, 84 + 4, in), shortcut(PgTypes.BPCHAR, 84 + 4, in), "char(84) \"" + in + "\"");
        }
    }

    @Test
    void numericShortcutKeepsTheScaleWritten() {
        CopyFields f = new CopyFields();
        byte[] b = "1.50".getBytes(StandardCharsets.US_ASCII);
        f.add(b, 0, b.length, null);
        assertEquals(new java.math.BigDecimal("1.50"), new CopyFieldInput(PgTypes.NUMERIC, -1).convert(f, 0, null));
    }
}
