package org.pgmini.storage.walint;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.recovery.ResourceManager;
import org.pgmini.wal.recovery.RmgrIds;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Storage resource manager (2): relation file create, truncate and drop. Main data:
 * tablespace, database, relfilenode (int32 each), fork (int8), and for TRUNCATE the new length
 * in blocks (int32). Redo is idempotent by nature: create accepts an existing file, truncate
 * only shortens, drop accepts a missing file; buffers of the cut-off blocks are forgotten first.
 */
public final class SmgrResourceManager implements ResourceManager {
    private final BufferPool pool;

    /** @param pool null for a describe-only instance (waldump) */
    SmgrResourceManager(BufferPool pool) { this.pool = pool; }

    record Target(RelFileLocator rel, ForkNumber fork, int nblocks) {}

    static byte[] encode(RelFileLocator rel, ForkNumber fork, int nblocks, boolean withLength) {
        ByteBuffer b = ByteBuffer.allocate(withLength ? 17 : 13).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(WalIds.DEFAULT_TABLESPACE).putInt(rel.dbOid()).putInt(rel.relNumber()).put((byte) WalIds.toWal(fork).ordinal());
        if (withLength) b.putInt(nblocks);
        return b.array();
    }

    static Target decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        var loc = new org.pgmini.wal.record.RelFileLocator(b.getInt(0), b.getInt(4), b.getInt(8));
        ForkNumber fork = WalIds.toStorage(org.pgmini.wal.record.ForkNumber.of(data[12]));
        return new Target(WalIds.toStorage(loc), fork, data.length >= 17 ? b.getInt(13) : 0);
    }

    @Override public int id() { return RmgrIds.STORAGE; }
    @Override public String name() { return "Storage"; }

    @Override
    public void redo(DecodedRecord r) {
        if (pool == null) throw new IllegalStateException("describe-only resource manager");
        Target t = decode(r.mainData());
        Smgr smgr = pool.smgr();
        switch (r.info() & 0xF0) {
            case WalIds.SMGR_CREATE -> smgr.create(t.rel(), t.fork(), true);
            case WalIds.SMGR_TRUNCATE -> {
                pool.dropRelationBuffers(t.rel(), t.fork(), t.nblocks());
                if (smgr.exists(t.rel(), t.fork())
                        && Integer.compareUnsigned(smgr.nblocks(t.rel(), t.fork()), t.nblocks()) > 0) {
                    smgr.truncate(t.rel(), t.fork(), t.nblocks());
                }
            }
            case WalIds.SMGR_DROP -> {
                pool.dropRelationBuffers(t.rel(), t.fork(), 0);
                smgr.unlink(t.rel(), t.fork());
            }
            default -> throw new IllegalStateException(String.format("smgr redo: unknown op code %02X", r.info()));
        }
    }

    @Override
    public String identify(int info) {
        return switch (info & 0xF0) {
            case WalIds.SMGR_CREATE -> "CREATE";
            case WalIds.SMGR_TRUNCATE -> "TRUNCATE";
            case WalIds.SMGR_DROP -> "DROP";
            default -> null;
        };
    }

    @Override
    public String describe(DecodedRecord r) {
        Target t = decode(r.mainData());
        String path = t.rel().relativePath(t.fork());
        return (r.info() & 0xF0) == WalIds.SMGR_TRUNCATE ? path + " to " + Integer.toUnsignedString(t.nblocks()) + " blocks flags 7" : path;
    }
}
