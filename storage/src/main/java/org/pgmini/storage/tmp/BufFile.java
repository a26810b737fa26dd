package org.pgmini.storage.tmp;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A buffered temporary file (buffile.c): one logical byte stream with seek, stored as segment
 * files of at most {@code segmentSize} bytes (1 GiB by default), each a temporary file under
 * {@code base/pgsql_tmp}. One 8 KiB buffer serves reads and writes. Closing the file deletes
 * its segments; so do the owning {@link TempFileSet} on error and the process-exit hook.
 * Not thread-safe: a BufFile belongs to one backend.
 */
public final class BufFile implements AutoCloseable {
    public static final long DEFAULT_SEGMENT_SIZE = 1L << 30;
    private static final int BUFFER_SIZE = 8192;

    private final Path dataDir;
    private final long segmentSize;
    private final List<Path> paths = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();
    private final byte[] buf = new byte[BUFFER_SIZE];
    private long bufStart;
    private int bufLen;
    private boolean dirty;
    private long pos;
    private long physicalSize;
    private boolean closed;

    public static BufFile create(Path dataDir) { return new BufFile(dataDir, DEFAULT_SEGMENT_SIZE); }

    public static BufFile create(Path dataDir, long segmentSize) { return new BufFile(dataDir, segmentSize); }

    private BufFile(Path dataDir, long segmentSize) {
        if (segmentSize < BUFFER_SIZE) throw new IllegalArgumentException("segment size too small");
        this.dataDir = dataDir;
        this.segmentSize = segmentSize;
        addSegment();
    }

    private void addSegment() {
        Path p = TempFiles.createFile(dataDir);
        paths.add(p);
        try {
            channels.add(FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            TempFiles.deleteFile(p);
            paths.remove(paths.size() - 1);
            throw new PgException(SqlState.IO_ERROR, "could not open temporary file \"" + p + "\": " + e.getMessage(), e);
        }
    }

    /** Paths of the segment files (for tests). */
    public List<Path> segmentPaths() { return List.copyOf(paths); }

    public void write(byte[] data) { write(data, 0, data.length); }

    public void write(byte[] data, int off, int len) {
        checkOpen();
        while (len > 0) {
            if (pos < bufStart || pos > bufStart + bufLen || pos - bufStart >= BUFFER_SIZE) {
                flushBuffer();
                bufStart = pos;
                bufLen = 0;
            }
            int i = (int) (pos - bufStart);
            int n = Math.min(len, BUFFER_SIZE - i);
            System.arraycopy(data, off, buf, i, n);
            bufLen = Math.max(bufLen, i + n);
            dirty = true;
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Reads up to {@code len} bytes; returns the number read (0 at end of file). */
    public int read(byte[] data, int off, int len) {
        checkOpen();
        int total = 0;
        while (len > 0) {
            if (pos < bufStart || pos >= bufStart + bufLen) {
                flushBuffer();
                bufStart = pos;
                bufLen = readPhysical(pos, buf, 0, BUFFER_SIZE);
                if (bufLen == 0) break;
            }
            int i = (int) (pos - bufStart);
            int n = Math.min(len, bufLen - i);
            System.arraycopy(buf, i, data, off, n);
            pos += n;
            off += n;
            len -= n;
            total += n;
        }
        return total;
    }

    /**
     * Reads up to {@code len} bytes at {@code position} straight into {@code data} (bypassing
     * the buffer, whose unwritten bytes are written first), without moving the read/write
     * position; returns the number read (fewer only at the end of the file). For large
     * sequential reads (a tape's read-ahead). [sortperf: added]
     */
    public int readAt(long position, byte[] data, int off, int len) {
        checkOpen();
        flushBuffer();
        return readPhysical(position, data, off, len);
    }

    /** Reads exactly {@code len} bytes or raises an error (BufFileReadExact). */
    public void readFully(byte[] data, int off, int len) {
        int n = read(data, off, len);
        if (n != len) {
            throw new PgException(SqlState.IO_ERROR, "could not read from temporary file: read only " + n + " of " + len + " bytes");
        }
    }

    public void seek(long position) {
        checkOpen();
        if (position < 0) throw new IllegalArgumentException("negative position");
        pos = position;
    }

    public long tell() { return pos; }

    /** Logical size: everything written so far. */
    public long size() { return Math.max(physicalSize, dirty ? bufStart + bufLen : 0); }

    private void flushBuffer() {
        if (!dirty) return;
        writePhysical(bufStart, buf, bufLen);
        dirty = false;
    }

    private void writePhysical(long at, byte[] src, int len) {
        int done = 0;
        while (done < len) {
            long p = at + done;
            int seg = (int) (p / segmentSize);
            while (channels.size() <= seg) addSegment();
            long inSeg = p % segmentSize;
            int n = (int) Math.min(len - done, segmentSize - inSeg);
            ByteBuffer bb = ByteBuffer.wrap(src, done, n);
            try {
                while (bb.hasRemaining()) channels.get(seg).write(bb, inSeg + (bb.position() - done));
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not write to temporary file \"" + paths.get(seg) + "\": " + e.getMessage(), e);
            }
            done += n;
        }
        physicalSize = Math.max(physicalSize, at + len);
    }

    private int readPhysical(long at, byte[] dst, int dstOff, int len) {
        int done = 0;
        while (done < len) {
            long p = at + done;
            if (p >= physicalSize) break;
            int seg = (int) (p / segmentSize);
            long inSeg = p % segmentSize;
            int n = (int) Math.min(Math.min(len - done, segmentSize - inSeg), physicalSize - p);
            ByteBuffer bb = ByteBuffer.wrap(dst, dstOff + done, n);
            try {
                while (bb.hasRemaining()) {
                    int r = channels.get(seg).read(bb, inSeg + (bb.position() - dstOff - done));
                    if (r < 0) break;
                }
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not read from temporary file \"" + paths.get(seg) + "\": " + e.getMessage(), e);
            }
            done += n;
        }
        return done;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("temporary file is closed");
    }

    /** Closes and deletes every segment. Safe to call twice. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (FileChannel ch : channels) {
            try { ch.close(); } catch (IOException ignored) { /* deleting it next */ }
        }
        for (Path p : paths) TempFiles.deleteFile(p);
        channels.clear();
    }

    public boolean isClosed() { return closed; }
}
