package org.pgmini.executor.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.executor.TestDatabase;

/**
 * A debugging aid (not a test): runs each argument as SQL on a fresh temporary database
 * (tables allowed) and prints rows or the error with its SQLSTATE.
 */
public final class DbProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("dbprobe");
        try (DbSession s = new DbSession(TestDatabase.create(dir))) {
            for (String sql : args) {
                System.out.println("> " + sql);
                try {
                    DbSession.Result r = s.run(sql);
                    for (List<String> row : r.rows()) {
                        System.out.println("  " + String.join(" | ", row.stream().map(v -> v == null ? "NULL" : v).toList()));
                    }
                    System.out.println("  " + r.tag());
                } catch (PgException e) {
                    System.out.println("  ERROR " + e.sqlState() + ": " + e.getMessage()
                            + (e.position() > 0 ? " @" + e.position() : "") + (e.detail() != null ? " DETAIL " + e.detail() : "")
                            + (e.hint() != null ? " HINT " + e.hint() : ""));
                } catch (RuntimeException e) {
                    e.printStackTrace(System.out);
                }
            }
        }
    }
}
