package org.pgmini.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The roles of the cluster until pg_authid exists: initdb writes them to
 * {@code DATADIR/global/pgmini_roles}, one line per role, {@code name<TAB>t|f<TAB>verifier}
 * (superuser flag; a SCRAM-SHA-256 verifier in PostgreSQL's format, or empty for no password).
 * A data directory without the file has no role catalog: then any user name is accepted and no
 * password can be checked.
 */
public final class RoleCatalog {
    public static final String FILE = "global/pgmini_roles";

    /** One role: name, superuser, password verifier (null when it has no password). */
    public record Role(String name, boolean superuser, String passwordVerifier) {
    }

    private final Map<String, Role> roles;

    private RoleCatalog(Map<String, Role> roles) {
        this.roles = roles;
    }

    /** Reads the catalog; empty when the file is absent (see the class comment). */
    public static Optional<RoleCatalog> read(Path dataDirectory) {
        Path f = dataDirectory.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Map<String, Role> roles = new LinkedHashMap<>();
        try {
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
        } catch (IOException e) {
            throw new org.pgmini.error.PgException("FATAL", org.pgmini.error.SqlState.IO_ERROR,
                    "could not read file \"" + f + "\": " + e.getMessage(), null, null, 0, null, e);
        }
        return Optional.of(new RoleCatalog(roles));
    }

    public Optional<Role> find(String name) {
        return Optional.ofNullable(roles.get(name));
    }
}
