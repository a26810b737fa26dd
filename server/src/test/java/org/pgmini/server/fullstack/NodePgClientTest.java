package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pgmini.server.testing.RealPostmaster;

/**
 * A second real client from another ecosystem: Node's {@code pg} package (pinned version,
 * installed from npm into {@code target/node-pg} at the first run) runs
 * {@code src/test/resources/node/pg_client_test.js} against the whole server: the extended
 * protocol with parameters of several types, a named prepared statement, arrays, transactions,
 * errors with SQLSTATE and position. The same script passes against PostgreSQL 15. Without node
 * and npm the test is skipped, except under {@code CI=true} (where .ci/run installs them).
 */
class NodePgClientTest {
    /** The pg package version the script was written against. */
    private static final String PG_PACKAGE = "pg@8.23.1";

    private static boolean onPath(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(List<String> command, Path dir, java.util.Map<String, String> env, int timeoutSeconds)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish in " + timeoutSeconds + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + " failed:\n" + text);
        return text;
    }

    @Test
    void nodePgDrivesTheExtendedProtocol() throws Exception {
        boolean available = onPath("node") && onPath("npm");
        if (!available && "true".equals(System.getenv("CI"))) {
            fail("node and npm are required under CI=true (.ci/run installs them)");
        }
        Assumptions.assumeTrue(available, "node and npm are not installed");
        Path home = Path.of("target", "node-pg").toAbsolutePath();
        Files.createDirectories(home);
        if (!Files.isDirectory(home.resolve("node_modules").resolve("pg"))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", home.toString(), PG_PACKAGE), home,
                    java.util.Map.of(), 300);
        }
        Path script = home.resolve("pg_client_test.js");
        try (InputStream in = NodePgClientTest.class.getResourceAsStream("/node/pg_client_test.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        try (RealPostmaster server = new RealPostmaster()) {
            String out = run(List.of("node", script.toString()), home, java.util.Map.of(
                    "NODE_PATH", home.resolve("node_modules").toString(),
                    "PGHOST", "127.0.0.1",
                    "PGPORT", String.valueOf(server.port()),
                    "PGUSER", RealPostmaster.USER,
                    "PGDATABASE", "postgres"), 120);
            assertTrue(out.contains("OK "), out);
        }
    }
}
