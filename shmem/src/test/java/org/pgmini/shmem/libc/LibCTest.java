package org.pgmini.shmem.libc;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class LibCTest {

    @Test
    void errnoBecomesPostgresWordingAndSqlState() {
        assertEquals(-1, LibC.shm_unlink("/PostgreSQL.does-not-exist-" + System.nanoTime()));
        assertEquals(Errno.ENOENT, LibC.errno());
        assertEquals("No such file or directory", Errno.message(Errno.ENOENT));
        PgException e = Errno.sharedMemoryError("could not remove shared memory segment \"/x\"", Errno.EACCES);
        assertEquals("could not remove shared memory segment \"/x\": Permission denied", e.getMessage());
        assertEquals("42501", e.sqlState());
        assertEquals("53200", Errno.sqlStateForSharedMemory(Errno.ENOMEM));
        assertEquals("53100", Errno.sqlStateForSharedMemory(Errno.ENOSPC));
        assertEquals("58P02", Errno.sqlStateForSharedMemory(Errno.EEXIST));
    }

    @Test
    void processLiveness() throws Exception {
        assertEquals(ProcessHandle.current().pid(), Processes.myPid());
        assertTrue(Processes.isAlive(Processes.myPid()));
        assertFalse(Processes.isAlive(0));
        Process p = new ProcessBuilder("sleep", "60").start();
        int pid = (int) p.pid();
        assertTrue(Processes.isAlive(pid));
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertFalse(Processes.isAlive(pid));
    }

    @Test
    void futexWaitTimesOutOrSeesAChangedValue() {
        com.sun.jna.Memory word = new com.sun.jna.Memory(8);
        word.setInt(0, 5);
        long addr = com.sun.jna.Pointer.nativeValue(word);
        assertEquals(Futex.WaitResult.VALUE_CHANGED, Futex.await(addr, 4, 1_000_000_000L));
        long t0 = System.nanoTime();
        assertEquals(Futex.WaitResult.TIMED_OUT, Futex.await(addr, 5, 20_000_000L));
        assertTrue(System.nanoTime() - t0 >= 20_000_000L);
        assertEquals(0, Futex.wake(addr, 1));
    }
}
