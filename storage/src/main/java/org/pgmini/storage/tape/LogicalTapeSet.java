package org.pgmini.storage.tape;

import org.pgmini.storage.tmp.BufFile;
import org.pgmini.storage.tmp.TempFileSet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many logical tapes in one temp file (logtape.c, with the pause/resume design): each tape is
 * a chain of {@link #BLCKSZ} blocks linked through a trailer, so a tape being written needs one
 * block of memory and a paused tape none. Blocks are handed out lowest-free-first; a block is
 * given back as soon as a destructive reader has copied it, so a merge writes its output into
 * the blocks its inputs just released and the file stays about as large as the data.
 *
 * <h2>Block numbers</h2>
 * Block numbers are global to the set. A set is a list of files ("extents"), each starting at a
 * base block number: first the files imported from other processes (read-only; their trailers
 * hold numbers relative to their own file, so {@link #readBlock} adds the base), then this
 * process's own file, the only one written, whose trailers hold global numbers. A set that
 * imported nothing has just its own file at base 0, so its numbers are file-relative too —
 * which is what lets a worker's file be imported by a leader.
 *
 * <h2>Block format</h2>
 * Bytes {@code [0, DATA_SIZE)} are tape data, then the trailer: {@code prev} (little-endian
 * int64, the previous block of the tape, -1 for the first) and {@code next} (the next block,
 * or, on the tape's last block, {@code -(validBytes + 1)}: a negative value marks the end and
 * tells how many data bytes are valid). Every block except a tape's last is full.
 *
 * <p>Not thread-safe: a set belongs to one backend (a sort).
 */
public final class LogicalTapeSet implements AutoCloseable {
    public static final int BLCKSZ = 8192;
    public static final int TRAILER_SIZE = 16;
    public static final int DATA_SIZE = BLCKSZ - TRAILER_SIZE;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final BlockFile[] files;
    private final long[] bases;
    private final int own;
    private final long ownBase;
    private final String sharedFileName;
    private final List<LogicalTape> importedTapes = new ArrayList<>();
    private final FreeBlockHeap free = new FreeBlockHeap();
    /** Global number of the first block of the own file never handed out: the high-water mark. */
    private long nextFresh;
    private boolean forgetFreeSpace;
    private long blocksRead;
    private long blocksWritten;
    private int tapesCreated;
    private boolean closed;

    private LogicalTapeSet(BlockFile[] files, long[] bases, String sharedFileName) {
        this.files = files;
        this.bases = bases;
        this.own = files.length - 1;
        this.ownBase = bases[own];
        this.nextFresh = ownBase;
        this.sharedFileName = sharedFileName;
    }

    /** A private tape set in a new temp file of this process. */
    public static LogicalTapeSet create(Path dataDir) {
        return new LogicalTapeSet(new BlockFile[] {new BufFileBlocks(BufFile.create(dataDir))}, new long[] {0}, null);
    }

    /** A private tape set whose file also belongs to {@code owner} (removed when the query's set closes). */
    public static LogicalTapeSet create(TempFileSet owner) {
        return new LogicalTapeSet(new BlockFile[] {new BufFileBlocks(owner.create())}, new long[] {0}, null);
    }

    /**
     * A worker's tape set: its file is {@code fileName} in the shared fileset, so that its
     * tapes can be {@link LogicalTape#export exported} to the leader. Closing the set leaves the
     * file for the leader; the fileset's owner removes it.
     */
    public static LogicalTapeSet createShared(SharedFileSet fileset, String fileName) {
        return new LogicalTapeSet(new BlockFile[] {fileset.createFile(fileName)}, new long[] {0}, fileName);
    }

    /**
     * The leader's tape set: the files of the exported tapes become read-only extents (one per
     * distinct file, in order of first appearance) and {@link #importedTapes()} gives one tape
     * per export, in the same order, ready to be read. New tapes are written to a private file
     * after them ({@code owner} may be null: then the set alone owns that file).
     */
    public static LogicalTapeSet importTapes(SharedFileSet fileset, List<TapeExport> exports, TempFileSet owner) {
        Map<String, Integer> fileIndex = new LinkedHashMap<>();
        List<BlockFile> files = new ArrayList<>();
        List<Long> bases = new ArrayList<>();
        long base = 0;
        try {
            for (TapeExport e : exports) {
                if (fileIndex.containsKey(e.fileName())) continue;
                fileIndex.put(e.fileName(), files.size());
                files.add(fileset.openFile(e.fileName()));
                bases.add(base);
                base += e.fileBlocks();
            }
            BufFile mine = owner != null ? owner.create() : BufFile.create(fileset.dataDir());
            files.add(new BufFileBlocks(mine));
            bases.add(base);
        } catch (RuntimeException ex) {
            for (BlockFile f : files) f.close();
            throw ex;
        }
        long[] b = new long[bases.size()];
        for (int i = 0; i < b.length; i++) b[i] = bases.get(i);
        LogicalTapeSet set = new LogicalTapeSet(files.toArray(new BlockFile[0]), b, null);
        for (TapeExport e : exports) {
            long fileBase = b[fileIndex.get(e.fileName())];
            long first = e.firstBlock() < 0 ? -1 : fileBase + e.firstBlock();
            set.importedTapes.add(LogicalTape.imported(set, set.tapesCreated++, first, e.sizeBytes()));
        }
        return set;
    }

    /** The tapes imported by {@link #importTapes}, one per export in the same order. */
    public List<LogicalTape> importedTapes() { return List.copyOf(importedTapes); }

    /** A new, empty tape in the writing state (it takes its buffer at the first write). */
    public LogicalTape createTape() {
        checkOpen();
        return LogicalTape.forWriting(this, tapesCreated++);
    }

    /** High-water mark of the set in blocks (imported files included): what it occupies on disk. */
    public long blocksUsed() { return nextFresh; }

    /** Blocks currently on the free list. */
    public int freeBlocks() { return free.size(); }

    public long blocksRead() { return blocksRead; }

    public long blocksWritten() { return blocksWritten; }

    /**
     * Stops keeping the free list (LogicalTapeSetForgetFreeSpace): for the final merge, when
     * nothing will be written any more and maintaining the heap would be wasted work.
     */
    public void forgetFreeSpace() {
        forgetFreeSpace = true;
        free.clear();
    }

    String sharedFileName() { return sharedFileName; }

    boolean isShared() { return sharedFileName != null; }

    long allocateBlock() {
        checkOpen();
        if (!free.isEmpty()) return free.pop();
        return nextFresh++;
    }

    /**
     * Gives a block back after a destructive read. Blocks of imported files are never reused
     * (they are read-only), and after {@link #forgetFreeSpace} nothing is kept.
     */
    void releaseBlock(long block) {
        if (forgetFreeSpace || block < ownBase) return;
        free.push(block);
    }

    /** Reads a block and turns the links in its trailer into global block numbers. */
    void readBlock(long block, byte[] dst, int off) {
        checkOpen();
        int i = extentOf(block);
        files[i].readBlock(block - bases[i], dst, off);
        blocksRead++;
        if (i != own && bases[i] != 0) {
            long prev = trailerPrev(dst, off);
            long next = trailerNext(dst, off);
            setTrailer(dst, off, prev >= 0 ? prev + bases[i] : prev, next >= 0 ? next + bases[i] : next);
        }
    }

    /**
     * Reads {@code block} and, when it can be done in the same read, up to {@code n - 1} blocks
     * after it in the file, into {@code dst[off, ...)}; returns how many blocks were read (at
     * least 1). Only this process's own file is read ahead (an imported file's trailers need
     * rebasing block by block) and never beyond the blocks handed out. The caller uses the
     * extra blocks only where a tape's chain continues into them. [sortperf: read-ahead]
     */
    int readBlocks(long block, int n, byte[] dst, int off) {
        checkOpen();
        int i = extentOf(block);
        if (i != own || n <= 1) {
            readBlock(block, dst, off);
            return 1;
        }
        int want = (int) Math.min(n, nextFresh - block);
        int got = files[own].readBlocks(block - ownBase, want, dst, off);
        blocksRead += got;
        return got;
    }

    void writeBlock(long block, byte[] src, int off) {
        checkOpen();
        if (block < ownBase) throw new IllegalStateException("block " + block + " belongs to an imported file");
        files[own].writeBlock(block - ownBase, src, off);
        blocksWritten++;
    }

    private int extentOf(long block) {
        if (block < 0 || block >= nextFresh) throw new IllegalStateException("invalid tape block " + block);
        for (int i = own; i > 0; i--) if (block >= bases[i]) return i;
        return 0;
    }

    static long trailerPrev(byte[] b, int blockOff) { return (long) LONG_LE.get(b, blockOff + DATA_SIZE); }

    static long trailerNext(byte[] b, int blockOff) { return (long) LONG_LE.get(b, blockOff + DATA_SIZE + 8); }

    static void setTrailer(byte[] b, int blockOff, long prev, long next) {
        LONG_LE.set(b, blockOff + DATA_SIZE, prev);
        LONG_LE.set(b, blockOff + DATA_SIZE + 8, next);
    }

    /** The {@code next} value of a tape's last block holding {@code validBytes} bytes. */
    static long endMarker(int validBytes) { return -(validBytes + 1L); }

    static int validBytesOfEnd(long next) { return (int) (-next - 1); }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("tape set is closed");
    }

    /** Closes every file: the private one is deleted, shared ones stay for the fileset's owner. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RuntimeException first = null;
        for (BlockFile f : files) {
            try {
                f.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    public boolean isClosed() { return closed; }
}
