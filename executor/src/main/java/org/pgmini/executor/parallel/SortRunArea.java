package org.pgmini.executor.parallel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.toc.ShmToc;
import org.pgmini.storage.tape.TapeExport;

/**
 * The hand-off of a tape-import parallel sort (PostgreSQL's Sharedsort with its TapeShare array):
 * the leader tells the workers where the shared fileset is; each worker, having sorted its share
 * into one run on a tape of its own file in that fileset, tells the leader where the run is
 * ({@link TapeExport}: file, blocks of the file, first block, size).
 *
 * <pre>
 * +0             int   worker slots (workers asked for)
 * +4             int   n = length of the fileset's path in UTF-8
 * +8             n bytes: the shared fileset directory (absolute path)
 * +slotBase(n)   per worker i, {@link #SLOT_SIZE} bytes at slotBase + i * SLOT_SIZE:
 *                  +0 long state  (0 = no run yet, 1 = the run is exported)
 *                  +8 int  length of the export, +12 the export ({@link TapeExport#toBytes})
 * </pre>
 *
 * <p>Invariants: the leader writes the header and path and zeroes every state word before it
 * launches any worker ({@link SegmentArea#initialize}); afterwards nobody changes them. Worker i
 * writes only slot i, once: the export bytes and length with plain stores, then the state word
 * with a release store, so a reader that sees state 1 with an acquire load also sees the bytes.
 * The leader reads slot i only after worker i's job ended (its tuple queue detached), and trusts
 * only what the state word says: a worker that failed or was killed before exporting leaves 0
 * there, and the leader then fails the query instead of merging a partial result.
 */
public final class SortRunArea implements SegmentArea {
    /** Far from {@link FragmentSegment}'s keys (which grow from FIRST_USER_KEY) so both can grow. */
    public static final long KEY = ParallelContext.FIRST_USER_KEY + 40;
    static final int SLOT_SIZE = 256;
    private static final int STATE_EMPTY = 0;
    private static final int STATE_EXPORTED = 1;

    private final byte[] path;
    private MappedRegion region;
    private long offset = -1;
    private int slots;

    /** The leader's side: the area announcing {@code filesetDirectory}. */
    public SortRunArea(Path filesetDirectory) {
        this.path = filesetDirectory.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long slotBase(int pathLength) {
        return (8L + pathLength + 7) & ~7L;
    }

    @Override
    public long key() {
        return KEY;
    }

    @Override
    public long size(int workers) {
        return slotBase(path.length) + (long) Math.max(1, workers) * SLOT_SIZE;
    }

    @Override
    public void initialize(MappedRegion region, long offset, int workers) {
        region.putInt(offset, workers);
        region.putInt(offset + 4, path.length);
        region.putBytes(offset + 8, path, 0, path.length);
        long base = offset + slotBase(path.length);
        for (int i = 0; i < workers; i++) {
            region.putLong(base + (long) i * SLOT_SIZE, STATE_EMPTY);
        }
        this.region = region;
        this.offset = offset;
        this.slots = workers;
    }

    /**
     * Leader: worker {@code worker}'s exported run, or null when it exported none (it failed or
     * was killed first). Only after that worker's job ended.
     */
    public TapeExport exported(int worker) {
        if (offset < 0 || worker < 0 || worker >= slots) {
            throw new IllegalStateException("no sort run slot " + worker);
        }
        long at = offset + slotBase(path.length) + (long) worker * SLOT_SIZE;
        if (region.getLongAcquire(at) != STATE_EXPORTED) {
            return null;
        }
        byte[] b = new byte[region.getInt(at + 8)];
        region.getBytes(at + 12, b, 0, b.length);
        return TapeExport.fromBytes(b);
    }

    /** Worker: the shared fileset's directory the leader announced. */
    public static Path filesetDirectory(WorkerJob job) {
        MappedRegion r = job.segment().region();
        long at = area(job);
        byte[] b = new byte[r.getInt(at + 4)];
        r.getBytes(at + 8, b, 0, b.length);
        return Path.of(new String(b, StandardCharsets.UTF_8));
    }

    /** Worker: publishes this worker's run (bytes first, then the state word with release). */
    public static void publish(WorkerJob job, TapeExport run) {
        MappedRegion r = job.segment().region();
        long at = area(job);
        int workers = r.getInt(at);
        if (job.workerNumber() >= workers) {
            throw new IllegalStateException("worker " + job.workerNumber() + " has no sort run slot (" + workers + " slots)");
        }
        byte[] b = run.toBytes();
        if (b.length > SLOT_SIZE - 12) {
            throw new IllegalStateException("tape export of " + b.length + " bytes does not fit its slot");
        }
        long slot = at + slotBase(r.getInt(at + 4)) + (long) job.workerNumber() * SLOT_SIZE;
        r.putInt(slot + 8, b.length);
        r.putBytes(slot + 12, b, 0, b.length);
        r.putLongRelease(slot, STATE_EXPORTED);
    }

    private static long area(WorkerJob job) {
        ShmToc toc = job.toc();
        return toc.lookup(KEY, false);
    }
}
