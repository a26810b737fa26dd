package org.pgmini.server.auth;

/** The authentication methods pg_hba.conf may name (PostgreSQL 15's list). */
public enum AuthMethod {
    TRUST("trust"), REJECT("reject"), MD5("md5"), PASSWORD("password"), SCRAM_SHA_256("scram-sha-256"),
    GSS("gss"), SSPI("sspi"), IDENT("ident"), PEER("peer"), LDAP("ldap"), RADIUS("radius"), CERT("cert"),
    PAM("pam"), BSD("bsd");

    private final String keyword;

    AuthMethod(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    static AuthMethod byKeyword(String word) {
        for (AuthMethod m : values()) {
            if (m.keyword.equals(word)) {
                return m;
            }
        }
        return null;
    }
}
