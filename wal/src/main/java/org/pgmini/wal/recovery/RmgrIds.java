package org.pgmini.wal.recovery;

/** Resource manager ids, numbered as PostgreSQL 15's rmgrlist.h so pg_waldump output reads the same. */
public final class RmgrIds {
    private RmgrIds() {}

    public static final int XLOG = 0;
    public static final int TRANSACTION = 1;
    public static final int STORAGE = 2;
    public static final int CLOG = 3;
    public static final int DATABASE = 4;
    public static final int TABLESPACE = 5;
    public static final int MULTIXACT = 6;
    public static final int RELMAP = 7;
    public static final int STANDBY = 8;
    public static final int HEAP2 = 9;
    public static final int HEAP = 10;
    public static final int BTREE = 11;
    public static final int SEQUENCE = 15;
}
