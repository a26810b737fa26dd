package org.pgmini.storage.walint;

import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.walhook.PageChangeRecord.Kind;
import org.pgmini.wal.recovery.RmgrIds;

/**
 * Resource manager ids and info codes of storage's WAL records, numbered as PostgreSQL 15's
 * (heapam_xlog.h, storage_xlog.h, xact.h), and the conversions between storage's relation
 * identifiers and wal's. Two codes are ours, marked below: PostgreSQL has no record for them.
 */
public final class WalIds {
    private WalIds() {}

    /** pg_default's OID: the only tablespace pgmini has, so every record names it. */
    public static final int DEFAULT_TABLESPACE = 1663;

    // Heap (rmgr 10)
    public static final int HEAP_INSERT = 0x00, HEAP_DELETE = 0x10, HEAP_UPDATE = 0x20, HEAP_LOCK = 0x60;
    // Heap2 (rmgr 9)
    public static final int HEAP2_VACUUM = 0x20, HEAP2_MULTI_INSERT = 0x50;
    /** Ours: a heap page formatted empty (PostgreSQL folds this into INSERT+INIT or an XLOG FPI). */
    public static final int HEAP2_NEW_PAGE = 0x80;
    // Btree (rmgr 11)
    public static final int BTREE_INSERT_LEAF = 0x00, BTREE_INSERT_UPPER = 0x10, BTREE_SPLIT_L = 0x30,
            BTREE_NEWROOT = 0xA0, BTREE_VACUUM = 0xC0;
    /** Ours: whole B-tree pages written (create, bulk build); PostgreSQL logs them as XLOG FPI records. */
    public static final int BTREE_NEW_PAGES = 0xF0;
    // Storage (rmgr 2)
    public static final int SMGR_CREATE = 0x10, SMGR_TRUNCATE = 0x20;
    /** Ours: PostgreSQL drops files through the commit record's relfilenode list. */
    public static final int SMGR_DROP = 0x30;
    // Transaction (rmgr 1)
    public static final int XACT_COMMIT = 0x00, XACT_ABORT = 0x20;

    /** Rmgr id of a page change kind. */
    static int rmgrOf(Kind k) {
        return switch (k) {
            case HEAP_INSERT, HEAP_DELETE, HEAP_UPDATE, HEAP_LOCK -> RmgrIds.HEAP;
            case HEAP_VACUUM, HEAP_INIT_PAGE, HEAP_MULTI_INSERT -> RmgrIds.HEAP2;
            case BTREE_INSERT_LEAF, BTREE_INSERT_UPPER, BTREE_SPLIT, BTREE_NEWROOT, BTREE_VACUUM, BTREE_NEW_PAGES -> RmgrIds.BTREE;
            case RELATION_CREATE, RELATION_TRUNCATE, RELATION_DROP -> RmgrIds.STORAGE;
        };
    }

    static int infoOf(Kind k) {
        return switch (k) {
            case HEAP_INSERT -> HEAP_INSERT;
            case HEAP_DELETE -> HEAP_DELETE;
            case HEAP_UPDATE -> HEAP_UPDATE;
            case HEAP_LOCK -> HEAP_LOCK;
            case HEAP_VACUUM -> HEAP2_VACUUM;
            case HEAP_INIT_PAGE -> HEAP2_NEW_PAGE;
            case BTREE_INSERT_LEAF -> BTREE_INSERT_LEAF;
            case BTREE_INSERT_UPPER -> BTREE_INSERT_UPPER;
            case BTREE_SPLIT -> BTREE_SPLIT_L;
            case BTREE_NEWROOT -> BTREE_NEWROOT;
            case BTREE_VACUUM -> BTREE_VACUUM;
            case BTREE_NEW_PAGES -> BTREE_NEW_PAGES;
            case RELATION_CREATE -> SMGR_CREATE;
            case RELATION_TRUNCATE -> SMGR_TRUNCATE;
            case RELATION_DROP -> SMGR_DROP;
            case HEAP_MULTI_INSERT -> HEAP2_MULTI_INSERT;
        };
    }

    /** The page change kind of a heap/heap2 record, or null if the code is not one of ours. */
    static Kind kindOf(int rmgr, int info) {
        if (rmgr == RmgrIds.HEAP) {
            return switch (info & 0xF0) {
                case HEAP_INSERT -> Kind.HEAP_INSERT;
                case HEAP_DELETE -> Kind.HEAP_DELETE;
                case HEAP_UPDATE -> Kind.HEAP_UPDATE;
                case HEAP_LOCK -> Kind.HEAP_LOCK;
                default -> null;
            };
        }
        if (rmgr == RmgrIds.HEAP2) {
            return switch (info & 0xF0) {
                case HEAP2_VACUUM -> Kind.HEAP_VACUUM;
                case HEAP2_NEW_PAGE -> Kind.HEAP_INIT_PAGE;
                case HEAP2_MULTI_INSERT -> Kind.HEAP_MULTI_INSERT;
                default -> null;
            };
        }
        if (rmgr == RmgrIds.BTREE) {
            return switch (info & 0xF0) {
                case BTREE_INSERT_LEAF -> Kind.BTREE_INSERT_LEAF;
                case BTREE_INSERT_UPPER -> Kind.BTREE_INSERT_UPPER;
                case BTREE_SPLIT_L -> Kind.BTREE_SPLIT;
                case BTREE_NEWROOT -> Kind.BTREE_NEWROOT;
                case BTREE_VACUUM -> Kind.BTREE_VACUUM;
                case BTREE_NEW_PAGES -> Kind.BTREE_NEW_PAGES;
                default -> null;
            };
        }
        return null;
    }

    static org.pgmini.wal.record.RelFileLocator toWal(RelFileLocator rel) {
        return new org.pgmini.wal.record.RelFileLocator(DEFAULT_TABLESPACE, rel.dbOid(), rel.relNumber());
    }

    static RelFileLocator toStorage(org.pgmini.wal.record.RelFileLocator rel) {
        if (rel.spcOid() != DEFAULT_TABLESPACE) {
            throw new IllegalStateException("WAL record names tablespace " + Integer.toUnsignedString(rel.spcOid())
                    + "; only pg_default exists");
        }
        return new RelFileLocator(rel.dbOid(), rel.relNumber());
    }

    static org.pgmini.wal.record.ForkNumber toWal(ForkNumber f) {
        return switch (f) {
            case MAIN -> org.pgmini.wal.record.ForkNumber.MAIN;
            case FSM -> org.pgmini.wal.record.ForkNumber.FSM;
            case VISIBILITY_MAP -> org.pgmini.wal.record.ForkNumber.VM;
        };
    }

    static ForkNumber toStorage(org.pgmini.wal.record.ForkNumber f) {
        return switch (f) {
            case MAIN -> ForkNumber.MAIN;
            case FSM -> ForkNumber.FSM;
            case VM -> ForkNumber.VISIBILITY_MAP;
            case INIT -> throw new IllegalStateException("init forks do not exist in pgmini");
        };
    }
}
