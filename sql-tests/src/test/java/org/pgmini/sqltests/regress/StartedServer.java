package org.pgmini.sqltests.regress;

/**
 * A server this run started, and so must stop: once, by {@link #close()} or, if the test JVM is
 * stopped first (Ctrl-C, surefire timeout), by a shutdown hook, so the server never outlives it.
 */
abstract class StartedServer implements TestServer {
    private final Thread shutdownHook;
    /** Set by the first stop; guarded by this. */
    private boolean closed;

    StartedServer(String hookThreadName) {
        this.shutdownHook = new Thread(this::stopOnce, hookThreadName);
    }

    /** Registers the shutdown hook, then runs {@code start}; if that fails, stops what it started and rethrows. */
    final void launch(Runnable start) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            start.run();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops the server and cleans up after it. Runs at most once; must not throw. */
    abstract void stop();

    @Override
    public final synchronized void close() {
        stopOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private synchronized void stopOnce() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
    }
}
