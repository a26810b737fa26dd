package org.pgmini.sqltests.regress;

/**
 * A server the suite runs against. Closing it stops whatever was started for the run; a
 * server that was already running is left alone.
 */
public interface TestServer extends AutoCloseable {

    ConnectionTarget target();

    /** One line for the report, e.g. "pgmini on 127.0.0.1:40123". */
    String describe();

    /** Stops the server if this object started it. Never throws. */
    @Override
    void close();
}
