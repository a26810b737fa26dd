package org.pgmini.server.guc;

/**
 * One parameter's state in one {@link GucTable}: the current value, the value RESET returns to,
 * and the stack of values saved by SET / SET LOCAL inside (sub)transactions. Not thread-safe:
 * a table belongs to one session or to the postmaster.
 */
final class GucVariable {
    /** What a transaction level did to the variable, as PostgreSQL's GucStackState. */
    enum StackState { SET, LOCAL, SET_LOCAL }

    /**
     * A saved state for one nest level. {@code prior} is the value before the level touched the
     * variable (restored on abort); {@code masked} is, for SET_LOCAL, the SET value that the SET
     * LOCAL hides and that commit restores.
     */
    static final class StackEntry {
        StackEntry prev;
        int nestLevel;
        StackState state;
        GucValue prior;
        GucValue masked;
    }

    final GucDefinition def;
    GucValue current;
    GucValue reset;
    StackEntry stack;
    /** A changed postmaster-context value waits for a restart (pg_settings.pending_restart). */
    boolean pendingRestart;

    GucVariable(GucDefinition def) {
        this.def = def;
        this.current = GucValue.of(def.bootValue(), GucSource.DEFAULT);
        this.reset = current;
    }

    GucVariable copyWithoutStack() {
        GucVariable v = new GucVariable(def);
        v.current = current;
        v.reset = reset;
        v.pendingRestart = pendingRestart;
        return v;
    }

    String show() {
        return def.show(current.value());
    }
}
