package org.pgmini.sqltests.regress;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment psql gets for a test, as PostgreSQL 15's pg_regress sets it up (read in its
 * {@code initialize_environment}): messages in English, time zone America/Los_Angeles,
 * DateStyle "Postgres, MDY", IntervalStyle postgres_verbose through PGOPTIONS, and
 * application_name {@code pg_regress/NAME}. Like pg_regress with {@code --no-locale
 * --encoding=UTF8}, locale variables are removed and the client encoding is fixed, so the
 * output does not depend on the machine's locale. Connection variables of the caller are
 * removed so that nothing but the command line decides where psql connects.
 *
 * <p>Keep in sync with {@code regress_environment} in {@code sql-tests/bin/pg15-lib.sh}: the
 * expected files are produced with that one.
 */
public final class RegressEnvironment {

    private static final List<String> REMOVED = List.of(
            "LANGUAGE", "LC_ALL", "LC_COLLATE", "LC_CTYPE", "LC_MONETARY", "LC_NUMERIC", "LC_TIME", "LANG",
            "PGDATABASE", "PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGSERVICE", "PGSERVICEFILE",
            "PGPASSWORD", "PGPASSFILE", "PGSSLMODE", "PGREQUIRESSL", "PGCONNECT_TIMEOUT", "PGDATA",
            "PGOPTIONS", "PGCHANNELBINDING", "PGGSSENCMODE", "PGTARGETSESSIONATTRS", "PGKRBSRVNAME",
            "PGREQUIREPEER", "PGCLIENTENCODING", "PGTZ", "PGDATESTYLE", "PGAPPNAME", "PSQLRC", "PSQL_PAGER",
            "PAGER");

    private RegressEnvironment() {
    }

    public static Map<String, String> forTest(Map<String, String> inherited, ConnectionTarget target,
                                              String testName) {
        Map<String, String> env = new HashMap<>(inherited);
        REMOVED.forEach(env::remove);
        env.put("LC_MESSAGES", "C");
        env.put("PGCLIENTENCODING", "UTF8");
        env.put("PGTZ", "America/Los_Angeles");
        env.put("PGDATESTYLE", "Postgres, MDY");
        env.put("PGOPTIONS", "-c intervalstyle=postgres_verbose");
        env.put("PGAPPNAME", "pg_regress/" + testName);
        env.put("PGUSER", target.user());
        return env;
    }
}
