package org.pgmini.server.auth;

import java.net.InetAddress;
import java.util.function.Supplier;

/**
 * Where a connection comes from: a TCP peer address and port, or a Unix-domain socket (then
 * {@code address} is null, port -1 as pg_stat_activity shows it) whose peer's operating-system user name can be asked for (for
 * {@code peer} authentication; looked up only when a line needs it).
 */
public record ClientOrigin(InetAddress address, int port, Supplier<String> peerUser) {
    public static ClientOrigin tcp(InetAddress address) {
        return tcp(address, 0);
    }

    public static ClientOrigin tcp(InetAddress address, int port) {
        return new ClientOrigin(address, port, null);
    }

    public static ClientOrigin unixSocket(Supplier<String> peerUser) {
        return new ClientOrigin(null, -1, peerUser);
    }

    public boolean isLocal() {
        return address == null;
    }

    /** How PostgreSQL names the client in messages: the IP address, or {@code [local]}. */
    public String hostText() {
        return address == null ? "[local]" : address.getHostAddress();
    }
}
