package org.pgmini.server.postmaster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roles initdb creates, kept in {@code global/pgmini_roles} until the catalog (pg_authid)
 * exists: one line per role, {@code name<TAB>t|f (superuser)<TAB>password verifier or empty}.
 * The verifier has PostgreSQL's SCRAM-SHA-256 format, so the authentication code can check
 * passwords without knowing them.
 */
public final class RoleFile {
    public static final String PATH = "global/pgmini_roles";

    /** One role. */
    public record Role(String name, boolean superuser, String passwordVerifier) {}

    private final Map<String, Role> roles;

    private RoleFile(Map<String, Role> roles) {
        this.roles = roles;
    }

    public static RoleFile read(Path dataDir) throws IOException {
        Map<String, Role> roles = new LinkedHashMap<>();
        Path f = dataDir.resolve(PATH);
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                if (parts.length >= 2) {
                    String verifier = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
                    roles.put(parts[0], new Role(parts[0], parts[1].equals("t"), verifier));
                }
            }
        }
        return new RoleFile(roles);
    }

    static void write(Path dataDir, List<Role> roles) throws IOException {
        StringBuilder sb = new StringBuilder("# Roles created by initdb: name, superuser (t/f), SCRAM-SHA-256 verifier.\n");
        for (Role r : roles) {
            sb.append(r.name()).append('\t').append(r.superuser() ? 't' : 'f').append('\t')
                    .append(r.passwordVerifier() == null ? "" : r.passwordVerifier()).append('\n');
        }
        Path f = dataDir.resolve(PATH);
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    public Optional<Role> find(String name) {
        return Optional.ofNullable(roles.get(name));
    }
}
