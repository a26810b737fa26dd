package org.pgmini.server.protocol;

import java.util.Map;

import org.pgmini.error.PgException;

/**
 * A message from the client, decoded by {@link FrontendDecoder} on the connection's thread.
 * Everything here is plain Java data (no Netty buffers): the connection's input buffer can be
 * compacted and reused at once, and the session never deals with reference counts.
 */
public sealed interface FrontendMessage {

    /**
     * The protocol type byte a decoded message arrived with, for PostgreSQL's "unexpected /
     * invalid message type" texts; 0 for messages that are not typed frontend messages here
     * (startup packets, connection events) or that no such error can name.
     */
    static int typeByte(FrontendMessage m) {
        if (m instanceof Query) {
            return 'Q';
        } else if (m instanceof Parse) {
            return 'P';
        } else if (m instanceof Bind) {
            return 'B';
        } else if (m instanceof Describe) {
            return 'D';
        } else if (m instanceof Execute) {
            return 'E';
        } else if (m instanceof Close) {
            return 'C';
        } else if (m instanceof Sync) {
            return 'S';
        } else if (m instanceof Flush) {
            return 'H';
        } else if (m instanceof FunctionCall) {
            return 'F';
        } else if (m instanceof Password) {
            return 'p';
        } else if (m instanceof Malformed bad) {
            return bad.type();
        }
        return 0;
    }

    /** SSLRequest: answered 'N' (no TLS yet). */
    record SslRequest() implements FrontendMessage {
    }

    /** GSSENCRequest: answered 'N'. */
    record GssEncRequest() implements FrontendMessage {
    }

    /** CancelRequest: the only message on its connection. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {
    }

    /** StartupMessage; {@code parameters} keeps the client's order. */
    record Startup(int majorVersion, int minorVersion, Map<String, String> parameters) implements FrontendMessage {
    }

    record Query(String sql) implements FrontendMessage {
    }

    record Parse(String statementName, String sql, int[] parameterTypeOids) implements FrontendMessage {
    }

    /** Bind; a null entry of {@code parameterValues} is SQL NULL. */
    record Bind(String portalName, String statementName, short[] parameterFormats, byte[][] parameterValues,
                short[] resultFormats) implements FrontendMessage {
    }

    /** Describe; {@code target} is 'S' (statement) or 'P' (portal). */
    record Describe(byte target, String name) implements FrontendMessage {
    }

    /** Execute; {@code maxRows} 0 means no limit. */
    record Execute(String portalName, int maxRows) implements FrontendMessage {
    }

    /** Close; {@code target} is 'S' or 'P'. */
    record Close(byte target, String name) implements FrontendMessage {
    }

    record Sync() implements FrontendMessage {
    }

    record Flush() implements FrontendMessage {
    }

    record Terminate() implements FrontendMessage {
    }

    /** FunctionCall ('F'): the fast-path interface. */
    record FunctionCall() implements FrontendMessage {
    }

    /** CopyData: a piece of COPY FROM STDIN's data stream (ignored outside COPY, as PostgreSQL does). */
    record CopyData(byte[] data) implements FrontendMessage {
    }

    /** CopyDone: the end of COPY FROM STDIN's data (ignored outside COPY). */
    record CopyDone() implements FrontendMessage {
    }

    /** CopyFail: the client aborts COPY FROM STDIN with this message (ignored outside COPY). */
    record CopyFail(String message) implements FrontendMessage {
    }

    /** PasswordMessage (also SASL responses). */
    record Password(byte[] data) implements FrontendMessage {
    }

    /**
     * A correctly framed message whose fields are malformed (a missing string terminator, too
     * few bytes, bytes left over, invalid UTF-8). Like PostgreSQL this is an ordinary ERROR in
     * the message's context; the stream stays in sync, so the connection stays open.
     */
    record Malformed(byte type, PgException error) implements FrontendMessage {
        /** Whether the message belongs to the extended query protocol (an error there skips to Sync). */
        public boolean extendedProtocol() {
            return FrontendDecoder.isExtendedProtocolType(type);
        }
    }

    /**
     * The byte stream itself is broken (bad length, unknown type): nothing after it can be
     * trusted, so the session reports FATAL 08P01 and closes the connection.
     */
    record FramingError(String message) implements FrontendMessage {
    }

    /** Synthesized when the client's connection is gone. */
    record ConnectionClosed() implements FrontendMessage {
    }

    /** Synthesized after {@link ClientConnection#wakeup()} (shutdown, pg_terminate_backend): an idle session wakes so it can end. */
    record Wakeup() implements FrontendMessage {
    }

    Sync SYNC = new Sync();
    Flush FLUSH = new Flush();
    Terminate TERMINATE = new Terminate();
    CopyDone COPY_DONE = new CopyDone();
    ConnectionClosed CONNECTION_CLOSED = new ConnectionClosed();
    Wakeup WAKEUP = new Wakeup();
}
