package org.pgmini.shmem.libc;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * futex(2) on a 4-byte word in shared memory. Not FUTEX_PRIVATE: the waiter and the waker are in
 * different processes, and the kernel keys shared futexes by the physical page, so every process
 * may map the segment at a different address.
 *
 * <p>The word must be 4-byte aligned. {@link #await} sleeps only if the word still holds
 * {@code expected} when the kernel looks (atomically with queueing the waiter), which is what
 * makes "check, then sleep" free of lost wake-ups when the waker changes the word before waking.
 */
public final class Futex {
    private Futex() {}

    /** Result of {@link #await}. */
    public enum WaitResult { WOKEN, VALUE_CHANGED, TIMED_OUT, INTERRUPTED }

    // struct timespec {time_t tv_sec; long tv_nsec;} per thread, so waits allocate nothing.
    private static final ThreadLocal<Memory> TIMESPEC = ThreadLocal.withInitial(() -> new Memory(16));

    /**
     * Sleeps while the int at {@code address} equals {@code expected}, at most {@code timeoutNanos}
     * (relative; a negative value waits without a time limit). Spurious returns are possible:
     * callers re-check their condition.
     */
    public static WaitResult await(long address, int expected, long timeoutNanos) {
        long ts = 0;
        if (timeoutNanos >= 0) {
            Memory m = TIMESPEC.get();
            m.setLong(0, timeoutNanos / 1_000_000_000L);
            m.setLong(8, timeoutNanos % 1_000_000_000L);
            ts = Pointer.nativeValue(m);
        }
        long r = LibC.syscall(LibC.SYS_futex, address, LibC.FUTEX_WAIT, expected, ts, 0, 0);
        if (r == 0) {
            return WaitResult.WOKEN;
        }
        int errno = LibC.errno();
        switch (errno) {
            case Errno.EAGAIN: return WaitResult.VALUE_CHANGED;
            case Errno.ETIMEDOUT: return WaitResult.TIMED_OUT;
            case Errno.EINTR: return WaitResult.INTERRUPTED;
            default: throw Errno.sharedMemoryError("futex wait failed", errno);
        }
    }

    /** Wakes up to {@code count} processes sleeping on the word; returns how many were woken. */
    public static int wake(long address, int count) {
        long r = LibC.syscall(LibC.SYS_futex, address, LibC.FUTEX_WAKE, count, 0, 0, 0);
        if (r < 0) {
            throw Errno.sharedMemoryError("futex wake failed", LibC.errno());
        }
        return (int) r;
    }
}
