package org.pgmini.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pgmini.sqltests.regress.Command;
import org.pgmini.sqltests.regress.ConnectionTarget;
import org.pgmini.sqltests.regress.PgminiServer;

/**
 * PostgreSQL's own pgbench against a temporary pgmini: {@code pgbench -i -s 1} (DROP/CREATE
 * TABLE ... WITH (fillfactor), TRUNCATE, INSERTs and COPY FROM STDIN of 100,000 rows in one
 * transaction, VACUUM ANALYZE, ALTER TABLE ADD PRIMARY KEY), then a TPC-B-like run of 2 clients
 * for 5 seconds, which must finish with transactions done and none failed, and leave the
 * balances consistent (every delta of pgbench_history applied to accounts, tellers and
 * branches). pgbench missing: the test fails under CI=true and is skipped otherwise.
 */
class PgbenchTest {
    private static String pgbench() {
        for (String dir : new String[] {"/usr/lib/postgresql/15/bin", "/usr/bin"}) {
            Path p = Path.of(dir, "pgbench");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    @Test
    void initializeAndRunTpcb() throws Exception {
        String pgbench = pgbench();
        if (pgbench == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("pgbench (postgresql-client-15) is required under CI=true");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "pgbench is not installed");
        }
        Path suite = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path work = suite.resolve("target/pgbench");
        if (Files.exists(work)) {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        try (PgminiServer server = PgminiServer.start(suite.getParent(), work, "postgres")) {
            ConnectionTarget t = server.target();
            Map<String, String> env = Map.of("PGHOST", t.host(), "PGPORT", String.valueOf(t.port()), "PGUSER", t.user(),
                    "PGDATABASE", t.database());
            Command.Outcome init = Command.of(pgbench, "-i", "-s", "1").environment(env).run(Duration.ofSeconds(180));
            assertTrue(init.succeeded(), "pgbench -i failed:\n" + init.output());
            assertTrue(init.output().contains("creating primary keys..."), init.output());
            Command.Outcome run = Command.of(pgbench, "-c", "2", "-T", "5").environment(env).run(Duration.ofSeconds(120));
            assertTrue(run.succeeded(), "pgbench run failed:\n" + run.output());
            Matcher done = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(run.output());
            assertTrue(done.find(), run.output());
            long transactions = Long.parseLong(done.group(1));
            assertTrue(transactions > 0, run.output());
            assertTrue(run.output().contains("number of failed transactions: 0 (0.000%)"), run.output());
            // the run's effects are consistent: history rows = transactions, deltas applied everywhere
            Command.Outcome check = Command.of("psql", "-X", "-A", "-t", "-c",
                    "SELECT (SELECT count(*) FROM pgbench_history), (SELECT sum(delta) FROM pgbench_history), "
                    + "(SELECT sum(abalance) FROM pgbench_accounts), (SELECT sum(tbalance) FROM pgbench_tellers), "
                    + "(SELECT sum(bbalance) FROM pgbench_branches), (SELECT count(*) FROM pgbench_accounts)")
                    .environment(env).run(Duration.ofSeconds(60));
            assertTrue(check.succeeded(), check.output());
            String[] v = check.output().trim().split("\\|");
            assertEquals(String.valueOf(transactions), v[0], check.output());
            assertEquals(v[1], v[2], "accounts: " + check.output());
            assertEquals(v[1], v[3], "tellers: " + check.output());
            assertEquals(v[1], v[4], "branches: " + check.output());
            assertEquals("100000", v[5], check.output());
        }
    }
}
