package org.pgmini.storage.tape;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * One logical tape of a {@link LogicalTapeSet}. Life cycle:
 * <pre>
 *   WRITING --pause--> PAUSED --resume--> WRITING
 *   WRITING/PAUSED --rewindForRead--> READING   (sequential, destructive: blocks are freed as read)
 *   WRITING/PAUSED --freeze--> FROZEN           (read-only, re-readable, tell/seek/backspace)
 * </pre>
 * While writing, the tape holds one block buffer: {@code curBlock} (already allocated) with
 * {@code prevBlock} its predecessor; when the buffer is full and more data comes, the next block
 * is allocated, its number goes into the full block's trailer and the full block is written.
 * {@link #pause()} writes the partial last block (trailer marks it last with its valid byte
 * count) and drops the buffer, keeping only {@code curBlock}; {@link #resume()} reads that block
 * back and re-derives the rest from its trailer. Since a paused tape is entirely on disk,
 * {@link #rewindForRead} after a pause does no I/O; reading starts at the first block.
 *
 * <p>A reading tape uses a read-ahead buffer of whole blocks sized by the caller, filled by one
 * read of the file where the tape's blocks follow each other there; a frozen one
 * a single block (so a position is a block and an offset, and {@link #backspace} can follow the
 * {@code prev} links).
 */
public final class LogicalTape {
    private enum State { WRITING, PAUSED, READING, FROZEN, CLOSED }

    private static final int BLCKSZ = LogicalTapeSet.BLCKSZ;
    private static final int DATA = LogicalTapeSet.DATA_SIZE;

    private final LogicalTapeSet set;
    private final int id;
    private final boolean imported;
    private State state;
    private long firstBlock = -1;
    private long size;

    private byte[] buf;
    /** WRITING: block the buffer will be written to. PAUSED: the last block. FROZEN: block in the buffer. */
    private long curBlock = -1;
    /** WRITING: predecessor of curBlock. FROZEN: the trailer's prev of the block in the buffer. */
    private long prevBlock = -1;
    /** WRITING: bytes in the buffer. READING/FROZEN: read position in the buffer. */
    private int pos;
    /** READING/FROZEN: valid bytes in the buffer. */
    private int nbytes;
    /** READING/FROZEN: next block to read, -1 at the end. */
    private long nextBlock = -1;

    private LogicalTape(LogicalTapeSet set, int id, boolean imported, State state) {
        this.set = set;
        this.id = id;
        this.imported = imported;
        this.state = state;
    }

    static LogicalTape forWriting(LogicalTapeSet set, int id) { return new LogicalTape(set, id, false, State.WRITING); }

    static LogicalTape imported(LogicalTapeSet set, int id, long firstBlock, long size) {
        LogicalTape t = new LogicalTape(set, id, true, State.PAUSED);
        t.firstBlock = firstBlock;
        t.size = size;
        return t;
    }

    /** Number of this tape within its set (for logs). */
    public int id() { return id; }

    /** Bytes written to the tape. */
    public long size() { return size; }

    /** Bytes of buffer this tape holds now (for the caller's memory accounting). */
    public int bufferBytes() { return buf == null ? 0 : buf.length; }

    public boolean isPaused() { return state == State.PAUSED; }

    public boolean isFrozen() { return state == State.FROZEN; }

    public void write(byte[] data) { write(data, 0, data.length); }

    public void write(byte[] data, int off, int len) {
        require(State.WRITING, "write");
        if (len <= 0) return;
        if (buf == null) buf = new byte[BLCKSZ];
        size += len;
        while (len > 0) {
            if (curBlock < 0) {
                curBlock = set.allocateBlock();
                firstBlock = curBlock;
                prevBlock = -1;
                pos = 0;
            } else if (pos == DATA) {
                long next = set.allocateBlock();
                LogicalTapeSet.setTrailer(buf, 0, prevBlock, next);
                set.writeBlock(curBlock, buf, 0);
                prevBlock = curBlock;
                curBlock = next;
                pos = 0;
            }
            int n = Math.min(len, DATA - pos);
            System.arraycopy(data, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Writes the partial last block and drops the buffer; only the last block's number is kept. */
    public void pause() {
        require(State.WRITING, "pause");
        flushLastBlock();
        buf = null;
        prevBlock = -1;
        pos = 0;
        state = State.PAUSED;
    }

    /** Reads the last block back and continues writing where {@link #pause()} stopped. */
    public void resume() {
        require(State.PAUSED, "resume");
        if (imported) throw new IllegalStateException("an imported tape cannot be written");
        if (curBlock >= 0) {
            buf = new byte[BLCKSZ];
            set.readBlock(curBlock, buf, 0);
            long next = LogicalTapeSet.trailerNext(buf, 0);
            if (next >= 0) throw corrupt("last block " + curBlock + " is not marked as the end");
            prevBlock = LogicalTapeSet.trailerPrev(buf, 0);
            pos = LogicalTapeSet.validBytesOfEnd(next);
        }
        state = State.WRITING;
    }

    private void flushLastBlock() {
        if (curBlock < 0) return;
        LogicalTapeSet.setTrailer(buf, 0, prevBlock, LogicalTapeSet.endMarker(pos));
        set.writeBlock(curBlock, buf, 0);
    }

    private void finishWriting(String op) {
        if (state == State.WRITING) pause();
        else require(State.PAUSED, op);
    }

    /**
     * Ends writing (writing the last block unless already paused) and positions at the start
     * for one sequential read with a read-ahead buffer of {@code bufferBytes} (whole blocks, at
     * least one). The read is destructive: each block goes back to the set's free list once
     * copied into the buffer, so the tape can be read only once.
     */
    public void rewindForRead(int bufferBytes) {
        finishWriting("rewindForRead");
        int blocks = Math.max(1, bufferBytes / BLCKSZ);
        buf = new byte[blocks * BLCKSZ]; // whole blocks, so that one read can fill it
        nextBlock = firstBlock;
        pos = nbytes = 0;
        curBlock = -1;
        state = State.READING;
    }

    /**
     * Ends writing and makes the tape read-only and re-readable (its blocks are never freed), with
     * a one-block buffer so that {@link #tell}, {@link #seek} and {@link #backspace} work.
     * Positioned at the start.
     */
    public void freeze() {
        finishWriting("freeze");
        buf = new byte[BLCKSZ];
        state = State.FROZEN;
        curBlock = -1;
        rewind();
    }

    /** Back to the start of a frozen tape. */
    public void rewind() {
        require(State.FROZEN, "rewind");
        if (firstBlock < 0) {
            curBlock = -1;
            nbytes = pos = 0;
            nextBlock = prevBlock = -1;
        } else {
            if (curBlock != firstBlock) loadFrozen(firstBlock);
            pos = 0;
        }
    }

    private void loadFrozen(long block) {
        set.readBlock(block, buf, 0);
        curBlock = block;
        prevBlock = LogicalTapeSet.trailerPrev(buf, 0);
        long next = LogicalTapeSet.trailerNext(buf, 0);
        if (next >= 0) {
            nbytes = DATA;
            nextBlock = next;
        } else {
            nbytes = LogicalTapeSet.validBytesOfEnd(next);
            nextBlock = -1;
        }
        if (nbytes < 0 || nbytes > DATA) throw corrupt("block " + block + " has an invalid trailer");
    }

    /** Reads up to {@code len} bytes; fewer only at the end of the tape. */
    public int read(byte[] data, int off, int len) {
        if (state != State.READING && state != State.FROZEN) throw wrongState("read");
        int total = 0;
        while (len > 0) {
            if (pos >= nbytes && !refill()) break;
            int n = Math.min(len, nbytes - pos);
            System.arraycopy(buf, pos, data, off, n);
            pos += n;
            off += n;
            len -= n;
            total += n;
        }
        return total;
    }

    /** Reads exactly {@code len} bytes or raises an error. */
    public void readFully(byte[] data, int off, int len) {
        int n = read(data, off, len);
        if (n != len) {
            throw new PgException(SqlState.IO_ERROR, "could not read from tape " + id + ": read only " + n + " of " + len + " bytes");
        }
    }

    private boolean refill() {
        if (nextBlock < 0) return false;
        if (state == State.FROZEN) {
            loadFrozen(nextBlock);
            pos = 0;
            return nbytes > 0;
        }
        // Read whole blocks back to back, as many in one read of the file as the buffer takes:
        // the chain usually goes on to the next block of the file (a run is written in one go),
        // and read blocks are used for as long as it does. Each block's data is moved down to
        // follow the previous one's (closing the gap of the trailer in between); blocks read
        // beyond where the chain jumps elsewhere are dropped (read again when it gets there).
        pos = nbytes = 0;
        while (nextBlock >= 0 && nbytes + BLCKSZ <= buf.length) {
            int at = nbytes;
            int got = set.readBlocks(nextBlock, (buf.length - at) / BLCKSZ, buf, at);
            for (int k = 0; k < got; k++) {
                long block = nextBlock;
                int from = at + k * BLCKSZ;
                long next = LogicalTapeSet.trailerNext(buf, from);
                int valid;
                if (next >= 0) {
                    valid = DATA;
                    nextBlock = next;
                } else {
                    valid = LogicalTapeSet.validBytesOfEnd(next);
                    nextBlock = -1;
                }
                if (valid < 0 || valid > DATA) throw corrupt("block " + block + " has an invalid trailer");
                if (from != nbytes) System.arraycopy(buf, from, buf, nbytes, valid);
                set.releaseBlock(block);
                nbytes += valid;
                if (next != block + 1) break;
            }
        }
        return nbytes > 0;
    }

    /** Position of the next byte to read in a frozen tape. */
    public TapePosition tell() {
        require(State.FROZEN, "tell");
        return new TapePosition(curBlock, pos);
    }

    /** Moves to a position {@link #tell} returned. */
    public void seek(TapePosition p) {
        require(State.FROZEN, "seek");
        if (p.block() < 0) {
            rewind();
            return;
        }
        if (p.block() != curBlock) loadFrozen(p.block());
        if (p.offset() < 0 || p.offset() > nbytes) throw new IllegalArgumentException("offset " + p.offset() + " outside block " + p.block());
        pos = p.offset();
    }

    /**
     * Moves back {@code n} bytes in a frozen tape, following the {@code prev} links across
     * blocks. Returns how far it moved (less than {@code n} only when it reached the start).
     */
    public long backspace(long n) {
        require(State.FROZEN, "backspace");
        long moved = 0;
        while (n > pos) {
            if (prevBlock < 0) {
                moved += pos;
                pos = 0;
                return moved;
            }
            n -= pos;
            moved += pos;
            loadFrozen(prevBlock);
            pos = nbytes;
        }
        pos -= (int) n;
        return moved + n;
    }

    /**
     * Describes this finished tape for a leader in another process (the set must be a shared
     * one). Pauses a tape still being written; the tape stays usable here.
     */
    public TapeExport export() {
        if (!set.isShared()) throw new IllegalStateException("only tapes of a shared tape set can be exported");
        if (state == State.WRITING) pause();
        if (state != State.PAUSED && state != State.FROZEN) throw wrongState("export");
        return new TapeExport(set.sharedFileName(), set.blocksUsed(), firstBlock, size);
    }

    /** Drops the buffer. Blocks not yet read stay allocated until the set is closed. */
    public void close() {
        buf = null;
        state = State.CLOSED;
    }

    private void require(State s, String op) {
        if (state != s) throw wrongState(op);
    }

    private IllegalStateException wrongState(String op) {
        return new IllegalStateException("cannot " + op + " tape " + id + " in state " + state);
    }

    private PgException corrupt(String what) {
        return new PgException(SqlState.IO_ERROR, "corrupt logical tape " + id + ": " + what);
    }
}
