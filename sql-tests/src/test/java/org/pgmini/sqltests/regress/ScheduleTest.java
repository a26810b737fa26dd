package org.pgmini.sqltests.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void groupsCommentsAndBlankLines() {
        Schedule s = Schedule.parse(List.of(
                "# header comment",
                "",
                "test: a",
                "test: b c   d  # trailing comment",
                "   ",
                "test:e"), "sched");
        assertEquals(List.of(List.of("a"), List.of("b", "c", "d"), List.of("e")), s.groups());
        assertEquals(List.of("a", "b", "c", "d", "e"), s.testNames());
    }

    @Test
    void rejectsUnknownLinesWithTheirLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedule.parse(List.of("test: a", "tset: b"), "sched"));
        assertTrue(e.getMessage().startsWith("sched:2:"), e.getMessage());
    }

    @Test
    void rejectsEmptyGroupsAndDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse(List.of("test:   "), "s"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse(List.of("test: a", "test: b a"), "s"));
    }

    @Test
    void namedTestsRunOneByOne() {
        assertEquals(List.of(List.of("x"), List.of("y")), Schedule.of(List.of("x", "y")).groups());
    }

    @Test
    void theSuiteScheduleNamesExistingFiles() throws Exception {
        Path suite = RegressionConfig.fromSystemProperties().suiteDir();
        for (String test : Schedule.read(suite.resolve("schedule")).testNames()) {
            assertTrue(suite.resolve("sql/" + test + ".sql").toFile().isFile(), "missing sql/" + test + ".sql");
            assertTrue(suite.resolve("expected/" + test + ".out").toFile().isFile(),
                    "missing expected/" + test + ".out");
        }
    }
}
