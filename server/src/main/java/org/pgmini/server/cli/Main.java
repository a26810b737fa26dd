package org.pgmini.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.pgmini.server.postmaster.InitDb;
import org.pgmini.server.postmaster.PgminiHome;
import org.pgmini.server.postmaster.Postmaster;

/**
 * Entry point of the server jar. {@code bin/pgmini} runs {@code initdb} and {@code postmaster}
 * through it (the script itself does the daemonizing, waiting, {@code stop} and {@code status},
 * as pg_ctl does around PostgreSQL's binaries):
 * <pre>
 *   initdb -D DIR [-U USER] [--auth=METHOD] [--auth-local=M] [--auth-host=M] [--pwfile=F] [--waldir=DIR]
 *   postmaster -D DIR [-p PORT] [-c name=value]... [--name=value]...
 *   version
 *   cds-training     (used by bin/pgmini to build the class data sharing archive)
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] argv) {
        if (argv.length == 0) {
            System.err.println("usage: pgmini-server {initdb|postmaster|waldump|version} [options]");
            return 2;
        }
        List<String> args = Arrays.asList(argv).subList(1, argv.length);
        switch (argv[0]) {
            case "initdb":
                return initdb(args);
            case "postmaster":
                return postmaster(args);
            case "waldump":
                return waldump(argv);
            case "cds-training":
                return CdsTraining.run();
            case "version":
            case "--version":
                System.out.println("pgmini " + Postmaster.VERSION + " (PostgreSQL 15.18 compatible)");
                return 0;
            default:
                System.err.println("pgmini-server: unknown command \"" + argv[0] + "\"");
                return 2;
        }
    }

    /** pg_waldump over our WAL format: the record names and descriptions of storage's resource managers. */
    private static int waldump(String[] argv) {
        org.pgmini.wal.recovery.ResourceManagerRegistry rmgrs = new org.pgmini.wal.recovery.ResourceManagerRegistry();
        org.pgmini.storage.walint.StorageResourceManagers.registerForDump(rmgrs);
        int rc = org.pgmini.wal.dump.WalDump.run(Arrays.copyOfRange(argv, 1, argv.length), rmgrs, System.out, System.err);
        System.out.flush();
        return rc;
    }

    private static int initdb(List<String> args) {
        try {
            InitDb.Options o = InitDb.parseArgs(args, System.getenv("PGDATA"));
            new InitDb(o, System.out, PgminiHome.conf()).run();
            return 0;
        } catch (InitDb.InitDbException e) {
            System.err.println("initdb: error: " + e.getMessage());
            String hint = hintOf(e);
            if (hint != null) {
                System.err.println("initdb: hint: " + hint);
            }
            return 1;
        } catch (IOException e) {
            System.err.println("initdb: error: " + e);
            return 1;
        }
    }

    private static String hintOf(InitDb.InitDbException e) {
        return e.hint();
    }

    private static int postmaster(List<String> args) {
        Path dataDir = null;
        List<Map.Entry<String, String>> settings = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            if (a.equals("-D") && next != null) {
                dataDir = Path.of(next);
                i++;
            } else if (a.startsWith("-D") && a.length() > 2) {
                dataDir = Path.of(a.substring(2));
            } else if (a.equals("-p") && next != null) {
                settings.add(new AbstractMap.SimpleEntry<>("port", next));
                i++;
            } else if (a.equals("-c") && next != null) {
                if (!addSetting(settings, next, "-c ")) {
                    return 1;
                }
                i++;
            } else if (a.startsWith("-c") && a.length() > 2) {
                if (!addSetting(settings, a.substring(2), "-c ")) {
                    return 1;
                }
            } else if (a.startsWith("--") && a.length() > 2) {
                if (!addSetting(settings, a.substring(2), "--")) {
                    return 1;
                }
            } else {
                System.err.println("pgmini postmaster: invalid argument: \"" + a + "\"");
                System.err.println("Try \"pgmini postmaster -D DIR [-p PORT] [-c name=value]...\".");
                return 1;
            }
        }
        if (dataDir == null) {
            String env = System.getenv("PGDATA");
            if (env == null || env.isEmpty()) {
                System.err.println("pgmini postmaster does not know where to find the database system data.");
                System.err.println("You must specify the -D invocation option or set the PGDATA environment variable.");
                return 2;
            }
            dataDir = Path.of(env);
        }
        Postmaster pm = new Postmaster(new Postmaster.Options(dataDir, settings, args));
        return pm.run();
    }

    /** Adds "name=value" (dashes in the name become underscores, as PostgreSQL's command line). */
    private static boolean addSetting(List<Map.Entry<String, String>> settings, String setting, String how) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            System.err.println("FATAL:  " + how + setting + " requires a value");
            return false;
        }
        settings.add(new AbstractMap.SimpleEntry<>(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1)));
        return true;
    }
}
