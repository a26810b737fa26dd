package org.pgmini.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Operating-system user names by uid, from /etc/passwd (what getpwuid() reads on a plain system). */
public final class OsUsers {
    private static final Path PASSWD = Path.of("/etc/passwd");

    private OsUsers() {
    }

    /** The user name of {@code uid}, or null when there is none. */
    public static String nameOf(int uid) {
        try {
            for (String line : Files.readAllLines(PASSWD, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(Integer.toString(uid))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
