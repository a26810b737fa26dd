package org.pgmini.server.guc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * ALTER SYSTEM: rewrites postgresql.auto.conf with one entry changed, through a temporary file
 * that is fsynced and renamed over the old one, so a crash leaves either the old or the new file.
 * Callers serialise calls (one writer at a time).
 */
final class AutoConfWriter {
    static final String HEADER = """
            # Settings written by ALTER SYSTEM. This file is rewritten whenever ALTER SYSTEM runs,
            # so change these values with ALTER SYSTEM rather than by editing the file.
            """;

    private final Path file;

    AutoConfWriter(Path file) {
        this.file = file;
    }

    /** {@code value} null: remove the entry; {@code name} "all" with null value: remove every entry. */
    void alter(String name, String value, boolean superuser, GucTable validator) {
        boolean resetAll = value == null && name.equalsIgnoreCase("all");
        if (!superuser) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, resetAll
                    ? "permission denied to perform ALTER SYSTEM RESET ALL"
                    : "permission denied to set parameter \"" + name + "\"");
        }
        String canonicalName = name;
        if (!resetAll) {
            GucVariable v = validator.require(name, false);
            if (v.def.context() == GucContext.INTERNAL || v.def.hasFlag(GucFlags.DISALLOW_IN_FILE)
                    || v.def.hasFlag(GucFlags.DISALLOW_IN_AUTO_FILE)) {
                throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + v.def.name() + "\" cannot be changed");
            }
            if (value != null) {
                v.def.parse(v.def.name(), value, v.current.value(), v.reset.value());
                if (value.indexOf('\n') >= 0) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "parameter value for ALTER SYSTEM must not contain a newline");
                }
            }
        }
        List<ConfigEntry> entries = new ArrayList<>();
        if (!resetAll && Files.exists(file)) {
            ConfigFileParser.Result r = ConfigFileParser.parse(file, true);
            if (!r.ok()) {
                throw new PgException(SqlState.CONFIG_FILE_ERROR, "could not parse contents of file \"" + file + "\"");
            }
            entries.addAll(r.entries());
        }
        String key = canonicalName;
        entries.removeIf(e -> e.name().equalsIgnoreCase(key));
        if (value != null) {
            entries.add(new ConfigEntry(canonicalName, value, file.toString(), 0));
        }
        write(entries);
    }

    private void write(List<ConfigEntry> entries) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (ConfigEntry e : entries) {
            sb.append(e.name()).append(" = '")
                    .append(e.value().replace("\\", "\\\\").replace("'", "''")).append("'\n");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // Some file systems cannot fsync a directory; the rename itself is still atomic.
            }
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write to file \"" + tmp + "\": " + e.getMessage(), e);
        }
    }
}
