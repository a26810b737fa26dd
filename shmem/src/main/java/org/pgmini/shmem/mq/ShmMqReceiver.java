package org.pgmini.shmem.mq;

import org.pgmini.error.PgException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BooleanSupplier;

/**
 * The receiving end of a {@link ShmMq}. One thread at a time.
 *
 * <p>{@link #receive} returns a status; on SUCCESS {@link #message()} is the message, valid until
 * the next call: a message lying contiguously in the ring is returned as a view of the ring (no
 * copy), its space handed back to the sender only at the next receive; other messages (wrapping,
 * or streamed because they are larger than the ring) are assembled in a private buffer.
 *
 * <p>Bytes read are published in batches too: when a quarter of the ring was consumed, and always
 * before this side waits (otherwise a sender waiting for that space would wait for us while we
 * wait for it).
 */
public final class ShmMqReceiver extends ShmMqEndpoint {
    private static final int KEEP_ASSEMBLY_BUFFER_MAX = 8 << 20;

    private long read;
    private long publishedRead;
    private long cachedWritten;
    /** Payload length of the message being assembled, -1 between messages. */
    private long expected = -1;
    /** Bytes of the padded payload consumed so far. */
    private long got;
    private ByteBuffer assembly = ByteBuffer.allocate(0);
    private ByteBuffer message;

    private ShmMqReceiver(ShmMq mq, BooleanSupplier peerCheck) {
        super(mq, false, peerCheck);
        this.read = region.getLongVolatile(base + ShmMq.BYTES_READ);
        this.publishedRead = read;
        this.cachedWritten = region.getLongVolatile(base + ShmMq.BYTES_WRITTEN);
    }

    /** shm_mq_set_receiver + shm_mq_attach: this process becomes the queue's only receiver. */
    public static ShmMqReceiver attach(ShmMq mq, BooleanSupplier peerCheck) {
        return new ShmMqReceiver(mq, peerCheck);
    }

    /** The message of the last successful receive (position 0, limit = length, native order). */
    public ByteBuffer message() {
        return message;
    }

    /** Blocking receive, returning a copy of the message, or null once the queue is detached. */
    public byte[] receiveBytes() {
        if (receive(false) != ShmMqResult.SUCCESS) {
            return null;
        }
        byte[] out = new byte[message.remaining()];
        message.duplicate().get(out);
        return out;
    }

    public ShmMqResult receive(boolean nowait) {
        message = null;
        // The previous message's ring space (if it was returned as a view) is free from now on.
        if (read - publishedRead >= publishThreshold) {
            publishRead();
        }
        for (;;) {
            long avail = cachedWritten - read;
            if (expected < 0) {
                if (avail < 8) {
                    ShmMqResult r = waitFor(8, nowait);
                    if (r != null) {
                        return r;
                    }
                    continue;
                }
                long len = region.getLong(ring + read % ringSize);
                if (len < 0 || len > ShmMq.MAX_MESSAGE) {
                    throw new PgException("54000", "invalid message size " + len + " in shared memory queue");
                }
                read += 8;
                avail -= 8;
                long padded = align8(len);
                long pos = read % ringSize;
                if (padded > avail) {
                    // Our copy of the sender's counter may be stale: one fresh look can spare a copy.
                    cachedWritten = region.getLongVolatile(base + ShmMq.BYTES_WRITTEN);
                    avail = cachedWritten - read;
                }
                if (padded <= avail && pos + len <= ringSize && region.withinOneWindow(ring + pos, len)) {
                    message = region.buffer(ring + pos, (int) len);
                    read += padded;
                    return ShmMqResult.SUCCESS;
                }
                expected = len;
                got = 0;
                if (assembly.capacity() < len || assembly.capacity() > KEEP_ASSEMBLY_BUFFER_MAX) {
                    assembly = ByteBuffer.allocate((int) len).order(ByteOrder.nativeOrder());
                }
                assembly.clear();
            }
            long paddedRemaining = align8(expected) - got;
            if (paddedRemaining == 0) {
                assembly.flip();
                message = assembly;
                expected = -1;
                return ShmMqResult.SUCCESS;
            }
            if (avail <= 0) {
                ShmMqResult r = waitFor(1, nowait);
                if (r != null) {
                    return r;
                }
                continue;
            }
            long pos = read % ringSize;
            long n = Math.min(Math.min(avail, paddedRemaining), ringSize - pos);
            long copy = Math.min(n, expected - got);
            if (copy > 0) {
                region.getBytes(ring + pos, assembly, (int) copy);
            }
            got += n;
            read += n;
            if (read - publishedRead >= publishThreshold) {
                publishRead();
            }
        }
    }

    /**
     * Refreshes the sender's counter; if fewer than {@code need} bytes are available, publishes
     * our progress and waits (or returns WOULD_BLOCK / DETACHED). Returns null to continue.
     */
    private ShmMqResult waitFor(long need, boolean nowait) {
        cachedWritten = region.getLongVolatile(base + ShmMq.BYTES_WRITTEN);
        if (cachedWritten - read >= need) {
            return null;
        }
        publishRead();
        for (;;) {
            if (queueDetached()) {
                // The sender publishes before it sets the flag: one more look finds its last bytes.
                cachedWritten = region.getLongVolatile(base + ShmMq.BYTES_WRITTEN);
                return cachedWritten - read >= need ? null : ShmMqResult.DETACHED;
            }
            if (nowait) {
                return ShmMqResult.WOULD_BLOCK;
            }
            sleep();
            cachedWritten = region.getLongVolatile(base + ShmMq.BYTES_WRITTEN);
            if (cachedWritten - read >= need) {
                return null;
            }
        }
    }

    private void publishRead() {
        if (read != publishedRead) {
            region.putLongVolatile(base + ShmMq.BYTES_READ, read);
            publishedRead = read;
            peerLatch.set();
        }
    }

    @Override
    void beforeDetach() {
        publishRead();
    }
}
