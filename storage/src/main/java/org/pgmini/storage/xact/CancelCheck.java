package org.pgmini.storage.xact;

/**
 * Asked periodically while a backend waits for a lock: throws (normally 57014 "canceling
 * statement due to user request", or 57P01 at shutdown) to break the wait. The session passes
 * one that looks at its cancel flag.
 */
@FunctionalInterface
public interface CancelCheck {
    void check();

    CancelCheck NONE = () -> { };
}
