package org.pgmini.server.postmaster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pgmini installation directory (the repository root): where {@code conf/} with the sample
 * files lives. Taken from the system property {@code pgmini.home} (bin/pgmini sets it), else
 * derived from where the server classes were loaded ({@code server/target/...}).
 */
public final class PgminiHome {
    private PgminiHome() {}

    public static Path find() {
        String prop = System.getProperty("pgmini.home");
        if (prop != null && !prop.isEmpty()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            Path p = Path.of(PgminiHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = p; d != null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve("conf")) && Files.isDirectory(d.resolve("server"))) {
                    return d;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }

    public static Path conf() {
        return find().resolve("conf");
    }
}
