package org.pgmini.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The session thread's output: messages accumulate in one pooled buffer which goes to the
 * socket with a single {@code writeAndFlush} at the points where PostgreSQL flushes (ReadyForQuery,
 * Flush, ErrorResponse and NoticeResponse), so a whole response such as RowDescription, DataRow,
 * CommandComplete, ReadyForQuery leaves in one write() and never waits for Nagle or delayed ACKs.
 *
 * <p>Invariants: only the session thread calls into this object (except
 * {@link #writabilityChanged()}, called by the event loop); a buffer handed to
 * {@code writeAndFlush} belongs to Netty from then on and is released by it, so a fresh one is
 * taken from the channel's pooled allocator for the next response (pooling makes that reuse).
 * Large results are sent in chunks of about {@link #CHUNK} bytes, and the session thread waits
 * while the channel is above its high-water mark, so a slow client cannot make the server
 * buffer a whole result set.
 */
public final class ResponseBuffer {
    /** Bytes after which a result being streamed is pushed out even before it is complete. */
    public static final int CHUNK = 64 * 1024;
    private static final int INITIAL_CAPACITY = 512;

    private final Channel channel;
    private final Object writability = new Object();
    /** Run while waiting for the client to read; throws to give up (e.g. the session is being terminated). */
    private final Runnable whileBlocked;
    private ByteBuf buf;

    public ResponseBuffer(Channel channel, Runnable whileBlocked) {
        this.channel = channel;
        this.whileBlocked = whileBlocked;
    }

    /** The buffer to append messages to. */
    public ByteBuf buf() {
        ByteBuf b = buf;
        if (b == null) {
            b = channel.alloc().ioBuffer(INITIAL_CAPACITY);
            buf = b;
        }
        return b;
    }

    /**
     * Sends what has accumulated; if the client is not reading (the channel is above its
     * high-water mark), waits until it does, like PostgreSQL's blocking send. That bound matters
     * for a client that pipelines many small commands without reading the replies: the backend
     * stops, its input queue fills, and the event loop stops reading from the socket.
     */
    public void flush() {
        send();
        if (!channel.isWritable()) {
            awaitWritable();
        }
    }

    /** Sends what has accumulated without waiting (for the last words of a closing session). */
    public void flushNoWait() {
        send();
    }

    private void send() {
        ByteBuf b = buf;
        if (b == null) {
            return;
        }
        buf = null;
        if (b.isReadable() && channel.isActive()) {
            channel.writeAndFlush(b, channel.voidPromise());
        } else {
            b.release();
        }
    }

    /** While streaming rows: sends a full chunk (and waits if the client has fallen behind). */
    public void flushIfLarge() {
        ByteBuf b = buf;
        if (b != null && b.readableBytes() >= CHUNK) {
            flush();
        }
    }

    private void awaitWritable() {
        while (channel.isActive() && !channel.isWritable()) {
            whileBlocked.run();
            synchronized (writability) {
                if (channel.isActive() && !channel.isWritable()) {
                    try {
                        writability.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Event loop: the channel crossed a water mark. */
    public void writabilityChanged() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    /** Drops anything unsent (the connection is going away). */
    public void discard() {
        ByteBuf b = buf;
        buf = null;
        if (b != null) {
            b.release();
        }
    }
}
