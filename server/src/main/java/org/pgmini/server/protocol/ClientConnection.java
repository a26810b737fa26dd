package org.pgmini.server.protocol;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * One client socket, read and written by the thread of the session it belongs to, as a
 * PostgreSQL backend process owns its socket: the session asks for its next message and the
 * kernel wakes exactly that thread when bytes arrive; a reply is written by the session thread
 * itself. No other thread is involved in a round trip, so there is no hand-off between threads
 * (an earlier design decoded on a Netty event loop and queued messages to the session thread,
 * and the reply went back through the event loop: two wake-ups per round trip).
 *
 * <p>The socket is non-blocking; waits (for input, or for room to write) happen in this
 * connection's own {@link Selector}, so a wait can end on a deadline (authentication_timeout,
 * the idle timeouts) or on {@link #wakeup()} (termination) as well as on the socket.
 *
 * <p>Threads and invariants:
 * <ul>
 * <li>Reading ({@link #poll}, {@link #read}, {@link #unread}) and the input buffer belong to the
 *     owning thread only.</li>
 * <li>Writing is serialized by {@link #writeLock}: the owner writes whole buffers under it;
 *     another thread (immediate shutdown, crash restart) only {@link #tryWriteFromOtherThread}s,
 *     which waits at most WRITE_RECHECK_MS for the owner to release the lock, so a message is never interleaved with
 *     another and a foreign thread never blocks on a client that does not read.</li>
 * <li>{@link #wakeup()} and {@link #closeFromOtherThread()} may be called by any thread; both
 *     only set volatile flags, touch the channel's thread-safe shutdown/close, and wake the
 *     selector under {@link #selectorLock} (so a wake-up never reaches a closed selector).</li>
 * <li>A broken or closed socket is not an exception for the session: writes are dropped and
 *     the next read reports {@link FrontendMessage#CONNECTION_CLOSED}, once the messages already
 *     received have been read (the order the client sent them in).</li>
 * </ul>
 */
public final class ClientConnection {
    /** {@link #read}'s deadline meaning "wait as long as it takes". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final int READ_CHUNK = 16 * 1024;
    /** Milliseconds between checks of {@code whileBlocked} when the client does not read. */
    private static final int WRITE_RECHECK_MS = 100;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final FrontendDecoder decoder = new FrontendDecoder();
    private final ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(READ_CHUNK);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object selectorLock = new Object();

    /** A message given back with {@link #unread}; owner thread only. */
    private FrontendMessage pushedBack;
    /** The client closed its side or the socket broke; owner thread only. */
    private boolean endOfInput;
    private boolean selectorClosed;
    private volatile boolean wakeupRequested;
    /** Set by any thread when the connection is closed or broken; writes are dropped from then on. */
    private volatile boolean closed;

    /**
     * Takes over an accepted socket (switched to non-blocking here).
     *
     * @throws IOException when the socket cannot be configured (the caller closes it)
     */
    public ClientConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            this.key = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    public SocketChannel channel() {
        return channel;
    }

    /** The next message already received, without any I/O; null when none is complete yet. Owner thread. */
    public FrontendMessage poll() {
        FrontendMessage m = pushedBack;
        if (m != null) {
            pushedBack = null;
            return m;
        }
        if (!in.isReadable()) {
            return null;
        }
        m = decoder.next(in);
        if (!in.isReadable()) {
            in.clear();
        }
        return m;
    }

    /** Gives a message back: the next {@link #poll}/{@link #read} returns it again. Owner thread. */
    public void unread(FrontendMessage m) {
        pushedBack = m;
    }

    /**
     * The next message, waiting for the client as long as needed until {@code deadlineNanos}
     * ({@link System#nanoTime()} based, or {@link #NO_DEADLINE}). Returns null when the deadline
     * passed, {@link FrontendMessage#WAKEUP} after {@link #wakeup()}, and
     * {@link FrontendMessage#CONNECTION_CLOSED} (again on every later call) once the client's
     * messages are all read and its side is closed. Owner thread.
     */
    public FrontendMessage read(long deadlineNanos) {
        while (true) {
            FrontendMessage m = poll();
            if (m != null) {
                return m;
            }
            if (wakeupRequested) {
                wakeupRequested = false;
                return FrontendMessage.WAKEUP;
            }
            if (endOfInput || closed) {
                endOfInput = true;
                return FrontendMessage.CONNECTION_CLOSED;
            }
            if (fill() > 0) {
                continue;
            }
            if (endOfInput) {
                continue;
            }
            long waitMillis = 0; // 0: no limit
            if (deadlineNanos != NO_DEADLINE) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                waitMillis = Math.max(1, (left + 999_999) / 1_000_000);
            }
            await(SelectionKey.OP_READ, waitMillis);
        }
    }

    /** One non-blocking read into the input buffer: bytes read, 0 when none are available. */
    private int fill() {
        if (in.readerIndex() > 0 && in.writableBytes() < READ_CHUNK) {
            in.discardReadBytes();
        }
        in.ensureWritable(READ_CHUNK);
        try {
            int n = in.writeBytes(channel, in.writableBytes());
            if (n < 0) {
                endOfInput = true;
                return 0;
            }
            return n;
        } catch (IOException e) {
            // connection reset and the like: the client is gone
            endOfInput = true;
            closed = true;
            return 0;
        }
    }

    /** Waits in the selector for {@code ops} on the socket, a wake-up, or the time (0: no limit). */
    private void await(int ops, long millis) {
        try {
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
            if (millis == 0) {
                selector.select();
            } else {
                selector.select(millis);
            }
            selector.selectedKeys().clear();
        } catch (IOException | java.nio.channels.CancelledKeyException
                 | java.nio.channels.ClosedSelectorException e) {
            closed = true;
            endOfInput = true;
        }
    }

    /**
     * Writes all of {@code b}'s readable bytes (consuming them), waiting while the client does not
     * read, like PostgreSQL's blocking send; {@code whileBlocked} runs every
     * {@value #WRITE_RECHECK_MS} ms of such a wait and may throw to give up (termination). With
     * {@code wait} false it writes what the socket takes at once and drops the rest (the last
     * words of a closing session). On a closed or broken connection the bytes are dropped. Owner
     * thread.
     */
    public void write(ByteBuf b, Runnable whileBlocked, boolean wait) {
        writeLock.lock();
        try {
            while (b.isReadable()) {
                if (closed) {
                    b.skipBytes(b.readableBytes());
                    return;
                }
                int n;
                try {
                    n = b.readBytes(channel, b.readableBytes());
                } catch (IOException e) {
                    closed = true;
                    continue;
                }
                if (n == 0) {
                    if (!wait) {
                        b.skipBytes(b.readableBytes());
                        return;
                    }
                    whileBlocked.run();
                    await(SelectionKey.OP_WRITE, WRITE_RECHECK_MS);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Another thread's message (a shutdown or crash WARNING) written if the socket takes it now
     * and the owner is not in the middle of a write; otherwise dropped. Releases {@code b}.
     */
    private boolean tryLockBriefly() {
        try {
            return writeLock.tryLock(WRITE_RECHECK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void tryWriteFromOtherThread(ByteBuf b) {
        try {
            // The owner holds the lock only while the kernel takes its bytes; a short wait lets a
            // reply in flight finish (a session that just sent ReadyForQuery), and gives up only
            // on a client that is not reading.
            if (!closed && tryLockBriefly()) {
                try {
                    b.readBytes(channel, b.readableBytes());
                } catch (IOException e) {
                    closed = true;
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            b.release();
        }
    }

    /** Any thread: the owner's current or next wait for input returns {@link FrontendMessage#WAKEUP}. */
    public void wakeup() {
        wakeupRequested = true;
        wakeSelector();
    }

    private void wakeSelector() {
        synchronized (selectorLock) {
            if (!selectorClosed) {
                selector.wakeup();
            }
        }
    }

    /**
     * Any thread: ends the connection now (the client sees it closed at once, even while the
     * owner is busy in a statement); the owner's reads then report the close and its writes are dropped.
     */
    public void closeFromOtherThread() {
        closed = true;
        try {
            channel.shutdownInput();
            channel.shutdownOutput();
        } catch (IOException | RuntimeException ignored) {
            // already closed or never connected
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        wakeSelector();
    }

    /** Owner thread, once at the end: closes the socket and frees the buffers. */
    public void close() {
        closed = true;
        synchronized (selectorLock) {
            selectorClosed = true;
            try {
                selector.close();
            } catch (IOException ignored) {
                // the socket is closed below anyway
            }
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        if (in.refCnt() > 0) {
            in.release();
        }
        pushedBack = null;
    }

    /** True once the connection was closed (by either side) or broke. */
    public boolean isClosed() {
        return closed;
    }
}
