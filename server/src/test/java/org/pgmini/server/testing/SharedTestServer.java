package org.pgmini.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pgmini.server.protocol.ProtocolServer;

/**
 * One {@link TestServer} for all tests of a class: started before the first, closed (server shut
 * down, directory deleted) after the last, also when a test failed. Use as
 * {@code @RegisterExtension static final SharedTestServer server = new SharedTestServer();}.
 */
public final class SharedTestServer implements BeforeAllCallback, AfterAllCallback {
    private TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new TestServer().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** See {@link TestServer#connect()}. */
    public PgWireClient connect() throws IOException {
        return server.connect();
    }

    /** See {@link TestServer#session()}. */
    public PgWireClient session() throws IOException {
        return server.session();
    }

    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    public ProtocolServer server() {
        return server.server();
    }

    public Path dataDirectory() {
        return server.dataDirectory();
    }
}
