package org.pgmini.storage.xact;

/**
 * How a backend waits for a lock: deadlock_timeout and lock_timeout (0 = forever) in
 * milliseconds, and the check that lets a cancel request break the wait.
 */
public record WaitOptions(long deadlockTimeoutMillis, long lockTimeoutMillis, CancelCheck cancel) {
    public static WaitOptions defaults() { return new WaitOptions(1000, 0, CancelCheck.NONE); }
}
