package org.pgmini.wal.mode;

import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.buffer.FlushControl;
import org.pgmini.wal.buffer.PageMemory;
import org.pgmini.wal.recovery.PageSource;

import java.io.Closeable;
import java.io.IOException;

/**
 * One design of wal_pmem_mode: where WAL pages live while records are copied in, how they reach
 * their durable home, and where recovery finds them. The insertion and flush protocol around it
 * (reservation, insertion locks, group commit) is the same for every mode.
 *
 * Calls from the engine: {@link #write} and {@link #sync} only under FlushControl's write lock,
 * in LSN order, never overlapping; {@link #canReuse}/{@link #makeReusable} from an inserter
 * that needs a page place, with no lock held.
 */
public interface WalStorage extends Closeable {
    WalPmemMode mode();

    PageMemory memory();

    /** Moves [from, to) from page memory toward its home (not necessarily durable yet). */
    void write(long from, long to) throws IOException;

    /**
     * Makes everything up to {@code to} durable; [from, to) was passed to write just before.
     * With {@code fsync} false (the fsync GUC is off) only bookkeeping happens, no sync.
     */
    void sync(long from, long to, boolean fsync) throws IOException;

    /** True when the page ending at {@code oldPageEnd} no longer needs its place in page memory. */
    boolean canReuse(long oldPageEnd, FlushControl flush);

    /** Does what {@link #canReuse} needs (write, flush, copy to segments). */
    void makeReusable(long oldPageEnd, FlushControl flush) throws IOException;

    /** The walwriter's per-cycle work beyond flushing (copy to segments, pre-allocate segments). */
    void background(FlushControl flush) throws IOException;

    /** Pages as a crash left them: what recovery and waldump read. */
    PageSource pageSource();

    /**
     * After recovery found the end of valid WAL at {@code endLsn}: make all WAL below it durable
     * in segment files, wipe whatever lies beyond it (so no stale page can later pass for a valid
     * one), and load the partial last page into page memory.
     */
    void startAt(long endLsn, long redoLsn) throws IOException;

    /**
     * A checkpoint made WAL below {@code redoLsn} unnecessary (nvwal frees that part of its
     * file). After this returns the storage never writes to segments below redo's segment,
     * which the checkpoint then removes or recycles.
     */
    void checkpointed(long redoLsn) throws IOException;

    /** The segment is about to be removed or recycled: drop any mapping of it. */
    void forgetSegment(long segNo) throws IOException;

    SegmentFiles segments();

    /**
     * Before crash recovery reads anything: makes durable whatever a crashed process left in the
     * page cache (segment files from {@code redoLsn}'s segment on, and the buffer file), so that
     * recovery never replays — and lets storage write pages stamped with — WAL that a later
     * power loss could still take away (PostgreSQL syncs the data directory for this reason).
     */
    default void syncForRecovery(long redoLsn) throws IOException {
        segments().syncFrom(segments().layout().segmentNo(redoLsn));
    }

    /**
     * Whether the walwriter creates the next segment file ahead of the insert position, so that
     * no committer waits for a segment to be zero-filled. nvwal writes segments only when its
     * file fills, so it does not.
     */
    default boolean preallocatesSegments() { return true; }

    /** At close, after the final flush (buffer-file modes copy everything to segments). */
    default void beforeClose(FlushControl flush) throws IOException {}

    /** How mapped memory is persisted by this mode: "libpmem", "msync", or "none" (no mapping). */
    String flushMethod();
}
