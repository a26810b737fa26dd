package org.pgmini.server.auth;

/** The session's side of an authentication conversation, provided by the backend. */
public interface AuthExchange {
    /** Sends an Authentication message ('R') with this request code and payload, and flushes it. */
    void request(int code, byte[] payload);

    /**
     * The body of the client's next PasswordMessage (also SASLInitialResponse and SASLResponse).
     * Anything else, or authentication_timeout passing, ends the connection with a FATAL error.
     */
    byte[] response();
}
