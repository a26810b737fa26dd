package org.pgmini.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * pg_ident.conf: user name maps for {@code peer} lines with {@code map=NAME}. Each line is
 * {@code MAPNAME SYSTEM-USERNAME DATABASE-USERNAME}; a system name starting with {@code /} is a
 * regular expression, and {@code \1} in the database name is replaced by its first capture
 * group, as in PostgreSQL. The file is read at each use (it is small, and this picks up edits
 * the way a reload would).
 */
final class IdentMap {
    private record Entry(String map, String systemUser, Pattern systemPattern, String databaseUser) {
    }

    private IdentMap() {
    }

    /** Whether the map allows OS user {@code systemUser} to connect as {@code databaseUser}. */
    static boolean allows(Path file, String map, String systemUser, String databaseUser) {
        for (Entry e : read(file)) {
            if (!e.map().equals(map)) {
                continue;
            }
            if (e.systemPattern() != null) {
                Matcher m = e.systemPattern().matcher(systemUser);
                if (m.find()) {
                    String target = e.databaseUser();
                    if (target.contains("\\1") && m.groupCount() >= 1 && m.group(1) != null) {
                        target = target.replace("\\1", m.group(1));
                    }
                    if (target.equals(databaseUser)) {
                        return true;
                    }
                }
            } else if (e.systemUser().equals(systemUser) && e.databaseUser().equals(databaseUser)) {
                return true;
            }
        }
        return false;
    }

    private static List<Entry> read(Path file) {
        List<Entry> entries = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            throw new org.pgmini.error.PgException("FATAL", org.pgmini.error.SqlState.CONFIG_FILE_ERROR,
                    "could not open usermap file \"" + file + "\": " + e.getMessage(), null, null, 0, null, e);
        }
        int n = 0;
        for (String line : lines) {
            n++;
            List<List<HbaToken>> fields = HbaFile.tokenize(line, file);
            if (fields.isEmpty()) {
                continue;
            }
            if (fields.size() != 3) {
                throw new org.pgmini.error.PgException("FATAL", org.pgmini.error.SqlState.CONFIG_FILE_ERROR,
                        "missing entry at end of line", null, null, 0,
                        "line " + n + " of configuration file \"" + file + "\"", null);
            }
            String sys = fields.get(1).get(0).text();
            Pattern p = null;
            if (sys.startsWith("/")) {
                try {
                    p = Pattern.compile(sys.substring(1));
                } catch (PatternSyntaxException e) {
                    throw new org.pgmini.error.PgException("FATAL", "2201B",
                            "invalid regular expression \"" + sys.substring(1) + "\": " + e.getDescription(), null,
                            null, 0, null, null);
                }
            }
            entries.add(new Entry(fields.get(0).get(0).text(), sys, p, fields.get(2).get(0).text()));
        }
        return entries;
    }
}
