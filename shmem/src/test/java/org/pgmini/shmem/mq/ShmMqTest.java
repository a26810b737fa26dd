package org.pgmini.shmem.mq;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import org.pgmini.error.PgException;
import org.pgmini.shmem.TestSegment;
import org.pgmini.shmem.sync.Latch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** shm_mq between two threads, each through its own mapping of the segment. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmMqTest {

    static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void messagesOfAllSizesArriveIntactIncludingLargerThanTheRing() throws Exception {
        try (TestSegment seg = new TestSegment(ShmMq.sizeFor(4096))) {
            ShmMq.create(seg.region(), 0, seg.region().size());
            int[] sizes = {0, 1, 7, 8, 9, 100, 4000, 4088, 4096, 4097, 10_000, 1 << 20, 3, 5 * 1024 * 1024 + 5};
            AtomicReference<Throwable> senderError = new AtomicReference<>();
            ShmMqSender sender = ShmMqSender.attach(ShmMq.at(seg.secondMapping(), 0), null);
            Thread t = new Thread(() -> {
                try {
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < sizes.length; i++) {
                            assertEquals(ShmMqResult.SUCCESS, sender.send(ByteBuffer.wrap(pattern(sizes[i], i)), false, round != 1));
                        }
                    }
                    sender.detach();
                } catch (Throwable e) {
                    senderError.set(e);
                }
            });
            ShmMqReceiver receiver = ShmMqReceiver.attach(ShmMq.at(seg.region(), 0), null);
            t.start();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    byte[] got = receiver.receiveBytes();
                    assertNotNull(got, "message " + i + " of round " + round);
                    assertArrayEquals(pattern(sizes[i], i), got, "size " + sizes[i]);
                }
            }
            assertEquals(ShmMqResult.DETACHED, receiver.receive(false), "sender detached after its last message");
            t.join();
            assertNull(senderError.get());
        }
    }

    @Test
    void randomizedNowaitAndFlushMixOnAnOddSizedRing() throws Exception {
        // Ring of 264 bytes (not a power of two), sizes 0..1000, random nowait / flush on both sides.
        try (TestSegment seg = new TestSegment(ShmMq.sizeFor(264))) {
            ShmMq.create(seg.region(), 0, ShmMq.sizeFor(264));
            ShmMqSender s = ShmMqSender.attach(ShmMq.at(seg.secondMapping(), 0), null);
            ShmMqReceiver r = ShmMqReceiver.attach(ShmMq.at(seg.region(), 0), null);
            int count = 20_000;
            AtomicReference<Throwable> err = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    Random rnd = new Random(7);
                    for (int i = 0; i < count; i++) {
                        ByteBuffer m = ByteBuffer.wrap(pattern(rnd.nextInt(1001), i));
                        boolean nowait = rnd.nextBoolean();
                        boolean flush = rnd.nextInt(4) == 0;
                        ShmMqResult res;
                        while ((res = s.send(m, nowait, flush)) == ShmMqResult.WOULD_BLOCK) {
                            Thread.onSpinWait();
                        }
                        assertEquals(ShmMqResult.SUCCESS, res);
                    }
                    s.detach();
                } catch (Throwable e) {
                    err.set(e);
                }
            });
            t.start();
            Random sizes = new Random(7);
            Random rnd = new Random(8);
            for (int i = 0; i < count; i++) {
                int len = sizes.nextInt(1001);
                sizes.nextBoolean();
                sizes.nextInt(4);
                ShmMqResult res;
                while ((res = r.receive(rnd.nextBoolean())) == ShmMqResult.WOULD_BLOCK) {
                    Thread.onSpinWait();
                }
                assertEquals(ShmMqResult.SUCCESS, res, "message " + i);
                byte[] got = new byte[r.message().remaining()];
                r.message().get(got);
                assertArrayEquals(pattern(len, i), got, "message " + i);
            }
            assertEquals(ShmMqResult.DETACHED, r.receive(false));
            t.join();
            assertNull(err.get());
        }
    }

    @Test
    void nowaitVariantsAndBatchedPublication() {
        try (TestSegment seg = new TestSegment(ShmMq.sizeFor(1024))) {
            ShmMq mq = ShmMq.create(seg.region(), 0, seg.region().size());
            ShmMqSender s = ShmMqSender.attach(mq, null);
            ShmMqReceiver r = ShmMqReceiver.attach(ShmMq.at(seg.secondMapping(), 0), null);
            assertThrows(IllegalStateException.class, () -> ShmMqReceiver.attach(mq, null), "one receiver only");

            assertEquals(ShmMqResult.WOULD_BLOCK, r.receive(true));
            // A small message is not published until flush or a quarter of the ring is pending.
            assertEquals(ShmMqResult.SUCCESS, s.send(new byte[16], 0, 16, true, false));
            assertEquals(0, mq.bytesWritten());
            assertEquals(ShmMqResult.WOULD_BLOCK, r.receive(true));
            s.flush();
            assertEquals(24, mq.bytesWritten());
            assertEquals(ShmMqResult.SUCCESS, r.receive(true));
            assertEquals(16, r.message().remaining());

            // Fill the ring: a 3000-byte message does not fit in 1024; nowait returns WOULD_BLOCK part-way
            // and continues where it stopped when called again with the same message.
            byte[] big = pattern(3000, 9);
            ByteBuffer bigBuf = ByteBuffer.wrap(big);
            assertEquals(ShmMqResult.WOULD_BLOCK, s.send(bigBuf, true, true));
            assertThrows(IllegalStateException.class, () -> s.send(ByteBuffer.wrap(new byte[5]), true, true));
            ByteBuffer assembled = null;
            for (int i = 0; i < 100 && assembled == null; i++) {
                if (r.receive(true) == ShmMqResult.SUCCESS) {
                    assembled = r.message();
                } else {
                    s.send(bigBuf, true, true);
                }
            }
            assertNotNull(assembled);
            byte[] got = new byte[assembled.remaining()];
            assembled.get(got);
            assertArrayEquals(big, got);
        }
    }

    @Test
    void detachIsSeenBothWays() {
        try (TestSegment seg = new TestSegment(ShmMq.sizeFor(1024))) {
            ShmMq mq = ShmMq.create(seg.region(), 0, seg.region().size());
            ShmMqSender s = ShmMqSender.attach(mq, null);
            ShmMqReceiver r = ShmMqReceiver.attach(mq, null);
            s.send(new byte[] {1, 2, 3}, 0, 3, false, false); // unpublished: detach must publish it
            s.detach();
            assertEquals(ShmMqResult.SUCCESS, r.receive(true), "data sent before detach is still delivered");
            assertEquals(ShmMqResult.DETACHED, r.receive(true));
            assertEquals(ShmMqResult.DETACHED, r.receive(false), "blocking receive does not wait on a detached queue");
        }
        try (TestSegment seg = new TestSegment(ShmMq.sizeFor(1024))) {
            ShmMq mq = ShmMq.create(seg.region(), 0, seg.region().size());
            ShmMqSender s = ShmMqSender.attach(mq, null);
            ShmMqReceiver r = ShmMqReceiver.attach(mq, null);
            r.detach();
            assertEquals(ShmMqResult.DETACHED, s.send(new byte[10]));
        }
    }

    @Test
    void blockedSenderGivesUpWhenThePeerIsDeclaredDead() {
        try (TestSegment seg = new TestSegment(ShmMq.sizeFor(256))) {
            ShmMq mq = ShmMq.create(seg.region(), 0, seg.region().size());
            // The receiver never attaches; the caller's check says its process is gone after a while.
            long t0 = System.nanoTime();
            ShmMqSender s = ShmMqSender.attach(mq, () -> System.nanoTime() - t0 < 200_000_000L);
            assertEquals(ShmMqResult.DETACHED, s.send(new byte[10_000]));
            assertTrue(mq.isDetached());
        }
    }

    @Test
    void oneLatchForSeveralQueues() throws Exception {
        long qsize = ShmMq.sizeFor(1024);
        try (TestSegment seg = new TestSegment(64 + 2 * qsize + 64)) {
            Latch shared = Latch.init(seg.region(), 0, 0);
            List<ShmMqReceiver> receivers = new ArrayList<>();
            List<ShmMqSender> senders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ShmMq mq = ShmMq.create(seg.region(), 64 + i * ((qsize + 63) & -64), qsize);
                mq.setReceiverLatch(shared);
                receivers.add(ShmMqReceiver.attach(mq, null));
                senders.add(ShmMqSender.attach(ShmMq.at(seg.secondMapping(), mq.base()), null));
            }
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    return;
                }
                senders.get(1).send(new byte[] {42});
            });
            t.start();
            // Gather-style: poll all queues nowait, sleep on the one latch.
            byte got = 0;
            outer:
            for (;;) {
                for (ShmMqReceiver r : receivers) {
                    if (r.receive(true) == ShmMqResult.SUCCESS) {
                        got = r.message().get(0);
                        break outer;
                    }
                }
                shared.await(5_000_000_000L, null);
                shared.reset();
            }
            t.join();
            assertEquals(42, got);
        }
    }

    @Test
    void tooLargeMessageIsRefused() {
        try (TestSegment seg = new TestSegment(ShmMq.sizeFor(256))) {
            ShmMq mq = ShmMq.create(seg.region(), 0, seg.region().size());
            ShmMqReceiver r = ShmMqReceiver.attach(mq, null);
            // A corrupt length word is reported, not trusted.
            seg.region().putLong(ShmMq.HEADER, -5);
            seg.region().putLongVolatile(ShmMq.BYTES_WRITTEN, 8);
            PgException e = assertThrows(PgException.class, () -> r.receive(true));
            assertEquals("invalid message size -5 in shared memory queue", e.getMessage());
        }
    }
}
