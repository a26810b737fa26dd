package org.pgmini.server.auth;

import java.io.IOException;
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
 * admits when the client process's operating-system user is the requested database user;
 * {@code scram-sha-256}, {@code md5} and {@code password} check the password against the role
 * catalog (see {@link PasswordAuthentication}). The methods that need an external service (gss,
 * sspi, ident over TCP, ldap, radius, cert, pam, bsd) refuse the connection with FATAL 28000
 * naming the method, never admitting it silently.
 */
public final class ClientAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);

    private final Path file;
    private final Path dataDirectory;
    private final Path identFile;
    private volatile HbaFile rules;
    private volatile FileTime loadedModified;

    private ClientAuthentication(Path file, Path identFile, Path dataDirectory, HbaFile rules, FileTime modified) {
        this.file = file;
        this.identFile = identFile;
        this.dataDirectory = dataDirectory;
        this.rules = rules;
        this.loadedModified = modified;
    }

    /**
     * Loads pg_hba.conf; PgException F0000 "could not load pg_hba.conf" with the reason in the
     * detail. {@code identFile} is pg_ident.conf (read when a peer line names a map), and the
     * data directory holds the role catalog.
     */
    public static ClientAuthentication load(Path file, Path identFile, Path dataDirectory) {
        try {
            FileTime modified = modifiedTime(file);
            return new ClientAuthentication(file, identFile, dataDirectory, HbaFile.load(file), modified);
        } catch (PgException e) {
            throw new PgException("FATAL", SqlState.CONFIG_FILE_ERROR, "could not load pg_hba.conf",
                    messageWithLine(e), null, 0, null, e);
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
                        LOG.warn("pg_hba.conf was not reloaded: {}", messageWithLine(e));
                    }
                }
            }
        }
        return rules;
    }

    /**
     * Checks a connection against the rules and runs the line's method (asking for a password
     * through {@code exchange} where needed); returns the matching line, or throws the FATAL
     * error the client must see (28000, or 28P01 for a wrong password).
     */
    public HbaLine authenticate(ClientOrigin origin, String user, String database, AuthExchange exchange) {
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
                checkPeer(origin, user, line.options().get("map"));
                return line;
            case PASSWORD:
                PasswordAuthentication.cleartext(user, verifierOf(user), exchange);
                return line;
            case MD5:
            case SCRAM_SHA_256:
                PasswordAuthentication.scram(user, verifierOf(user), exchange);
                return line;
            default:
                throw unsupported(line);
        }
    }

    /** The role's stored SCRAM verifier, or null (no catalog, no such role, no password). */
    private String verifierOf(String user) {
        return RoleCatalog.read(dataDirectory).flatMap(c -> c.find(user))
                .map(RoleCatalog.Role::passwordVerifier).orElse(null);
    }

    /**
     * After authentication: FATAL 28000 {@code role "x" does not exist} when the cluster has a
     * role catalog without that role. Returns whether the role is a superuser (without a catalog
     * every name is accepted, as the superuser initdb would have created).
     */
    public boolean checkRoleExists(String user) {
        java.util.Optional<RoleCatalog> catalog = RoleCatalog.read(dataDirectory);
        if (catalog.isEmpty()) {
            return true;
        }
        return catalog.get().find(user)
                .orElseThrow(() -> fatal("role \"" + user + "\" does not exist", null, null))
                .superuser();
    }

    /**
     * peer: the client process's OS user must be the database user, or, with {@code map=NAME},
     * be mapped to it by pg_ident.conf.
     */
    private void checkPeer(ClientOrigin origin, String user, String map) {
        String osUser = origin.peerUser().get();
        if (osUser == null) {
            throw fatal("could not get peer credentials for user \"" + user + "\"", null, null);
        }
        boolean ok = map == null ? osUser.equals(user)
                : IdentMap.allows(identFile, map, osUser, user);
        if (!ok) {
            LOG.info("provided user name ({}) and authenticated user name ({}) do not match", user, osUser);
            throw fatal("Peer authentication failed for user \"" + user + "\"", null, null);
        }
    }

    private static PgException unsupported(HbaLine line) {
        return fatal("authentication method \"" + line.method().keyword() + "\" is not supported",
                "Connection matched pg_hba.conf line " + line.lineNumber() + ".",
                "pgmini supports trust, reject, peer, password, md5 and scram-sha-256.");
    }

    private static PgException fatal(String message, String detail, String hint) {
        return new PgException("FATAL", SqlState.INVALID_AUTHORIZATION_SPECIFICATION, message, detail, hint, 0, null,
                null);
    }

    /** A parse error of the file with the line it names (HbaFile puts that in the context). */
    private static String messageWithLine(PgException e) {
        return e.getMessage() + (e.context() == null ? "" : " (" + e.context() + ")");
    }

    private static FileTime modifiedTime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
