package org.pgmini.shmem.main;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

import static org.junit.jupiter.api.Assertions.*;

class MainSharedMemoryTest {

    @Test
    void namedAlignedAllocationsVisibleToAnAttacher() {
        MainSharedMemory shm = MainSharedMemory.create(MainSharedMemory.sizeFor(64 * 1024, 16), 16);
        try {
            ShmemStruct buffers = shm.initStruct("Shared Buffers", 40_000);
            assertFalse(buffers.found());
            assertEquals(0, buffers.offset() % MainSharedMemory.ALIGN);
            shm.region().putLong(buffers.offset(), 1234);
            ShmemStruct again = shm.initStruct("Shared Buffers", 40_000);
            assertTrue(again.found());
            assertEquals(buffers.offset(), again.offset());
            PgException wrong = assertThrows(PgException.class, () -> shm.initStruct("Shared Buffers", 8));
            assertTrue(wrong.getMessage().startsWith("ShmemIndex entry size is wrong"));
            ShmemStruct procs = shm.initStruct("Proc Array", 100);
            assertTrue(procs.offset() >= buffers.offset() + 40_000);

            MainSharedMemory worker = MainSharedMemory.attach(shm.name());
            ShmemStruct seen = worker.lookup("Shared Buffers");
            assertEquals(1234, worker.region().getLong(seen.offset()));
            assertEquals(2, worker.allocations().size());
            assertEquals("Proc Array", worker.allocations().get(1).name());
            assertNull(worker.lookup("nope"));
            worker.detach();

            PgException full = assertThrows(PgException.class, () -> shm.initStruct("big", 1 << 20));
            assertEquals("53200", full.sqlState());
            assertTrue(full.getMessage().startsWith("not enough shared memory for data structure \"big\""));
        } finally {
            shm.destroy();
        }
        assertThrows(PgException.class, () -> MainSharedMemory.attach(shm.name()));
    }
}
