package org.pgmini.server.postmaster;

import org.pgmini.server.ServerContext;

/**
 * Creates the {@link Listener} for a server start. Implementations are found with
 * {@link java.util.ServiceLoader} (file {@code META-INF/services/org.pgmini.server.postmaster.ListenerFactory});
 * without one, {@link ProtocolServerBinding} uses {@code org.pgmini.server.protocol.ProtocolServer}.
 */
public interface ListenerFactory {
    Listener create(ServerContext context);
}
