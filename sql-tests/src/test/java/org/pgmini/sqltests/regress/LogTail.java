package org.pgmini.sqltests.regress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a server log, for failure messages. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log file " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return "--- last lines of " + log + " ---\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
