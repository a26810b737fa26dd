package org.pgmini.shmem.mq;

import org.pgmini.error.PgException;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * The sending end of a {@link ShmMq}. One thread at a time.
 *
 * <p>Publication is batched: bytes written are made visible to the receiver (and its latch set)
 * only when a quarter of the ring is pending, when the sender must wait for space, on
 * {@link #flush()}, on {@code forceFlush}, and at detach. The receiver may therefore not see a
 * small message until one of these happens — flush after the last message of a batch.
 *
 * <p>Sender-private state: {@code written} (our counter including unpublished bytes),
 * {@code published} (the value last stored to the shared word), {@code cachedRead} (last value of
 * the receiver's counter we looked at), and the progress within the current message for nowait
 * retries.
 */
public final class ShmMqSender extends ShmMqEndpoint {
    private long written;
    private long published;
    private long cachedRead;
    /** Bytes of the current message already placed (length word included); 0 between messages. */
    private long partialBytes;
    private long partialLength = -1;

    private ShmMqSender(ShmMq mq, BooleanSupplier peerCheck) {
        super(mq, true, peerCheck);
        this.written = region.getLongVolatile(base + ShmMq.BYTES_WRITTEN);
        this.published = written;
        this.cachedRead = region.getLongVolatile(base + ShmMq.BYTES_READ);
    }

    /** shm_mq_set_sender + shm_mq_attach: this process becomes the queue's only sender. */
    public static ShmMqSender attach(ShmMq mq, BooleanSupplier peerCheck) {
        return new ShmMqSender(mq, peerCheck);
    }

    public ShmMqResult send(byte[] data) {
        return send(ByteBuffer.wrap(data), false, true);
    }

    public ShmMqResult send(byte[] data, int off, int len, boolean nowait, boolean forceFlush) {
        return send(ByteBuffer.wrap(data, off, len), nowait, forceFlush);
    }

    /**
     * Sends the remaining bytes of {@code data} (its position is not moved). With {@code nowait},
     * may return WOULD_BLOCK part-way: call again with the same message to continue it.
     */
    public ShmMqResult send(ByteBuffer data, boolean nowait, boolean forceFlush) {
        int len = data.remaining();
        if (len > ShmMq.MAX_MESSAGE) {
            throw new PgException("54000", "cannot send a message of size " + len + " via shared memory queue");
        }
        if (partialBytes == 0) {
            partialLength = len;
        } else if (partialLength != len) {
            throw new IllegalStateException("a different message was passed to continue an interrupted send");
        }
        int dataStart = data.position();
        long total = 8 + align8(len);
        while (partialBytes < total) {
            if (queueDetached()) {
                partialBytes = 0;
                return ShmMqResult.DETACHED;
            }
            long free = ringSize - (written - cachedRead);
            if (free == 0) {
                cachedRead = region.getLongVolatile(base + ShmMq.BYTES_READ);
                free = ringSize - (written - cachedRead);
                if (free == 0) {
                    // The receiver must see everything we wrote, or it might wait for it while we wait for it.
                    publish();
                    if (nowait) {
                        return ShmMqResult.WOULD_BLOCK;
                    }
                    if (!waitForSpace()) {
                        partialBytes = 0;
                        return ShmMqResult.DETACHED;
                    }
                    continue;
                }
            }
            long pos = written % ringSize;
            long n;
            if (partialBytes == 0) {
                region.putLong(ring + pos, len);
                n = 8;
            } else {
                long payloadDone = partialBytes - 8;
                n = Math.min(Math.min(free, total - partialBytes), ringSize - pos);
                long copy = Math.min(n, len - payloadDone);
                if (copy > 0) {
                    region.putBytes(ring + pos, data, dataStart + (int) payloadDone, (int) copy);
                }
            }
            written += n;
            partialBytes += n;
            if (written - published >= publishThreshold) {
                publish();
            }
        }
        partialBytes = 0;
        partialLength = -1;
        if (forceFlush) {
            publish();
        }
        return ShmMqResult.SUCCESS;
    }

    /** Makes everything sent so far visible to the receiver and wakes it. */
    public void flush() {
        publish();
    }

    private void publish() {
        if (written != published) {
            region.putLongVolatile(base + ShmMq.BYTES_WRITTEN, written);
            published = written;
            peerLatch.set();
        }
    }

    private boolean waitForSpace() {
        for (;;) {
            cachedRead = region.getLongVolatile(base + ShmMq.BYTES_READ);
            if (written - cachedRead < ringSize) {
                return true;
            }
            if (queueDetached() || !sleep()) {
                return false;
            }
        }
    }

    @Override
    void beforeDetach() {
        publish();
    }
}
