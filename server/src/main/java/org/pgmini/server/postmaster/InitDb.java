package org.pgmini.server.postmaster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pgmini.server.guc.ServerConfig;
import org.pgmini.server.guc.TimeZones;

/**
 * Creates a data directory (ARCHITECTURE §9): the directory layout, postgresql.conf and
 * pg_hba.conf from the samples in {@code conf/}, an empty postgresql.auto.conf, PG_VERSION,
 * and the bootstrap superuser (with a SCRAM verifier when a password file is given). Messages
 * and exit codes follow PostgreSQL's initdb.
 */
public final class InitDb {
    public static final String PG_MAJOR = "15";
    /**
     * The methods PostgreSQL 15's initdb accepts per kind of connection. Some of them the
     * server refuses at connection time (ident over TCP, radius, pam, ldap, gss, cert: FATAL
     * 28000 "authentication method ... is not supported"), as PostgreSQL built without them would.
     */
    private static final Set<String> AUTH_METHODS_LOCAL = Set.of("trust", "reject", "scram-sha-256", "md5", "password",
            "peer", "radius", "pam", "ldap");
    private static final Set<String> AUTH_METHODS_HOST = Set.of("trust", "reject", "scram-sha-256", "md5", "password",
            "ident", "radius", "pam", "ldap", "gss", "cert");

    /** initdb's arguments. */
    public record Options(Path dataDir, String user, String authLocal, String authHost, Path pwfile, Path waldir,
                          long walSegmentSize) {
        public Options(Path dataDir, String user, String authLocal, String authHost, Path pwfile, Path waldir) {
            this(dataDir, user, authLocal, authHost, pwfile, waldir, org.pgmini.wal.WalLayout.DEFAULT_SEGMENT_SIZE);
        }
    }

    /** Storage sizes while initdb bootstraps the catalog (a private pool; no background writer). */
    private static final org.pgmini.storage.StorageEngine.Config BOOTSTRAP_STORAGE =
            new org.pgmini.storage.StorageEngine.Config(1024, 8, 16, 0, 100,
                    org.pgmini.storage.smgr.StorageConstants.DEFAULT_BLOCKS_PER_SEGMENT);

    /** A failure with initdb's "error:" message and optional "hint:". */
    public static final class InitDbException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String hint;

        InitDbException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        /** initdb's "hint:" line, or null. */
        public String hint() {
            return hint;
        }
    }

    private final Options o;
    private final PrintStream out;
    private final Path confDir;

    public InitDb(Options options, PrintStream out, Path confDir) {
        this.o = options;
        this.out = out;
        this.confDir = confDir;
    }

    /** Parses initdb's command line (PGDATA is used when -D is missing). */
    public static Options parseArgs(List<String> args, String pgdataEnv) throws InitDbException {
        Path dataDir = pgdataEnv == null || pgdataEnv.isEmpty() ? null : Path.of(pgdataEnv);
        String user = System.getProperty("user.name");
        String auth = null;
        String authLocal = null;
        String authHost = null;
        Path pwfile = null;
        Path waldir = null;
        long walSegmentSize = org.pgmini.wal.WalLayout.DEFAULT_SEGMENT_SIZE;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v;
            if ((v = value(args, i, a, "-D", "--pgdata")) != null) {
                dataDir = Path.of(v);
            } else if ((v = value(args, i, a, "-U", "--username")) != null) {
                user = v;
            } else if ((v = value(args, i, a, "-A", "--auth")) != null) {
                auth = v;
            } else if ((v = value(args, i, a, null, "--auth-local")) != null) {
                authLocal = v;
            } else if ((v = value(args, i, a, null, "--auth-host")) != null) {
                authHost = v;
            } else if ((v = value(args, i, a, null, "--pwfile")) != null) {
                pwfile = Path.of(v);
            } else if ((v = value(args, i, a, "-X", "--waldir")) != null) {
                waldir = Path.of(v);
            } else if ((v = value(args, i, a, null, "--wal-segsize")) != null) {
                walSegmentSize = walSegmentSizeMegabytes(v) * 1024L * 1024L;
            } else {
                throw new InitDbException("unrecognized option \"" + a + "\"", null);
            }
            if (!a.contains("=") && !(a.length() > 2 && a.startsWith("-") && !a.startsWith("--"))) {
                i++; // the value was the next argument
            }
        }
        if (dataDir == null) {
            throw new InitDbException("no data directory specified", "You must identify the directory where the data "
                    + "for this database system will reside.  Do this with either the invocation option -D or the "
                    + "environment variable PGDATA.");
        }
        // As PostgreSQL's initdb: -A ident means peer for local connections, and -A peer means
        // ident for TCP connections (each method exists for one kind of connection only).
        if (authLocal == null) {
            authLocal = auth == null ? "trust" : auth.equals("ident") ? "peer" : auth;
        }
        if (authHost == null) {
            authHost = auth == null ? "trust" : auth.equals("peer") ? "ident" : auth;
        }
        return new Options(dataDir, user, authLocal, authHost, pwfile, waldir, walSegmentSize);
    }

    /** --wal-segsize: megabytes, a power of two from 1 to 1024 (PostgreSQL's rule and message). */
    private static int walSegmentSizeMegabytes(String v) throws InitDbException {
        int mb;
        try {
            mb = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new InitDbException("argument of --wal-segsize must be a number", null);
        }
        if (mb < 1 || mb > 1024 || Integer.bitCount(mb) != 1) {
            throw new InitDbException("argument of --wal-segsize must be a power of two between 1 and 1024", null);
        }
        return mb;
    }

    /** The value of option {@code a} at position i ("-D dir", "-Ddir", "--pgdata=dir", "--pgdata dir"), or null. */
    private static String value(List<String> args, int i, String a, String shortOpt, String longOpt)
            throws InitDbException {
        String v = null;
        if (a.startsWith(longOpt + "=")) {
            v = a.substring(longOpt.length() + 1);
        } else if (a.equals(longOpt) || (shortOpt != null && a.equals(shortOpt))) {
            if (i + 1 >= args.size()) {
                throw new InitDbException("option \"" + a + "\" requires an argument", null);
            }
            v = args.get(i + 1);
        } else if (shortOpt != null && a.startsWith(shortOpt) && a.length() > shortOpt.length()) {
            v = a.substring(shortOpt.length());
        }
        return v;
    }

    public void run() throws InitDbException, IOException {
        Path dataDir = o.dataDir().toAbsolutePath().normalize();
        if (!AUTH_METHODS_LOCAL.contains(o.authLocal())) {
            throw new InitDbException("invalid authentication method \"" + o.authLocal() + "\" for \"local\" connections", null);
        }
        if (!AUTH_METHODS_HOST.contains(o.authHost())) {
            throw new InitDbException("invalid authentication method \"" + o.authHost() + "\" for \"host\" connections", null);
        }
        if (o.user().toLowerCase(Locale.ROOT).startsWith("pg_")) {
            throw new InitDbException("superuser name \"" + o.user() + "\" is disallowed; role names cannot begin with \"pg_\"", null);
        }
        String password = readPassword();
        boolean needsPassword = Set.of("md5", "password", "scram-sha-256").contains(o.authLocal())
                || Set.of("md5", "password", "scram-sha-256").contains(o.authHost());
        if (needsPassword && password == null) {
            throw new InitDbException("must specify a password for the superuser to enable password authentication", null);
        }
        Path waldir = null;
        if (o.waldir() != null) {
            if (!o.waldir().isAbsolute()) {
                throw new InitDbException("WAL directory location must be an absolute path", null);
            }
            waldir = o.waldir().normalize();
            checkEmptyOrMissing(waldir, "WAL directory");
        }
        Path postgresqlSample = confDir.resolve("postgresql.conf.sample");
        Path hbaSample = confDir.resolve("pg_hba.conf.sample");
        if (!Files.isRegularFile(postgresqlSample) || !Files.isRegularFile(hbaSample)) {
            throw new InitDbException("file \"" + (Files.isRegularFile(postgresqlSample) ? hbaSample : postgresqlSample)
                    + "\" does not exist", "This might mean you have a corrupted installation.");
        }

        out.println("The files belonging to this database system will be owned by user \"" + System.getProperty("user.name") + "\".");
        out.println("This user must also own the server process.");
        out.println();
        out.println("The database cluster will be initialized with locale \"C\".");
        out.println("The default database encoding has accordingly been set to \"UTF8\".");
        out.println();

        boolean existed = checkEmptyOrMissing(dataDir, "directory");
        out.print(existed ? "fixing permissions on existing directory " + dataDir + " ... " : "creating directory " + dataDir + " ... ");
        Files.createDirectories(dataDir);
        setMode(dataDir, "rwx------");
        out.println("ok");

        if (waldir != null) {
            out.print((Files.exists(waldir) ? "fixing permissions on existing directory " : "creating directory ") + waldir + " ... ");
            Files.createDirectories(waldir);
            setMode(waldir, "rwx------");
            out.println("ok");
        }

        out.print("creating subdirectories ... ");
        for (String d : new String[] {"base", "base/pgsql_tmp", "global", "pg_xact", "pg_dynshmem"}) {
            Files.createDirectories(dataDir.resolve(d));
            setMode(dataDir.resolve(d), "rwx------");
        }
        if (waldir != null) {
            Files.createSymbolicLink(dataDir.resolve("pg_wal"), waldir);
        } else {
            Files.createDirectories(dataDir.resolve("pg_wal"));
            setMode(dataDir.resolve("pg_wal"), "rwx------");
        }
        out.println("ok");

        out.print("creating configuration files ... ");
        writeFile(dataDir.resolve("PG_VERSION"), PG_MAJOR + "\n");
        writeFile(dataDir.resolve(ServerConfig.CONFIG_FILE), postgresqlConf(Files.readString(postgresqlSample)));
        writeFile(dataDir.resolve(ServerConfig.AUTO_CONFIG_FILE),
                "# Settings written by ALTER SYSTEM. This file is rewritten whenever ALTER SYSTEM runs,\n"
                        + "# so change these values with ALTER SYSTEM rather than by editing the file.\n");
        writeFile(dataDir.resolve(ServerConfig.HBA_FILE), Files.readString(hbaSample)
                .replace("@authmethodlocal@", o.authLocal()).replace("@authmethodhost@", o.authHost()));
        writeFile(dataDir.resolve(ServerConfig.IDENT_FILE),
                "# User name maps for \"ident\" and \"peer\" authentication: MAPNAME SYSTEM-USERNAME PG-USERNAME\n");
        out.println("ok");

        out.print("creating the bootstrap superuser \"" + o.user() + "\" ... ");
        RoleFile.write(dataDir, List.of(new RoleFile.Role(o.user(), true,
                password == null ? null : ScramVerifier.create(password))));
        out.println("ok");

        // The WAL (first checkpoint, pg_control, wal_segment_size fixed from now on) and the
        // catalog of database "postgres", in one WAL-logged transaction; then a shutdown
        // checkpoint, so the first start finds a cleanly shut down cluster.
        out.print("running bootstrap script ... ");
        org.pgmini.wal.WalSettings wal = new org.pgmini.wal.WalSettings();
        wal.walSegmentSize = o.walSegmentSize();
        wal.walBuffers = 1024L * 1024;
        org.pgmini.storage.walint.Database.initdb(dataDir, waldir, wal,
                new org.pgmini.wal.io.RealFileLayer(org.pgmini.wal.WalPmemFlush.AUTO), BOOTSTRAP_STORAGE);
        out.println("ok");
        out.println();
        if ("trust".equals(o.authLocal()) || "trust".equals(o.authHost())) {
            out.println("initdb: warning: enabling \"trust\" authentication for local connections");
            out.println("initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local "
                    + "and --auth-host, the next time you run initdb.");
            out.println();
        }
        out.println("Success. You can now start the database server using:");
        out.println();
        out.println("    bin/pgmini start -D " + dataDir);
        out.println();
    }

    private String readPassword() throws InitDbException {
        if (o.pwfile() == null) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(o.pwfile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InitDbException("could not open file \"" + o.pwfile() + "\" for reading: No such file or directory", null);
        }
        if (lines.isEmpty()) {
            throw new InitDbException("password file \"" + o.pwfile() + "\" is empty", null);
        }
        return lines.get(0);
    }

    /** True if the directory exists (and is empty); throws if it exists and is not empty. */
    private static boolean checkEmptyOrMissing(Path dir, String what) throws InitDbException, IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            throw new InitDbException("could not create " + what + " \"" + dir + "\": File exists", null);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            if (ds.iterator().hasNext()) {
                throw new InitDbException(what + " \"" + dir + "\" exists but is not empty",
                        "If you want to create a new database system, either remove or empty the directory \"" + dir
                                + "\" or run initdb with an argument other than \"" + dir + "\".");
            }
        }
        return true;
    }

    /** The sample with the time zone of this machine filled in, as PostgreSQL's initdb does. */
    static String postgresqlConf(String sample) {
        String tz = TimeZones.canonical(ZoneId.systemDefault().getId());
        if (tz == null) {
            tz = "GMT";
        }
        String conf = replaceSetting(sample, "timezone", "'" + tz + "'");
        return replaceSetting(conf, "log_timezone", "'" + tz + "'");
    }

    private static String replaceSetting(String conf, String name, String value) {
        Pattern p = Pattern.compile("(?m)^#?" + name + "\\s*=\\s*('[^']*'|\\S+)");
        Matcher m = p.matcher(conf);
        if (m.find()) {
            return conf.substring(0, m.start()) + name + " = " + value + conf.substring(m.end());
        }
        return conf + name + " = " + value + "\n";
    }

    private static void writeFile(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardCharsets.UTF_8);
        setMode(f, "rw-------");
    }

    private static void setMode(Path p, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
