package org.pgmini.sqltests.regress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The runner's settings, from system properties (Maven passes {@code -Dname=value} through to
 * the test JVM):
 * <ul>
 * <li>{@code regress.target}: {@code pgmini} (default: a temporary server from bin/pgmini) or
 *     {@code pg15} (a temporary PostgreSQL 15 cluster: checks the runner and the suite itself);</li>
 * <li>{@code regress.port} (and {@code regress.host}, default 127.0.0.1): use a server that is
 *     already running there instead of starting one;</li>
 * <li>{@code regress.user}, {@code regress.database}: default {@code postgres};</li>
 * <li>{@code regress.tests}: comma-separated test names to run instead of the schedule;</li>
 * <li>{@code regress.psql}: the psql program (default {@code psql} on PATH);</li>
 * <li>{@code regress.timeout}: seconds one test file may take (default 120).</li>
 * </ul>
 * {@code regress.suiteDir} and {@code regress.repoRoot} are set by the module's pom.
 */
public record RegressionConfig(Path suiteDir, Path repoRoot, Path outputDir, String target,
                               Optional<ConnectionTarget> existing, String user, List<String> onlyTests,
                               String psql, Duration timeout) {

    public static RegressionConfig fromSystemProperties() {
        Path suiteDir = Path.of(System.getProperty("regress.suiteDir", System.getProperty("user.dir")))
                .toAbsolutePath().normalize();
        Path repoRoot = Path.of(System.getProperty("regress.repoRoot", suiteDir.getParent().toString()))
                .toAbsolutePath().normalize();
        Path outputDir = Path.of(System.getProperty("regress.outputDir", suiteDir.resolve("target/regress").toString()));
        String user = System.getProperty("regress.user", "postgres");
        String database = System.getProperty("regress.database", "postgres");
        Optional<ConnectionTarget> existing = Optional.ofNullable(blankToNull(System.getProperty("regress.port")))
                .map(port -> new ConnectionTarget(System.getProperty("regress.host", "127.0.0.1"),
                        Integer.parseInt(port), user, database));
        List<String> only = Optional.ofNullable(blankToNull(System.getProperty("regress.tests")))
                .map(list -> Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        String target = System.getProperty("regress.target", "pgmini");
        if (!target.equals("pgmini") && !target.equals("pg15")) {
            throw new IllegalArgumentException("regress.target must be pgmini or pg15, not " + target);
        }
        return new RegressionConfig(suiteDir, repoRoot, outputDir, target, existing, user, only,
                System.getProperty("regress.psql", "psql"),
                Duration.ofSeconds(Long.parseLong(System.getProperty("regress.timeout", "120"))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public Schedule schedule() throws java.io.IOException {
        return onlyTests.isEmpty() ? Schedule.read(suiteDir.resolve("schedule")) : Schedule.of(onlyTests);
    }

    /** Starts (or attaches to) the server this configuration names. */
    public TestServer startServer() throws java.io.IOException {
        if (existing.isPresent()) {
            return new ExistingServer(existing.get());
        }
        if (target.equals("pg15")) {
            return Postgres15Server.start(Files.createTempDirectory("pgmini-regress-pg15"));
        }
        Path work = outputDir.resolve("pgmini");
        deleteRecursively(work);
        return PgminiServer.start(repoRoot, work, user);
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
