package org.pgmini.sqltests.regress;

/** The server for the run could not be started; the message carries its output and log. */
public final class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message) {
        super(message);
    }
}
