package org.pgmini.executor.portal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parallel.TupleQueueCodec;
import org.pgmini.storage.tmp.BufFile;
import org.pgmini.storage.tmp.TempFileSet;

/**
 * An append-only sequence of rows with one read pointer that moves both ways (PostgreSQL's
 * tuplestore with a single read pointer): rows stay in memory while their estimated size fits in
 * work_mem, after that all of them go to one temp file under {@code base/pgsql_tmp} and later
 * rows are appended there.
 *
 * <p>The read pointer is a row number {@code p} in {@code [0, count]}: {@link #forward()} returns
 * row {@code p} and moves past it, {@link #stepBack()} moves before row {@code p - 1}, and
 * {@link #behind()} returns row {@code p - 1} without moving. The executor's scan semantics
 * (after the end, a backward fetch returns the last row) are built on top by {@link StoreScan}.
 *
 * <p>File format: each row is {@code int32 len, len bytes (TupleQueueCodec row), int32 len}; the
 * trailing length lets the pointer step back over a row. In file mode {@code offset} is the byte
 * position of row {@code p}. Rows whose values the codec cannot write (classes outside its
 * contract) keep the whole store in memory instead of failing: correct, only larger than work_mem.
 *
 * <p>Invariants: rows handed to {@link #append} are not changed by the caller afterwards;
 * {@link #close()} (idempotent) deletes the file, and the owning {@link TempFileSet} deletes it
 * too if close is never reached. Session thread only.
 */
public final class TupleStore implements AutoCloseable {
    private final long budgetBytes;
    private final Path dataDir;
    private TempFileSet files;

    private List<Object[]> memory = new ArrayList<>();
    private long memoryBytes;
    /** The rows cannot be encoded: stay in memory whatever their size. */
    private boolean pinnedInMemory;

    private BufFile file;
    private long fileEnd;
    private final TupleQueueCodec.Writer writer = new TupleQueueCodec.Writer();
    private final TupleQueueCodec.Reader reader = new TupleQueueCodec.Reader();
    private byte[] readBuf = new byte[256];
    private final byte[] lenBuf = new byte[4];

    private long count;
    private long pointer;
    private long offset;
    private boolean closed;

    /**
     * @param workMemKB memory for rows before they go to a file
     * @param dataDir   where temp files go; null keeps every row in memory (sessions without storage)
     */
    public TupleStore(long workMemKB, Path dataDir) {
        this.budgetBytes = Math.max(64, workMemKB) * 1024L;
        this.dataDir = dataDir;
    }

    public long count() {
        return count;
    }

    /** Rows before the read pointer. */
    public long pointer() {
        return pointer;
    }

    /** Whether the rows are in a temp file. */
    public boolean onDisk() {
        return file != null;
    }

    /** Adds a row at the end; the read pointer stays where it is. */
    public void append(Object[] row) {
        checkOpen();
        if (file == null) {
            memory.add(row);
            count++;
            memoryBytes += estimateBytes(row);
            if (memoryBytes > budgetBytes && !pinnedInMemory && dataDir != null) {
                spill();
            }
            return;
        }
        writeRecord(fileEnd, row);
        fileEnd = file.tell();
        count++;
    }

    /** Appends a row and moves the read pointer past it (a row read from the source, handed out at once). */
    public void appendAndPass(Object[] row) {
        boolean atEnd = pointer == count;
        append(row);
        if (atEnd) {
            pointer = count;
            offset = fileEnd;
        }
    }

    /** Row {@code p}, moving past it; null when the pointer is at the end. */
    public Object[] forward() {
        checkOpen();
        if (pointer >= count) {
            return null;
        }
        if (file == null) {
            return memory.get((int) pointer++);
        }
        Object[] row = readRecordAt(offset);
        offset = file.tell() + 4;
        pointer++;
        return row;
    }

    /** Moves the pointer back over one row; false (not moving) at the start. */
    public boolean stepBack() {
        checkOpen();
        if (pointer <= 0) {
            return false;
        }
        if (file != null) {
            offset = offset - 8 - trailingLength(offset);
        }
        pointer--;
        return true;
    }

    /** Row {@code p - 1} (the one just passed), or null at the start. */
    public Object[] behind() {
        checkOpen();
        if (pointer <= 0) {
            return null;
        }
        if (file == null) {
            return memory.get((int) pointer - 1);
        }
        return readRecordAt(offset - 8 - trailingLength(offset));
    }

    /** The pointer back to the first row. */
    public void rewind() {
        checkOpen();
        pointer = 0;
        offset = 0;
    }

    /** The pointer after the last row. */
    public void toEnd() {
        checkOpen();
        pointer = count;
        offset = fileEnd;
    }

    /** Moves the pointer forward over up to {@code n} rows; returns how many it passed. */
    public long skip(long n) {
        long done = 0;
        while (done < n && pointer < count) {
            if (file == null) {
                pointer++;
            } else {
                forward();
            }
            done++;
        }
        return done;
    }

    /** Writes every row held in memory to a new temp file; the pointer keeps its row. */
    private void spill() {
        TupleQueueCodec.Writer probe = new TupleQueueCodec.Writer();
        for (Object[] r : memory) {
            try {
                probe.reset();
                probe.writeRow(r);
            } catch (PgException notEncodable) {
                pinnedInMemory = true;
                return;
            }
        }
        files = new TempFileSet(dataDir);
        file = files.create();
        long at = 0;
        for (int i = 0; i < memory.size(); i++) {
            if (i == pointer) {
                offset = at;
            }
            writeRecord(at, memory.get(i));
            at = file.tell();
        }
        fileEnd = at;
        if (pointer == memory.size()) {
            offset = at;
        }
        memory = null;
        memoryBytes = 0;
    }

    private void writeRecord(long at, Object[] row) {
        writer.reset();
        try {
            writer.writeRow(row);
        } catch (PgException e) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "writing this cursor row to a temporary file is not supported: " + e.getMessage());
        }
        int len = writer.size();
        file.seek(at);
        putInt(len);
        file.write(writer.buffer(), 0, len);
        putInt(len);
    }

    private void putInt(int v) {
        lenBuf[0] = (byte) v;
        lenBuf[1] = (byte) (v >>> 8);
        lenBuf[2] = (byte) (v >>> 16);
        lenBuf[3] = (byte) (v >>> 24);
        file.write(lenBuf, 0, 4);
    }

    private int getInt() {
        file.readFully(lenBuf, 0, 4);
        return (lenBuf[0] & 0xFF) | (lenBuf[1] & 0xFF) << 8 | (lenBuf[2] & 0xFF) << 16 | (lenBuf[3] & 0xFF) << 24;
    }

    /** The length of the row that ends at {@code end} (its trailing length word). */
    private int trailingLength(long end) {
        file.seek(end - 4);
        return getInt();
    }

    /** Reads the row starting at {@code at}; the file is left after the row's bytes (before its trailing length). */
    private Object[] readRecordAt(long at) {
        file.seek(at);
        int len = getInt();
        if (readBuf.length < len) {
            readBuf = new byte[Math.max(len, readBuf.length * 2)];
        }
        file.readFully(readBuf, 0, len);
        reader.reset(readBuf, len);
        return reader.readRow();
    }

    /** A row's heap footprint, roughly (object headers, boxes, string bytes), for the work_mem budget. */
    static long estimateBytes(Object[] row) {
        long total = 16 + 8L * row.length;
        for (Object v : row) {
            total += valueBytes(v);
        }
        return total;
    }

    private static long valueBytes(Object v) {
        if (v == null || v instanceof Boolean) {
            return 0;
        }
        if (v instanceof String s) {
            return 40 + s.length();
        }
        if (v instanceof byte[] b) {
            return 16 + b.length;
        }
        if (v instanceof BigDecimal d) {
            return 80 + d.unscaledValue().bitLength() / 8;
        }
        if (v instanceof Object[] a) {
            return estimateBytes(a);
        }
        return 24;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tuple store is closed");
        }
    }

    /** Drops the rows and deletes the temp file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory = null;
        if (files != null) {
            files.close();
        }
    }
}
