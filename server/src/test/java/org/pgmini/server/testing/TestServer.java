package org.pgmini.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.pgmini.executor.api.SqlEngine;
import org.pgmini.server.ServerContext;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.guc.ConfigView;
import org.pgmini.server.guc.SessionSettings;
import org.pgmini.server.protocol.ProtocolServer;

/**
 * A ProtocolServer on 127.0.0.1 with a free port, a temporary data directory holding a trusting
 * pg_hba.conf, the {@link TinyEngine} and {@link TestSessionSettings}. Closing it shuts the
 * server down immediately and deletes the directory.
 */
public final class TestServer implements AutoCloseable, ServerContext {
    public static final String TRUST_LOCALHOST = "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n";

    private final Path dataDirectory;
    private final MapConfig config = new MapConfig();
    private final SqlEngine engine;
    private ProtocolServer server;

    public TestServer() {
        this(new TinyEngine(), TRUST_LOCALHOST, 20);
    }

    public TestServer(SqlEngine engine, String hba, int maxConnections) {
        try {
            dataDirectory = Files.createTempDirectory("pgmini-proto-test");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.engine = engine;
        config.set("listen_addresses", "127.0.0.1").set("port", "0")
                .set("max_connections", Integer.toString(maxConnections)).set("hba_file", "")
                .set("authentication_timeout", "60");
    }

    public MapConfig mapConfig() {
        return config;
    }

    public TestServer start() {
        server = new ProtocolServer(this);
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    public ProtocolServer server() {
        return server;
    }

    public PgWireClient connect() throws IOException {
        return PgWireClient.connect(port());
    }

    /** Connects and completes the startup as user "tester" to database postgres. */
    public PgWireClient session() throws IOException {
        PgWireClient c = connect();
        c.startup(Map.of("user", "tester", "database", "postgres"));
        c.readUntilReady();
        return c;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=tester";
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public SqlEngine sqlEngine() {
        return engine;
    }

    @Override
    public ConfigView config() {
        return config;
    }

    @Override
    public SessionSettings newSessionSettings(String user, Map<String, String> startupParameters) {
        TestSessionSettings s = new TestSessionSettings(user);
        s.applyStartup(startupParameters);
        return s;
    }

    @Override
    public boolean reloadConfiguration() {
        return false;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.shutdown(ShutdownMode.IMMEDIATE);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
