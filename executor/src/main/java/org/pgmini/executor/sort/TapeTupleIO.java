package org.pgmini.executor.sort;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tape.LogicalTape;

/**
 * The on-tape form of sorted tuples: {@code int32 len, len bytes of the codec's serialization}
 * and, when the sort needs random access, the length once more after the tuple so that a
 * backward scan can find where the previous tuple starts. A tape holds exactly one run; its end
 * is the end of the tape (no end-of-run marker: every run has a tape of its own, and a paused
 * tape costs no memory).
 */
final class TapeTupleIO<T> {
    private final SortTupleCodec<T> codec;
    private final boolean trailingLength;
    private final ByteSink sink = new ByteSink();
    private final byte[] lenBuf = new byte[4];
    private byte[] readBuf = new byte[256];

    TapeTupleIO(SortTupleCodec<T> codec, boolean trailingLength) {
        this.codec = codec;
        this.trailingLength = trailingLength;
    }

    void write(LogicalTape tape, T tuple) {
        sink.reset(4);
        codec.write(tuple, sink);
        int len = sink.length() - 4;
        ByteSink.INT.set(sink.array(), 0, len);
        if (trailingLength) sink.writeInt(len);
        tape.write(sink.array(), 0, sink.length());
    }

    /** The next tuple of the tape, or null at its end. */
    T read(LogicalTape tape) {
        int n = tape.read(lenBuf, 0, 4);
        if (n == 0) return null;
        if (n != 4) throw truncated(tape);
        int len = (int) ByteSink.INT.get(lenBuf, 0);
        int total = len + (trailingLength ? 4 : 0);
        if (len < 0) throw truncated(tape);
        if (readBuf.length < total) readBuf = new byte[Math.max(total, readBuf.length * 2)];
        tape.readFully(readBuf, 0, total);
        return codec.read(readBuf, 0, len);
    }

    /**
     * Moves a frozen tape from just after a tuple to just before it; false (not moved) at the
     * start of the tape. Needs the trailing length.
     */
    boolean stepBack(LogicalTape tape) {
        long moved = tape.backspace(4);
        if (moved == 0) return false;
        if (moved != 4) throw bogus();
        tape.readFully(lenBuf, 0, 4);
        long len = (int) ByteSink.INT.get(lenBuf, 0);
        if (tape.backspace(len + 8) != len + 8) throw bogus();
        return true;
    }

    private static PgException truncated(LogicalTape tape) {
        return new PgException(SqlState.IO_ERROR, "unexpected end of data in sort tape " + tape.id());
    }

    private static PgException bogus() {
        return new PgException(SqlState.IO_ERROR, "bogus tuple length in backward scan");
    }
}
