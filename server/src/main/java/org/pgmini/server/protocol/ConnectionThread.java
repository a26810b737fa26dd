package org.pgmini.server.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.auth.ClientOrigin;
import org.pgmini.server.session.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The thread of one accepted connection (PostgreSQL forks a backend per connection; this is
 * that process's thread). First the startup-packet phase: SSLRequest and GSSENCRequest are
 * answered 'N', a CancelRequest is served and the connection closed, and a connection that does
 * not complete a StartupMessage within authentication_timeout is dropped. The StartupMessage
 * makes the {@link Backend}, which then runs on this same thread and owns the socket until the
 * session ends.
 */
final class ConnectionThread implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionThread.class);

    private final ProtocolServer server;
    private final SocketChannel socket;

    ConnectionThread(ProtocolServer server, SocketChannel socket) {
        this.server = server;
        this.socket = socket;
    }

    @Override
    public void run() {
        ClientConnection connection;
        try {
            connection = new ClientConnection(socket);
        } catch (IOException e) {
            LOG.debug("could not set up a connection", e);
            closeQuietly(socket);
            server.connectionClosed();
            return;
        }
        try {
            Backend backend = startupPhase(connection);
            if (backend != null) {
                backend.run(); // closes the connection at its end
                return;
            }
        } catch (RuntimeException e) {
            LOG.debug("connection failed before startup", e);
        } finally {
            server.connectionClosed();
        }
        connection.close();
    }

    /** Reads startup packets until a StartupMessage arrives (its Backend) or the connection is done (null). */
    private Backend startupPhase(ClientConnection connection) {
        if (server.logConnections()) {
            LOG.info("connection received: {}", describe(socket));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(server.authenticationTimeoutSeconds());
        while (true) {
            FrontendMessage m = connection.read(deadline);
            if (m == null || m instanceof FrontendMessage.ConnectionClosed || m instanceof FrontendMessage.Wakeup) {
                return null; // authentication_timeout before a startup packet, or the client left
            }
            if (m instanceof FrontendMessage.SslRequest || m instanceof FrontendMessage.GssEncRequest) {
                ByteBuf b = Unpooled.buffer(1);
                b.writeByte(BackendMessages.ENCRYPTION_REFUSED);
                connection.write(b, () -> { }, true);
            } else if (m instanceof FrontendMessage.CancelRequest c) {
                server.cancel(c.processId(), c.secretKey());
                return null;
            } else if (m instanceof FrontendMessage.Startup s) {
                return server.newBackend(connection, origin(socket), s);
            } else if (m instanceof FrontendMessage.FramingError f) {
                ByteBuf b = Unpooled.buffer(128);
                BackendMessages.errorResponse(b, new PgException("FATAL", SqlState.PROTOCOL_VIOLATION, f.message(),
                        null, null, 0, null, null));
                connection.write(b, () -> { }, false);
                return null;
            } else {
                return null;
            }
        }
    }

    private static String describe(SocketChannel ch) {
        SocketAddress remote = remote(ch);
        if (remote instanceof InetSocketAddress a) {
            return "host=" + a.getAddress().getHostAddress() + " port=" + a.getPort();
        }
        return "host=[local]";
    }

    private static SocketAddress remote(SocketChannel ch) {
        try {
            return ch.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** A TCP peer's address, or for a Unix-domain socket the peer process's OS user (for peer authentication). */
    private static ClientOrigin origin(SocketChannel ch) {
        SocketAddress remote = remote(ch);
        if (remote instanceof InetSocketAddress peer) {
            return ClientOrigin.tcp(peer.getAddress(), peer.getPort());
        }
        return ClientOrigin.unixSocket(() -> {
            try {
                return ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        });
    }

    /** Refuses a connection at once (the accepting thread, before any thread is made for it). */
    static void refuse(SocketChannel ch, String sqlState, String message) {
        try {
            ByteBuf b = Unpooled.buffer(128);
            BackendMessages.errorResponse(b, new PgException("FATAL", sqlState, message, null, null, 0, null, null));
            ch.write(b.nioBuffer()); // a fresh socket's buffer takes these few bytes at once
        } catch (IOException | RuntimeException ignored) {
            // the client is gone already
        } finally {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
