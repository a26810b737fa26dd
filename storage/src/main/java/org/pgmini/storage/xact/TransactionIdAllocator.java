package org.pgmini.storage.xact;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Hands out transaction ids (GetNewTransactionId). The next id is persisted conservatively:
 * before handing out an id at or past the persisted limit, a new limit {@link #PREFETCH} ids
 * further is written and fsynced to {@code global/pgmini_xid} (write to a temp file + rename).
 * After a restart, allocation resumes at the persisted limit, so an id is never handed out twice
 * even after a crash, at the cost of skipping at most PREFETCH ids. (When WAL lands, the next xid
 * belongs in pg_control's checkpoint record like PostgreSQL's nextXid, and this file goes away.)
 *
 * <p>Thread safety: {@link #allocate()} is synchronized; one allocator per data directory, in the
 * postmaster (parallel workers never assign xids).
 */
public final class TransactionIdAllocator {
    public static final int PREFETCH = 8192;
    static final String FILE = "global/pgmini_xid";

    private final Path file;
    private final CommitLog clog;
    private int nextXid;
    private int persistedLimit;

    public TransactionIdAllocator(Path dataDir, CommitLog clog) {
        this.file = dataDir.resolve(FILE);
        this.clog = clog;
        int start = TransactionIds.FIRST_NORMAL;
        if (Files.exists(file)) {
            try {
                byte[] b = Files.readAllBytes(file);
                if (b.length != 4) throw new PgException(SqlState.DATA_CORRUPTED, "invalid contents of file \"" + FILE + "\"");
                start = ByteBuffer.wrap(b).getInt();
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not read file \"" + FILE + "\": " + e.getMessage(), e);
            }
        }
        if (!TransactionIds.isNormal(start)) start = TransactionIds.FIRST_NORMAL;
        this.nextXid = start;
        this.persistedLimit = start;
    }

    /** Assigns the next transaction id. */
    public synchronized int allocate() {
        int xid = nextXid;
        if (xid == persistedLimit || TransactionIds.follows(xid, persistedLimit)) {
            int limit = xid;
            for (int i = 0; i < PREFETCH; i++) limit = TransactionIds.advance(limit);
            persist(limit);
            persistedLimit = limit;
        }
        clog.extend(xid);
        nextXid = TransactionIds.advance(xid);
        return xid;
    }

    /** The id the next {@link #allocate()} will return (ReadNextTransactionId). */
    public synchronized int peekNext() { return nextXid; }

    /** WAL redo: make sure ids up to {@code xid} are never handed out again. */
    public synchronized void advancePast(int xid) {
        if (TransactionIds.followsOrEquals(xid, nextXid)) nextXid = TransactionIds.advance(xid);
    }

    /** Test support: continue allocation at an arbitrary id (e.g. just before wraparound). */
    synchronized void forceNext(int xid) {
        nextXid = xid;
        persistedLimit = xid;
    }

    private void persist(int limit) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.allocate(4).putInt(0, limit));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // some file systems cannot fsync a directory; the rename is still atomic
            }
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write file \"" + FILE + "\": " + e.getMessage(), e);
        }
    }
}
