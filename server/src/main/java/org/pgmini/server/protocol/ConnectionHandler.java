package org.pgmini.server.protocol;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.auth.ClientOrigin;
import org.pgmini.server.auth.OsUsers;
import org.pgmini.server.session.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Per-connection glue on the event loop. Before the StartupMessage it answers SSLRequest and
 * GSSENCRequest itself ('N') and serves CancelRequest; the StartupMessage creates the
 * {@link Backend} whose thread then receives every later message in order.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final ProtocolServer server;
    private Backend backend;
    private ScheduledFuture<?> startupTimeout;
    private boolean counted;

    ConnectionHandler(ProtocolServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!server.connectionOpened()) {
            // Far more connections than sessions allowed: refuse before any work, like the postmaster.
            writeFatalAndClose(ctx, SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
            return;
        }
        counted = true;
        if (server.logConnections()) {
            LOG.info("connection received: {}", describe(ctx.channel()));
        }
        // A connection that never completes its startup packet is dropped (authentication_timeout).
        startupTimeout = ctx.executor().schedule(() -> {
            if (backend == null) {
                ctx.close();
            }
        }, server.authenticationTimeoutSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendMessage m = (FrontendMessage) msg;
        if (backend != null) {
            backend.enqueue(m);
            return;
        }
        if (m instanceof FrontendMessage.SslRequest || m instanceof FrontendMessage.GssEncRequest) {
            ByteBuf b = ctx.alloc().ioBuffer(1);
            b.writeByte(BackendMessages.ENCRYPTION_REFUSED);
            ctx.writeAndFlush(b);
        } else if (m instanceof FrontendMessage.CancelRequest c) {
            server.cancel(c.processId(), c.secretKey());
            ctx.close();
        } else if (m instanceof FrontendMessage.Startup s) {
            cancelStartupTimeout();
            backend = server.newBackend(ctx.channel(), origin(ctx.channel()), s);
            backend.start();
        } else if (m instanceof FrontendMessage.FramingError f) {
            writeFatalAndClose(ctx, SqlState.PROTOCOL_VIOLATION, f.message());
        } else {
            ctx.close();
        }
    }

    private static String describe(Channel ch) {
        if (ch.remoteAddress() instanceof InetSocketAddress a) {
            return "host=" + a.getAddress().getHostAddress() + " port=" + a.getPort();
        }
        return "host=[local]";
    }

    /** A TCP peer's address, or for a Unix-domain socket the peer process's OS user (for peer authentication). */
    private static ClientOrigin origin(Channel ch) {
        if (ch instanceof EpollDomainSocketChannel unix) {
            return ClientOrigin.unixSocket(() -> {
                try {
                    return OsUsers.nameOf(unix.peerCredentials().uid());
                } catch (java.io.IOException e) {
                    return null;
                }
            });
        }
        InetSocketAddress peer = (InetSocketAddress) ch.remoteAddress();
        return ClientOrigin.tcp(peer.getAddress(), peer.getPort());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelStartupTimeout();
        if (counted) {
            counted = false;
            server.connectionClosed();
        }
        if (backend != null) {
            backend.enqueue(FrontendMessage.CONNECTION_CLOSED);
            backend.writabilityChanged();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Typically "connection reset by peer"; the session learns of it through channelInactive.
        LOG.debug("connection error", cause);
        ctx.close();
    }

    private void cancelStartupTimeout() {
        if (startupTimeout != null) {
            startupTimeout.cancel(false);
            startupTimeout = null;
        }
    }

    private static void writeFatalAndClose(ChannelHandlerContext ctx, String sqlState, String message) {
        ByteBuf b = ctx.alloc().ioBuffer(128);
        BackendMessages.errorResponse(b, new PgException("FATAL", sqlState, message, null, null, 0, null, null));
        ctx.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
    }
}
