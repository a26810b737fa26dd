package org.pgmini.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The session thread's output: messages accumulate in one buffer which the session thread
 * writes to its socket itself ({@link ClientConnection#write}) at the points where PostgreSQL
 * flushes (ReadyForQuery, Flush, ErrorResponse and NoticeResponse), so a whole response such as
 * RowDescription, DataRow, CommandComplete, ReadyForQuery leaves in one write() and never waits
 * for Nagle or delayed ACKs.
 *
 * <p>Invariants: only the session thread calls into this object. The buffer is kept and reused
 * from one response to the next (cleared after each flush); one that grew beyond
 * {@link #RETAIN} for a large result is released at the flush and a small one taken for the
 * next response, so callers must take {@link #buf()} again after any flush (they do). Large
 * results are sent in chunks of about {@link #CHUNK} bytes, and a flush returns only when the
 * kernel took every byte: a client that does not read blocks its session, as a PostgreSQL
 * backend blocks in send(), and the server never buffers a whole result set.
 */
public final class ResponseBuffer {
    /** Bytes after which a result being streamed is pushed out even before it is complete. */
    public static final int CHUNK = 64 * 1024;
    private static final int INITIAL_CAPACITY = 1024;
    /** A buffer larger than this after a flush is given back rather than kept for the session's life. */
    private static final int RETAIN = 4 * CHUNK;

    private final ClientConnection connection;
    /** Run while waiting for the client to read; throws to give up (e.g. the session is being terminated). */
    private final Runnable whileBlocked;
    private ByteBuf buf;

    public ResponseBuffer(ClientConnection connection, Runnable whileBlocked) {
        this.connection = connection;
        this.whileBlocked = whileBlocked;
    }

    /** The buffer to append messages to. */
    public ByteBuf buf() {
        ByteBuf b = buf;
        if (b == null) {
            b = PooledByteBufAllocator.DEFAULT.directBuffer(INITIAL_CAPACITY);
            buf = b;
        }
        return b;
    }

    /**
     * Sends what has accumulated; if the client is not reading, waits until the socket takes it
     * all, like PostgreSQL's blocking send. That bound matters for a client that pipelines many
     * small commands without reading the replies: the session stops, and stops reading too.
     */
    public void flush() {
        send(true);
    }

    /** Sends what the socket takes at once, without waiting (for the last words of a closing session). */
    public void flushNoWait() {
        send(false);
    }

    private void send(boolean wait) {
        ByteBuf b = buf;
        if (b == null) {
            return;
        }
        try {
            if (b.isReadable()) {
                connection.write(b, whileBlocked, wait);
            }
        } finally {
            if (b.capacity() > RETAIN || b.isReadable()) {
                // too big to keep, or a write given up half way (the rest must not go out later)
                buf = null;
                b.release();
            } else {
                b.clear();
            }
        }
    }

    /** While streaming rows: sends a full chunk (and waits if the client has fallen behind). */
    public void flushIfLarge() {
        ByteBuf b = buf;
        if (b != null && b.readableBytes() >= CHUNK) {
            flush();
        }
    }

    /** Drops anything unsent and frees the buffer (the session is ending). */
    public void discard() {
        ByteBuf b = buf;
        buf = null;
        if (b != null) {
            b.release();
        }
    }
}
