package org.pgmini.server.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, from pg_hba.conf, whether a connection may proceed.
 *
 * <p>The file is loaded at server start (an invalid file stops the start, as in PostgreSQL) and
 * re-read when its modification time changes, checked once per connection (PostgreSQL re-reads
 * it on SIGHUP; a stat per connection gives the same effect without a signal path). A changed
 * file that does not parse is logged and the previous rules stay in force, as PostgreSQL does.
 *
 * <p>Methods: {@code trust} admits, {@code reject} refuses, {@code peer} (Unix-domain sockets)
 * admits when the client process's operating-system user is the requested database user. Every
 * other method needs a password or an external service; pgmini has no role catalog to keep
 * passwords in yet, so such a line refuses the connection with FATAL 28000 naming the method
 * (never admitting it silently).
 */
public final class ClientAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);

    private final Path file;
    private volatile HbaFile rules;
    private volatile FileTime loadedModified;

    private ClientAuthentication(Path file, HbaFile rules, FileTime modified) {
        this.file = file;
        this.rules = rules;
        this.loadedModified = modified;
    }

    /** Loads the file; PgException F0000 "could not load pg_hba.conf" with the reason in the detail. */
    public static ClientAuthentication load(Path file) {
        try {
            FileTime modified = modifiedTime(file);
            return new ClientAuthentication(file, HbaFile.load(file), modified);
        } catch (PgException e) {
            String detail = e.getMessage() + (e.context() == null ? "" : " (" + e.context() + ")");
            throw new PgException("FATAL", SqlState.CONFIG_FILE_ERROR, "could not load pg_hba.conf", detail, null,
                    0, null, e);
        }
    }

    public Path file() {
        return file;
    }

    /** The rules in force, re-read first if the file changed. */
    public HbaFile rules() {
        FileTime now = modifiedTime(file);
        if (now != null && !now.equals(loadedModified)) {
            synchronized (this) {
                if (!now.equals(loadedModified)) {
                    loadedModified = now;
                    try {
                        rules = HbaFile.load(file);
                        LOG.info("pg_hba.conf reloaded");
                    } catch (PgException e) {
                        LOG.warn("pg_hba.conf was not reloaded: {}{}", e.getMessage(),
                                e.context() == null ? "" : " (" + e.context() + ")");
                    }
                }
            }
        }
        return rules;
    }

    /**
     * Checks a connection against the rules; returns the matching line, or throws the FATAL 28000
     * the client must see.
     */
    public HbaLine authenticate(ClientOrigin origin, String user, String database) {
        HbaLine line = rules().match(origin, user, database);
        String who = "host \"" + origin.hostText() + "\", user \"" + user + "\", database \"" + database
                + "\", no encryption";
        if (line == null) {
            throw fatal("no pg_hba.conf entry for " + who, null, null);
        }
        switch (line.method()) {
            case TRUST:
                return line;
            case REJECT:
                throw fatal("pg_hba.conf rejects connection for " + who, null, null);
            case PEER:
                if (!origin.isLocal()) {
                    throw unsupported(line); // the parser only turns ident into peer on local lines
                }
                checkPeer(origin, user);
                return line;
            default:
                throw unsupported(line);
        }
    }

    /** peer: without an ident map, the client process's OS user must be the database user (PostgreSQL's rule). */
    private static void checkPeer(ClientOrigin origin, String user) {
        String osUser = origin.peerUser().get();
        if (osUser == null) {
            throw fatal("could not get peer credentials for user \"" + user + "\"", null, null);
        }
        if (!osUser.equals(user)) {
            LOG.info("provided user name ({}) and authenticated user name ({}) do not match", user, osUser);
            throw fatal("Peer authentication failed for user \"" + user + "\"", null, null);
        }
    }

    private static PgException unsupported(HbaLine line) {
        return fatal("authentication method \"" + line.method().keyword() + "\" is not supported",
                "Connection matched pg_hba.conf line " + line.lineNumber() + ".",
                "pgmini has no role catalog to hold passwords yet; use \"trust\", \"peer\" or \"reject\" lines.");
    }

    /** {@link #authenticate(ClientOrigin, String, String)} for a TCP client. */
    public HbaLine authenticate(InetAddress client, String user, String database) {
        return authenticate(ClientOrigin.tcp(client), user, database);
    }

    private static PgException fatal(String message, String detail, String hint) {
        return new PgException("FATAL", SqlState.INVALID_AUTHORIZATION_SPECIFICATION, message, detail, hint, 0, null,
                null);
    }

    private static FileTime modifiedTime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
