package org.pgmini.sqltests.regress;

/** A server somebody else started (a developer's server, or one a script manages). */
public final class ExistingServer implements TestServer {

    private final ConnectionTarget target;

    public ExistingServer(ConnectionTarget target) {
        this.target = target;
    }

    @Override
    public ConnectionTarget target() {
        return target;
    }

    @Override
    public String describe() {
        return "existing server on " + target.host() + ":" + target.port();
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
