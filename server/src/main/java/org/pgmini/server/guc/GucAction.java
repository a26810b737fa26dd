package org.pgmini.server.guc;

/** How a SET applies: for the session (SET) or until the end of the transaction (SET LOCAL). */
public enum GucAction {
    SET,
    LOCAL
}
