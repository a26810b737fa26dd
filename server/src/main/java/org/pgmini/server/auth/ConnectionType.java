package org.pgmini.server.auth;

/** The first field of a pg_hba.conf line. */
public enum ConnectionType {
    LOCAL("local"), HOST("host"), HOSTSSL("hostssl"), HOSTNOSSL("hostnossl"), HOSTGSSENC("hostgssenc"),
    HOSTNOGSSENC("hostnogssenc");

    private final String keyword;

    ConnectionType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    static ConnectionType byKeyword(String word) {
        for (ConnectionType t : values()) {
            if (t.keyword.equals(word)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Whether a line of this type can match a plain TCP connection (no TLS, no GSS encryption),
     * the only kind pgmini accepts so far.
     */
    boolean matchesPlainTcp() {
        return this == HOST || this == HOSTNOSSL || this == HOSTNOGSSENC;
    }
}
