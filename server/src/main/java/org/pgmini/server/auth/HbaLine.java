package org.pgmini.server.auth;

import java.util.List;
import java.util.Map;

/**
 * One rule of pg_hba.conf.
 *
 * @param lineNumber 1-based line of the file where the rule starts
 * @param type       connection type
 * @param databases  database tokens (keywords all, sameuser, samerole, samegroup, replication, or names)
 * @param users      user tokens (all, +group, or names)
 * @param address    the client address condition; null for {@code local}
 * @param method     the authentication method
 * @param options    name=value options after the method
 */
public record HbaLine(int lineNumber, ConnectionType type, List<HbaToken> databases, List<HbaToken> users,
                     HbaAddress address, AuthMethod method, Map<String, String> options) {
}
