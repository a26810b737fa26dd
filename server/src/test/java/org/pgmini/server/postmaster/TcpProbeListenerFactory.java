package org.pgmini.server.postmaster;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.pgmini.error.PgException;
import org.pgmini.server.ServerContext;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.guc.IdentifierLists;

/**
 * Test-only listener (registered through META-INF/services in test resources, put on the class
 * path by the integration test): binds listen_addresses:port like the protocol server will,
 * accepts TCP connections and closes them. It lets the postmaster's start, readiness, bind
 * failure and shutdown be tested before the protocol server is merged.
 */
public final class TcpProbeListenerFactory implements ListenerFactory {
    @Override
    public Listener create(ServerContext context) {
        return new Listener() {
            private final List<ServerSocket> sockets = new ArrayList<>();

            @Override
            public void start() {
                int port = context.config().getInt("port");
                List<String> hosts = IdentifierLists.split(context.config().getString("listen_addresses"));
                for (String host : hosts) {
                    InetAddress[] addrs;
                    try {
                        addrs = host.equals("*") ? new InetAddress[] {InetAddress.getByName("0.0.0.0")}
                                : InetAddress.getAllByName(host);
                    } catch (IOException e) {
                        throw new PgException("F0000", "could not translate host name \"" + host + "\": " + e.getMessage());
                    }
                    for (InetAddress a : addrs) {
                        String family = a instanceof Inet6Address ? "IPv6" : "IPv4";
                        ServerSocket ss;
                        try {
                            ss = new ServerSocket();
                            ss.bind(new InetSocketAddress(a, port));
                        } catch (BindException e) {
                            close();
                            throw PgException.withHint("58000", "could not bind " + family + " address \""
                                    + a.getHostAddress() + "\": Address already in use",
                                    "Is another postmaster already running on port " + port
                                            + "? If not, wait a few seconds and retry.");
                        } catch (IOException e) {
                            continue; // e.g. no IPv6 on this machine
                        }
                        sockets.add(ss);
                        ServerLog.log("listening on " + family + " address \"" + a.getHostAddress() + "\", port " + port);
                        Thread t = new Thread(() -> accept(ss), "probe-accept");
                        t.setDaemon(true);
                        t.start();
                    }
                }
            }

            private void accept(ServerSocket ss) {
                while (!ss.isClosed()) {
                    try (Socket s = ss.accept()) {
                        s.getOutputStream().write('N');
                    } catch (IOException e) {
                        return;
                    }
                }
            }

            private void close() {
                for (ServerSocket s : sockets) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }

            @Override
            public void shutdown(ShutdownMode mode) {
                close();
            }
        };
    }
}
