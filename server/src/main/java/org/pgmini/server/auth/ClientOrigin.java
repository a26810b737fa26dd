package org.pgmini.server.auth;

import java.net.InetAddress;
import java.util.function.Supplier;

/**
 * Where a connection comes from: a TCP peer address, or a Unix-domain socket (then
 * {@code address} is null) whose peer's operating-system user name can be asked for (for
 * {@code peer} authentication; looked up only when a line needs it).
 */
public record ClientOrigin(InetAddress address, Supplier<String> peerUser) {
    public static ClientOrigin tcp(InetAddress address) {
        return new ClientOrigin(address, null);
    }

    public static ClientOrigin unixSocket(Supplier<String> peerUser) {
        return new ClientOrigin(null, peerUser);
    }

    public boolean isLocal() {
        return address == null;
    }

    /** How PostgreSQL names the client in messages: the IP address, or {@code [local]}. */
    public String hostText() {
        return address == null ? "[local]" : address.getHostAddress();
    }
}
