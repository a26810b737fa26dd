package org.pgmini.server;

/** pg_ctl's shutdown modes, each tied to the signal PostgreSQL's postmaster reacts to. */
public enum ShutdownMode {
    /** SIGTERM: refuse new connections, wait for sessions to end by themselves. */
    SMART,
    /** SIGINT: terminate sessions (57P01), then shut down cleanly. */
    FAST,
    /** SIGQUIT: stop at once, without a clean shutdown (the next start recovers). */
    IMMEDIATE
}
