package org.pgmini.sqltests.regress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A regression schedule in pg_regress's format: each {@code test: a b c} line is a group of
 * tests that run concurrently; groups run one after another. {@code #} starts a comment.
 */
public final class Schedule {

    private final List<List<String>> groups;

    private Schedule(List<List<String>> groups) {
        this.groups = List.copyOf(groups);
    }

    public static Schedule read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses schedule lines; {@code origin} names the source in error messages. */
    public static Schedule parse(List<String> lines, String origin) {
        List<List<String>> groups = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("test:")) {
                throw new IllegalArgumentException(origin + ":" + (i + 1)
                        + ": syntax error in schedule, expected \"test: name ...\": " + lines.get(i));
            }
            List<String> group = new ArrayList<>();
            for (String name : line.substring("test:".length()).strip().split("\\s+")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException(origin + ":" + (i + 1) + ": test \"" + name
                            + "\" is scheduled twice");
                }
                group.add(name);
            }
            if (group.isEmpty()) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": empty test group");
            }
            groups.add(List.copyOf(group));
        }
        return new Schedule(groups);
    }

    /** A schedule with one single-test group per name, in the given order. */
    public static Schedule of(Collection<String> names) {
        List<List<String>> groups = new ArrayList<>();
        for (String name : names) {
            groups.add(List.of(name));
        }
        return new Schedule(groups);
    }

    public List<List<String>> groups() {
        return groups;
    }

    public List<String> testNames() {
        List<String> names = new ArrayList<>();
        groups.forEach(names::addAll);
        return names;
    }
}
