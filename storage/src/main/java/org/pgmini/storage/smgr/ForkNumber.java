package org.pgmini.storage.smgr;

/** The forks of a relation, as PostgreSQL names their files ({@code 16384}, {@code 16384_fsm}, ...). */
public enum ForkNumber {
    MAIN(""),
    FSM("_fsm"),
    VISIBILITY_MAP("_vm");

    private final String fileSuffix;

    ForkNumber(String fileSuffix) { this.fileSuffix = fileSuffix; }

    public String fileSuffix() { return fileSuffix; }
}
