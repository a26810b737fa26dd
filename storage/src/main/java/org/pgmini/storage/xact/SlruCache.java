package org.pgmini.storage.xact;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.shared.LWLock;
import org.pgmini.storage.shared.RegionLayout;
import org.pgmini.storage.shared.SharedRegion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * A small cache of 8 KiB pages of a "simple LRU" file set (PostgreSQL's SLRU): pages are
 * numbered from 0, stored in segment files of {@link #PAGES_PER_SEGMENT} pages named by four
 * upper-case hex digits ({@code 0000}, {@code 0001} ...). All state lives in a
 * {@link SharedRegion} so that another process can read through the same cache:
 *
 * <pre>
 * header   lock word (int) | pad | lru clock (long)
 * slots    per slot: page number (int), state (int: 0 empty, 1 valid), dirty (int), pad, last use (long)
 * pages    nslots x BLCKSZ, 8 KiB aligned
 * </pre>
 *
 * Locking: one control lock (an {@link LWLock} word) protects slot metadata and page contents.
 * Readers of a resident page hold it shared; loading, evicting and modifying a page hold it
 * exclusively (I/O is done under the exclusive lock: SLRU I/O is rare and short). The last-use
 * stamp is updated under the shared lock with a volatile store; a lost update only makes LRU
 * slightly less exact.
 *
 * <p>Missing files or short reads yield zero pages: until WAL redo exists, a crash may lose clog
 * pages, and zeros mean "in progress", which becomes "aborted" once the transaction is not running.
 */
public final class SlruCache {
    public static final int PAGES_PER_SEGMENT = 32;
    private static final int SLOT_META = 32;
    private static final int STATE_EMPTY = 0, STATE_VALID = 1;

    private final SharedRegion region;
    private final LWLock lock;
    private final long lockOff;
    private final long lruOff;
    private final long metaOff;
    private final long pagesOff;
    private final int nslots;
    private final Path dir;
    private final Set<Integer> segmentsToSync = ConcurrentHashMap.newKeySet();

    public static long requiredSize(int nslots) { return layout(new RegionLayout(0), nslots)[3] + (long) nslots * BLCKSZ; }

    /** Offsets {lock, lru, meta, pages} when laid out from {@code l}. */
    private static long[] layout(RegionLayout l, int nslots) {
        long lockOff = l.allocate(8, 8);
        long lruOff = l.allocate(8, 8);
        long metaOff = l.allocate((long) nslots * SLOT_META, 8);
        long pagesOff = l.allocate((long) nslots * BLCKSZ, BLCKSZ);
        return new long[] {lockOff, lruOff, metaOff, pagesOff};
    }

    /**
     * Places the cache at {@code offset} of the region (requiredSize bytes, 8 KiB aligned).
     * {@code initialize} formats it (the creating process); other processes attach with false.
     */
    public SlruCache(SharedRegion region, long offset, int nslots, Path dir, LWLock lock, boolean initialize) {
        if (nslots < 2) throw new IllegalArgumentException("an SLRU needs at least 2 slots");
        if (offset % BLCKSZ != 0) throw new IllegalArgumentException("SLRU offset must be BLCKSZ aligned");
        long[] l = layout(new RegionLayout(offset), nslots);
        this.region = region;
        this.lock = lock;
        this.lockOff = l[0];
        this.lruOff = l[1];
        this.metaOff = l[2];
        this.pagesOff = l[3];
        this.nslots = nslots;
        this.dir = dir;
        if (initialize) {
            lock.init(region, lockOff);
            region.putLongVolatile(lruOff, 0);
            for (int s = 0; s < nslots; s++) {
                region.putInt(slotOff(s), -1);
                region.putInt(slotOff(s) + 4, STATE_EMPTY);
                region.putInt(slotOff(s) + 8, 0);
                region.putLong(slotOff(s) + 16, 0);
            }
        }
    }

    private long slotOff(int s) { return metaOff + (long) s * SLOT_META; }
    private int slotPage(int s) { return region.getInt(slotOff(s)); }
    private boolean slotValid(int s) { return region.getInt(slotOff(s) + 4) == STATE_VALID; }
    private boolean slotDirty(int s) { return region.getInt(slotOff(s) + 8) != 0; }
    private void touch(int s) { region.putLongVolatile(slotOff(s) + 16, region.getAndAddLong(lruOff, 1)); }
    private ByteBuffer page(int s) { return region.window(pagesOff + (long) s * BLCKSZ, BLCKSZ).order(java.nio.ByteOrder.LITTLE_ENDIAN); }

    private int findSlot(int pageno) {
        for (int s = 0; s < nslots; s++) if (slotValid(s) && slotPage(s) == pageno) return s;
        return -1;
    }

    /** Reads a value from a page, loading the page if needed. */
    public int read(int pageno, ToIntFunction<ByteBuffer> reader) {
        lock.acquire(region, lockOff, false);
        try {
            int s = findSlot(pageno);
            if (s >= 0) {
                touch(s);
                return reader.applyAsInt(page(s));
            }
        } finally {
            lock.release(region, lockOff, false);
        }
        lock.acquire(region, lockOff, true);
        try {
            int s = loadPage(pageno);
            return reader.applyAsInt(page(s));
        } finally {
            lock.release(region, lockOff, true);
        }
    }

    /** Changes a page under the exclusive lock and marks it dirty. */
    public void modify(int pageno, Consumer<ByteBuffer> change) {
        lock.acquire(region, lockOff, true);
        try {
            int s = loadPage(pageno);
            change.accept(page(s));
            region.putInt(slotOff(s) + 8, 1);
        } finally {
            lock.release(region, lockOff, true);
        }
    }

    /** Runs several changes atomically with respect to readers (one exclusive hold). */
    public void modifyMany(Runnable changes) {
        lock.acquire(region, lockOff, true);
        try {
            changes.run();
        } finally {
            lock.release(region, lockOff, true);
        }
    }

    /** Inside {@link #modifyMany}: change one page (caller holds the exclusive lock). */
    public void modifyLocked(int pageno, Consumer<ByteBuffer> change) {
        int s = loadPage(pageno);
        change.accept(page(s));
        region.putInt(slotOff(s) + 8, 1);
    }

    /** Makes a page resident and all zeros (a page about to be used for the first time). */
    public void zeroPage(int pageno) {
        lock.acquire(region, lockOff, true);
        try {
            int s = findSlot(pageno);
            if (s < 0) s = victim();
            ByteBuffer p = page(s);
            for (int i = 0; i < BLCKSZ; i += 8) p.putLong(i, 0L);
            region.putInt(slotOff(s), pageno);
            region.putInt(slotOff(s) + 4, STATE_VALID);
            region.putInt(slotOff(s) + 8, 1);
            touch(s);
        } finally {
            lock.release(region, lockOff, true);
        }
    }

    /** Caller holds the exclusive lock. */
    private int loadPage(int pageno) {
        int s = findSlot(pageno);
        if (s >= 0) {
            touch(s);
            return s;
        }
        s = victim();
        readFromDisk(pageno, page(s));
        region.putInt(slotOff(s), pageno);
        region.putInt(slotOff(s) + 4, STATE_VALID);
        region.putInt(slotOff(s) + 8, 0);
        touch(s);
        return s;
    }

    /** Frees the least recently used slot (writing it out if dirty); caller holds the lock exclusively. */
    private int victim() {
        int best = -1;
        long bestStamp = Long.MAX_VALUE;
        for (int s = 0; s < nslots; s++) {
            if (!slotValid(s)) return s;
            long stamp = region.getLongVolatile(slotOff(s) + 16);
            if (stamp < bestStamp) { bestStamp = stamp; best = s; }
        }
        if (slotDirty(best)) {
            writeToDisk(slotPage(best), page(best));
            region.putInt(slotOff(best) + 8, 0);
        }
        region.putInt(slotOff(best) + 4, STATE_EMPTY);
        return best;
    }

    private Path segmentPath(int segno) { return dir.resolve(String.format(Locale.ROOT, "%04X", segno)); }

    private void readFromDisk(int pageno, ByteBuffer dst) {
        int segno = pageno / PAGES_PER_SEGMENT;
        long pos = (long) (pageno % PAGES_PER_SEGMENT) * BLCKSZ;
        for (int i = 0; i < BLCKSZ; i += 8) dst.putLong(i, 0L);
        try (FileChannel ch = FileChannel.open(segmentPath(segno), StandardOpenOption.READ)) {
            ByteBuffer d = dst.duplicate().clear();
            while (d.hasRemaining()) {
                int n = ch.read(d, pos + d.position());
                if (n < 0) break; // beyond the end: the rest stays zero
            }
        } catch (NoSuchFileException e) {
            // never written: zeros
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not read file \"" + segmentPath(segno) + "\": " + e.getMessage(), e);
        }
    }

    private void writeToDisk(int pageno, ByteBuffer src) {
        int segno = pageno / PAGES_PER_SEGMENT;
        long pos = (long) (pageno % PAGES_PER_SEGMENT) * BLCKSZ;
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(segmentPath(segno), StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                ByteBuffer s = src.duplicate().clear();
                while (s.hasRemaining()) ch.write(s, pos + s.position());
            }
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write to file \"" + segmentPath(segno) + "\": " + e.getMessage(), e);
        }
        segmentsToSync.add(segno);
    }

    /** Checkpoint: writes every dirty page and fsyncs the segment files written since last time. */
    public void flush() {
        lock.acquire(region, lockOff, true);
        try {
            for (int s = 0; s < nslots; s++) {
                if (slotValid(s) && slotDirty(s)) {
                    writeToDisk(slotPage(s), page(s));
                    region.putInt(slotOff(s) + 8, 0);
                }
            }
        } finally {
            lock.release(region, lockOff, true);
        }
        for (Integer segno : Set.copyOf(segmentsToSync)) {
            try (FileChannel ch = FileChannel.open(segmentPath(segno), StandardOpenOption.WRITE)) {
                ch.force(true);
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not fsync file \"" + segmentPath(segno) + "\": " + e.getMessage(), e);
            }
            segmentsToSync.remove(segno);
        }
    }

    /** Test support: how many slots hold a valid page. */
    int residentPages() {
        int n = 0;
        for (int s = 0; s < nslots; s++) if (slotValid(s)) n++;
        return n;
    }
}
