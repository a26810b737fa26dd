package org.pgmini.shmem.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import org.pgmini.shmem.TestSegment;
import org.pgmini.shmem.region.MappedRegion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncTest {

    @Test
    void spinLockProtectsANonAtomicUpdate() throws Exception {
        try (TestSegment seg = new TestSegment(4096)) {
            SpinLock.init(seg.region(), 0);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                MappedRegion r = t == 0 ? seg.region() : seg.secondMapping();
                SpinLock lock = new SpinLock(r, 0);
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        lock.lock();
                        try {
                            r.putLong(64, r.getLong(64) + 1); // plain read-modify-write: only the lock makes it safe
                        } finally {
                            lock.unlock();
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(150_000, seg.region().getLongVolatile(64));
            assertEquals(0, new SpinLock(seg.region(), 0).holder());
        }
    }

    @Test
    void lwLockSharedAndExclusive() throws Exception {
        try (TestSegment seg = new TestSegment(4096)) {
            LWLock lock = LWLock.init(seg.region(), 0);
            lock.acquire(LWLock.Mode.SHARED);
            assertTrue(lock.tryAcquire(LWLock.Mode.SHARED));
            assertEquals(2, lock.sharedHolders());
            assertFalse(lock.tryAcquire(LWLock.Mode.EXCLUSIVE));
            CountDownLatch got = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                lock.acquire(LWLock.Mode.EXCLUSIVE);
                got.countDown();
                lock.release();
            });
            writer.start();
            Thread.sleep(50);
            assertEquals(1, got.getCount(), "writer waits for the readers");
            lock.release();
            lock.release();
            writer.join(5000);
            assertEquals(0, got.getCount(), "woken when the last reader left");

            // Exclusive holders serialise a plain read-modify-write.
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                MappedRegion r = seg.secondMapping();
                LWLock l = new LWLock(r, 0);
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        l.acquire(LWLock.Mode.EXCLUSIVE);
                        r.putLong(64, r.getLong(64) + 1);
                        l.release();
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(60_000, seg.region().getLongVolatile(64));
            assertThrows(IllegalStateException.class, lock::release);
        }
    }

    @Test
    void latchWakesWaiterAndTimesOut() throws Exception {
        try (TestSegment seg = new TestSegment(4096)) {
            Latch latch = Latch.init(seg.region(), 128, 0);
            long t0 = System.nanoTime();
            assertEquals(Latch.WL_TIMEOUT, latch.await(30_000_000L, null));
            assertTrue(System.nanoTime() - t0 >= 30_000_000L);

            Latch other = new Latch(seg.secondMapping(), 128);
            AtomicInteger result = new AtomicInteger();
            Thread waiter = new Thread(() -> result.set(latch.await(10_000_000_000L, null)));
            waiter.start();
            Thread.sleep(100); // long enough to be asleep in the futex
            other.set();
            waiter.join(5000);
            assertEquals(Latch.WL_LATCH_SET, result.get());
            assertTrue(latch.isSet());
            latch.reset();
            assertFalse(other.isSet());
        }
    }

    @Test
    void latchNoticesADeadPeer() throws Exception {
        try (TestSegment seg = new TestSegment(4096)) {
            Latch latch = Latch.init(seg.region(), 0, 0);
            AtomicInteger checks = new AtomicInteger();
            int r = latch.await(10_000_000_000L, () -> checks.incrementAndGet() < 3);
            assertEquals(Latch.WL_PEER_DEATH, r);
            assertEquals(3, checks.get());
        }
    }
}
