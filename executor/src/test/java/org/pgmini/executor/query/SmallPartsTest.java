package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.executor.exec.GenerateSeries;
import org.pgmini.executor.types.PgTypes;

class SmallPartsTest {
    @Test
    void searchPathParsing() {
        assertEquals(List.of("$user", "public"), SearchPath.parse("\"$user\", public"));
        assertEquals(List.of("a", "B c", "d"), SearchPath.parse("A, \"B c\",d"));
        assertEquals(List.of(), SearchPath.parse(""));
        assertEquals(List.of("x\"y"), SearchPath.parse("\"x\"\"y\""));
    }

    private static List<Object> all(GenerateSeries.Series s) {
        List<Object> out = new ArrayList<>();
        for (Object v; (v = s.next()) != null; ) {
            out.add(v);
        }
        return out;
    }

    @Test
    void seriesStopAtTheTypeLimitInsteadOfWrapping() {
        assertEquals(List.of(2147483646, 2147483647), all(GenerateSeries.of(PgTypes.INT4, 2147483646, 2147483647, 1)));
        assertEquals(List.of(Long.MAX_VALUE - 1, Long.MAX_VALUE),
                all(GenerateSeries.of(PgTypes.INT8, Long.MAX_VALUE - 1, Long.MAX_VALUE, 1L)));
        assertEquals(List.of(5, 3, 1), all(GenerateSeries.of(PgTypes.INT4, 5, 0, -2)));
        assertEquals(List.of(), all(GenerateSeries.of(PgTypes.INT4, 5, 1, 1)));
        assertNull(GenerateSeries.of(PgTypes.INT4, null, 1, 1).next());
    }
}
