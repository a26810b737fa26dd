package org.pgmini.wal.record;

/** A relation fork, numbered and named as in PostgreSQL. */
public enum ForkNumber {
    MAIN("main"), FSM("fsm"), VM("vm"), INIT("init");

    private final String forkName;

    ForkNumber(String forkName) { this.forkName = forkName; }

    public String forkName() { return forkName; }

    public static ForkNumber of(int n) {
        ForkNumber[] all = values();
        if (n < 0 || n >= all.length) throw new IllegalArgumentException("invalid fork number " + n);
        return all[n];
    }
}
