package org.pgmini.storage.walint;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.walhook.PageChangeRecord;
import org.pgmini.storage.walhook.WalHook;
import org.pgmini.wal.Wal;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.record.BlockImage;
import org.pgmini.wal.record.BlockReference;
import org.pgmini.wal.record.WalRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * The {@link WalHook} over the real WAL: turns each {@link PageChangeRecord} into a heap or heap2
 * record (the payload is the main data, each changed block a block reference) and decides the
 * full-page images.
 *
 * <p>Full-page writes (PostgreSQL's XLogInsert/XLogRecordAssemble): a page whose LSN is at or
 * below the redo pointer of the latest checkpoint is changed for the first time since that
 * checkpoint began, so the record carries an image of the page (as changed) and redo restores
 * it instead of applying the change: a page torn by a write during the crash is healed. The
 * decision is taken against {@link Wal#redoRecPtr()}, which a starting checkpoint may move at
 * any moment; wal's {@code insert(record, fpwLsn)} re-checks under its insertion locks and
 * returns null if it moved past a page we logged without an image, and we build the record
 * again (now with that image).
 *
 * <p>Before {@link #bind} (that is, while wal replays WAL during startup) {@link #log} refuses:
 * redo never logs. {@link #flush} is a no-op then, because wal has made all WAL it replays
 * durable before replay starts, so any page redo stamped may be written.
 */
public final class WalLogger implements WalHook {
    private volatile Wal wal;
    /**
     * End LSNs of asynchronous commits (xid and its subxids) whose record may not be flushed
     * yet. Entered before the commit log says "committed", so a reader that sees the commit
     * also sees the entry; removed once WAL is flushed past it.
     */
    private final ConcurrentHashMap<Integer, Long> unflushedCommits = new ConcurrentHashMap<>();

    /** Called once the WAL is open (after recovery): from now on page changes are logged. */
    public void bind(Wal w) { this.wal = w; }

    public Wal wal() { return wal; }

    @Override
    public long log(PageChangeRecord r, Page[] pages) {
        Wal w = wal;
        if (w == null) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot change pages while WAL is not open");
        }
        int rmgr = WalIds.rmgrOf(r.kind());
        int info = WalIds.infoOf(r.kind());
        while (true) {
            boolean fpw = w.settings().fullPageWrites;
            long redo = w.redoRecPtr();
            long lowestWithoutImage = 0;
            List<BlockReference> refs = new ArrayList<>(pages.length);
            for (int i = 0; i < pages.length; i++) {
                Page p = pages[i];
                var loc = WalIds.toWal(r.rel());
                var fork = WalIds.toWal(r.fork());
                if (fpw && Long.compareUnsigned(p.lsn(), redo) <= 0) {
                    refs.add(BlockReference.withImage(loc, fork, r.blocks()[i], imageOf(p), null));
                } else {
                    refs.add(BlockReference.of(loc, fork, r.blocks()[i], null));
                    if (lowestWithoutImage == 0 || Long.compareUnsigned(p.lsn(), lowestWithoutImage) < 0) lowestWithoutImage = p.lsn();
                }
            }
            Inserted ins = w.insert(new WalRecord(rmgr, info, r.xid(), refs, r.payload()), lowestWithoutImage);
            if (ins != null) return ins.endLsn();
            // a checkpoint moved the redo pointer past a page logged without an image: again
        }
    }

    /** A copy of the page leaving out the free space between line pointers and tuples. */
    static BlockImage imageOf(Page p) {
        byte[] copy = new byte[BLCKSZ];
        p.buffer().get(0, copy);
        int lower = p.lower(), upper = p.upper();
        boolean standard = !p.isNew() && lower >= Page.HEADER_SIZE && lower <= upper && upper <= BLCKSZ;
        return standard ? new BlockImage(copy, lower, upper - lower) : new BlockImage(copy, 0, 0);
    }

    @Override
    public void flush(long lsn) {
        Wal w = wal;
        if (w != null && lsn != 0) w.flush(lsn);
    }

    /** An asynchronous commit (synchronous_commit = off) ending at {@code endLsn}: hold back its commit hints. */
    void noteAsyncCommit(int xid, int[] subxids, long endLsn) {
        Wal w = wal;
        if (w != null && unflushedCommits.size() > 4096) {
            long flushed = w.flushLsn();
            unflushedCommits.values().removeIf(l -> Long.compareUnsigned(l, flushed) <= 0);
        }
        unflushedCommits.put(xid, endLsn);
        for (int s : subxids) unflushedCommits.put(s, endLsn);
    }

    @Override
    public boolean commitHintAllowed(int xid) {
        if (unflushedCommits.isEmpty()) return true;
        Long end = unflushedCommits.get(xid);
        if (end == null) return true;
        Wal w = wal;
        if (w != null && Long.compareUnsigned(w.flushLsn(), end) >= 0) {
            unflushedCommits.remove(xid, end);
            return true;
        }
        return false;
    }
}
