package org.pgmini.storage.smgr;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * The storage manager: block-level access to relation files, split into segment files of
 * {@code blocksPerSegment} blocks (1 GiB by default, smaller in tests). It plays the role of
 * PostgreSQL's smgr + md layers. It knows nothing about page contents; checksums are the
 * buffer manager's job.
 *
 * <p>Thread safety: one instance is shared by all sessions of a process. Reads and writes use
 * positional FileChannel I/O, which is safe concurrently. The table of open segments is a
 * concurrent map; opening, truncating and unlinking synchronize on the {@link OpenRelation}.
 *
 * <p>Durability: a write with {@code skipFsync == false} registers its segment as dirty;
 * {@link #syncPending()} (the checkpointer) fsyncs every registered segment. {@link #immedsync}
 * forces one relation at once (used after a bulk operation that bypassed WAL).
 */
public final class Smgr implements AutoCloseable {
    /** SQLSTATE duplicate_file, which SqlState does not list yet. */
    private static final String DUPLICATE_FILE = "58P02";

    private final Path dataDir;
    private final int blocksPerSegment;
    private final Map<RelFork, OpenRelation> open = new ConcurrentHashMap<>();
    private final Set<SegmentKey> pendingSync = ConcurrentHashMap.newKeySet();

    private record RelFork(RelFileLocator rel, ForkNumber fork) {}

    private record SegmentKey(RelFileLocator rel, ForkNumber fork, int segno) {}

    /** The segments of one relation fork opened so far (index = segment number). */
    private final class OpenRelation {
        final RelFork key;
        final List<FileChannel> segments = new ArrayList<>();

        OpenRelation(RelFork key) { this.key = key; }

        /** Returns the channel of a segment, opening (and with {@code create}, creating) it. */
        synchronized FileChannel segment(int segno, boolean create) {
            while (segments.size() <= segno) segments.add(null);
            FileChannel ch = segments.get(segno);
            if (ch != null) return ch;
            Path p = path(key.rel, key.fork, segno);
            try {
                ch = create
                        ? FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                        : FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                throw new PgException(SqlState.UNDEFINED_FILE,
                        "could not open file \"" + key.rel.segmentPath(key.fork, segno) + "\": No such file or directory", e);
            } catch (IOException e) {
                throw ioError("could not open file", key.rel.segmentPath(key.fork, segno), e);
            }
            segments.set(segno, ch);
            return ch;
        }

        /** Closes every open segment; later access reopens them. */
        synchronized void closeAll() {
            for (FileChannel ch : segments) {
                if (ch != null) {
                    try { ch.close(); } catch (IOException ignored) { /* closing a file we no longer need */ }
                }
            }
            segments.clear();
        }
    }

    public Smgr(Path dataDir) { this(dataDir, StorageConstants.DEFAULT_BLOCKS_PER_SEGMENT); }

    public Smgr(Path dataDir, int blocksPerSegment) {
        if (blocksPerSegment <= 0) throw new IllegalArgumentException("blocksPerSegment must be positive");
        this.dataDir = dataDir;
        this.blocksPerSegment = blocksPerSegment;
    }

    public Path dataDir() { return dataDir; }

    public int blocksPerSegment() { return blocksPerSegment; }

    private Path path(RelFileLocator rel, ForkNumber fork, int segno) {
        return dataDir.resolve(rel.segmentPath(fork, segno));
    }

    private OpenRelation rel(RelFileLocator rel, ForkNumber fork) {
        return open.computeIfAbsent(new RelFork(rel, fork), OpenRelation::new);
    }

    /** True if the first segment of the fork exists on disk. */
    public boolean exists(RelFileLocator rel, ForkNumber fork) {
        return Files.exists(path(rel, fork, 0));
    }

    /**
     * Creates an empty fork (segment 0). With {@code isRedo} an existing file is accepted, as
     * WAL replay may create a file twice.
     */
    public void create(RelFileLocator rel, ForkNumber fork, boolean isRedo) {
        Path p = path(rel, fork, 0);
        try {
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        } catch (FileAlreadyExistsException e) {
            if (!isRedo) {
                throw new PgException(DUPLICATE_FILE, "could not create file \"" + rel.relativePath(fork) + "\": File exists", e);
            }
        } catch (IOException e) {
            throw ioError("could not create file", rel.relativePath(fork), e);
        }
    }

    private int segno(int block) { return (int) (Integer.toUnsignedLong(block) / blocksPerSegment); }

    private long offsetInSegment(int block) {
        return (Integer.toUnsignedLong(block) % blocksPerSegment) * BLCKSZ;
    }

    /** Reads one block into {@code dst} (BLCKSZ bytes from its position); the block must exist. */
    public void read(RelFileLocator rel, ForkNumber fork, int block, ByteBuffer dst) {
        checkBuffer(dst);
        int segno = segno(block);
        FileChannel ch = rel(rel, fork).segment(segno, false);
        ByteBuffer d = dst.duplicate();
        long pos = offsetInSegment(block);
        int total = 0;
        try {
            while (d.hasRemaining()) {
                int n = ch.read(d, pos + total);
                if (n < 0) break;
                total += n;
            }
        } catch (IOException e) {
            throw ioError("could not read block " + Integer.toUnsignedString(block) + " in file", rel.segmentPath(fork, segno), e);
        }
        if (total != BLCKSZ) {
            throw new PgException(SqlState.DATA_CORRUPTED, "could not read block " + Integer.toUnsignedString(block)
                    + " in file \"" + rel.segmentPath(fork, segno) + "\": read only " + total + " of " + BLCKSZ + " bytes");
        }
    }

    /** Overwrites an existing block. */
    public void write(RelFileLocator rel, ForkNumber fork, int block, ByteBuffer src, boolean skipFsync) {
        writeBlock(rel, fork, block, src, skipFsync, false);
    }

    /**
     * Adds a block at the end (normally {@code block == nblocks()}); creates the next segment
     * file when the block starts one.
     */
    public void extend(RelFileLocator rel, ForkNumber fork, int block, ByteBuffer src, boolean skipFsync) {
        if (block == StorageConstants.INVALID_BLOCK_NUMBER) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "cannot extend file \"" + rel.relativePath(fork) + "\" beyond " + Integer.toUnsignedString(StorageConstants.INVALID_BLOCK_NUMBER) + " blocks");
        }
        writeBlock(rel, fork, block, src, skipFsync, true);
    }

    private void writeBlock(RelFileLocator rel, ForkNumber fork, int block, ByteBuffer src, boolean skipFsync, boolean create) {
        checkBuffer(src);
        int segno = segno(block);
        FileChannel ch = rel(rel, fork).segment(segno, create);
        ByteBuffer s = src.duplicate();
        long pos = offsetInSegment(block);
        try {
            while (s.hasRemaining()) {
                ch.write(s, pos + (BLCKSZ - s.remaining()));
            }
        } catch (IOException e) {
            throw ioError("could not write block " + Integer.toUnsignedString(block) + " in file", rel.segmentPath(fork, segno), e);
        }
        if (!skipFsync) pendingSync.add(new SegmentKey(rel, fork, segno));
    }

    /**
     * Number of blocks in the fork. Segments before the last are full by construction; the
     * count is found by walking segment files until one is not full.
     */
    public int nblocks(RelFileLocator rel, ForkNumber fork) {
        OpenRelation r = rel(rel, fork);
        long total = 0;
        for (int segno = 0; ; segno++) {
            // stmtperf: the path only for later segments (Heap.fetch asks for every tuple it reads,
            // and building the path string was a measurable share of an index scan)
            if (segno > 0 && !Files.exists(path(rel, fork, segno))) return (int) total;
            long size;
            try {
                size = r.segment(segno, false).size();
            } catch (IOException e) {
                throw ioError("could not seek to end of file", rel.segmentPath(fork, segno), e);
            }
            long blocks = size / BLCKSZ;
            total += blocks;
            if (blocks < blocksPerSegment) return (int) total;
        }
    }

    /**
     * Shortens the fork to {@code nblocks} blocks. Segment files wholly beyond the new end are
     * removed, except segment 0 which is kept (possibly empty).
     */
    public void truncate(RelFileLocator rel, ForkNumber fork, int nblocks) {
        OpenRelation r = rel(rel, fork);
        synchronized (r) {
            int oldBlocks = nblocks(rel, fork);
            if (Integer.compareUnsigned(nblocks, oldBlocks) > 0) {
                throw new PgException(SqlState.INTERNAL_ERROR, "could not truncate file \"" + rel.relativePath(fork)
                        + "\" to " + Integer.toUnsignedString(nblocks) + " blocks: it's only " + oldBlocks + " blocks now");
            }
            int lastSeg = oldBlocks == 0 ? 0 : segno(oldBlocks - 1);
            long keepTotal = Integer.toUnsignedLong(nblocks);
            for (int segno = lastSeg; segno >= 0; segno--) {
                long segStart = (long) segno * blocksPerSegment;
                try {
                    if (segno > 0 && keepTotal <= segStart) {
                        FileChannel ch = r.segment(segno, false);
                        ch.close();
                        r.segments.set(segno, null);
                        Files.deleteIfExists(path(rel, fork, segno));
                    } else {
                        long keep = Math.min(keepTotal - segStart, blocksPerSegment);
                        r.segment(segno, false).truncate(keep * BLCKSZ);
                        pendingSync.add(new SegmentKey(rel, fork, segno));
                        break; // earlier segments are full and keep all their blocks
                    }
                } catch (IOException e) {
                    throw ioError("could not truncate file", rel.segmentPath(fork, segno), e);
                }
            }
        }
    }

    /** Forces every segment of the fork to disk now. */
    public void immedsync(RelFileLocator rel, ForkNumber fork) {
        OpenRelation r = rel(rel, fork);
        int n = nblocks(rel, fork);
        int segs = n == 0 ? 1 : segno(n - 1) + 1;
        for (int segno = 0; segno < segs; segno++) {
            try {
                r.segment(segno, false).force(true);
            } catch (IOException e) {
                throw ioError("could not fsync file", rel.segmentPath(fork, segno), e);
            }
            pendingSync.remove(new SegmentKey(rel, fork, segno));
        }
    }

    /** Checkpoint: fsyncs every segment written since the last call. */
    public void syncPending() {
        for (SegmentKey k : List.copyOf(pendingSync)) {
            pendingSync.remove(k);
            Path p = path(k.rel, k.fork, k.segno);
            if (!Files.exists(p)) continue; // unlinked or truncated away since it was written
            try {
                rel(k.rel, k.fork).segment(k.segno, false).force(true);
            } catch (IOException e) {
                pendingSync.add(k);
                throw ioError("could not fsync file", k.rel.segmentPath(k.fork, k.segno), e);
            } catch (PgException e) {
                if (!Files.exists(p)) continue;
                pendingSync.add(k);
                throw e;
            }
        }
    }

    /** Removes every segment file of the fork. Buffers of the relation must be dropped first. */
    public void unlink(RelFileLocator rel, ForkNumber fork) {
        OpenRelation r = open.remove(new RelFork(rel, fork));
        if (r != null) r.closeAll();
        pendingSync.removeIf(k -> k.rel.equals(rel) && k.fork == fork);
        for (int segno = 0; ; segno++) {
            try {
                if (!Files.deleteIfExists(path(rel, fork, segno)) && segno > 0) return;
            } catch (IOException e) {
                throw ioError("could not remove file", rel.segmentPath(fork, segno), e);
            }
        }
    }

    /** Closes the open files of a fork (they are reopened on next use). */
    public void closeRelation(RelFileLocator rel, ForkNumber fork) {
        OpenRelation r = open.remove(new RelFork(rel, fork));
        if (r != null) r.closeAll();
    }

    @Override
    public void close() {
        for (OpenRelation r : open.values()) r.closeAll();
        open.clear();
    }

    private static void checkBuffer(ByteBuffer b) {
        if (b.remaining() != BLCKSZ) throw new IllegalArgumentException("a block buffer must have " + BLCKSZ + " bytes remaining");
    }

    private static PgException ioError(String what, String file, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new PgException(SqlState.IO_ERROR, what + " \"" + file + "\": " + reason, e);
    }
}
