package org.pgmini.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RealPostmaster} (default settings) for all tests of a class: started before the
 * first, closed after the last, also when a test failed. Use as
 * {@code @RegisterExtension static final SharedPostmaster server = new SharedPostmaster();}.
 */
public final class SharedPostmaster implements BeforeAllCallback, AfterAllCallback {
    private RealPostmaster postmaster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postmaster = new RealPostmaster();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (postmaster != null) {
            postmaster.close();
            postmaster = null;
        }
    }

    /** A pgjdbc connection as {@value RealPostmaster#USER} to database postgres. */
    public Connection connect() throws SQLException {
        return connect("");
    }

    /** As {@link #connect()}, with extra URL parameters ("a=b&c=d"). */
    public Connection connect(String urlParameters) throws SQLException {
        return DriverManager.getConnection(postmaster.jdbcUrl(urlParameters));
    }

    public RealPostmaster postmaster() {
        return postmaster;
    }
}
