package org.pgmini.server.auth;

/**
 * One comma-separated item of a pg_hba.conf field. A quoted token never has a keyword's
 * meaning: {@code "all"} names a database called all.
 */
record HbaToken(String text, boolean quoted) {
    boolean isKeyword(String keyword) {
        return !quoted && text.equals(keyword);
    }
}
