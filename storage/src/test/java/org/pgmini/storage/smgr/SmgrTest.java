package org.pgmini.storage.smgr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

class SmgrTest {
    @TempDir Path dir;
    private final RelFileLocator rel = new RelFileLocator(5, 16384);

    private static ByteBuffer block(int fill) {
        ByteBuffer b = ByteBuffer.allocate(BLCKSZ);
        for (int i = 0; i < BLCKSZ; i++) b.put(i, (byte) (fill + i));
        return b;
    }

    @Test
    void extendReadWriteAcrossSegments() {
        try (Smgr smgr = new Smgr(dir, 4)) {
            assertFalse(smgr.exists(rel, ForkNumber.MAIN));
            smgr.create(rel, ForkNumber.MAIN, false);
            assertTrue(smgr.exists(rel, ForkNumber.MAIN));
            assertEquals(0, smgr.nblocks(rel, ForkNumber.MAIN));
            for (int b = 0; b < 10; b++) smgr.extend(rel, ForkNumber.MAIN, b, block(b), false);
            assertEquals(10, smgr.nblocks(rel, ForkNumber.MAIN));
            assertTrue(Files.exists(dir.resolve("base/5/16384")));
            assertTrue(Files.exists(dir.resolve("base/5/16384.1")));
            assertTrue(Files.exists(dir.resolve("base/5/16384.2")));
            assertEquals(2L * BLCKSZ, dir.resolve("base/5/16384.2").toFile().length());
            smgr.write(rel, ForkNumber.MAIN, 5, block(99), false);
            ByteBuffer r = ByteBuffer.allocate(BLCKSZ);
            smgr.read(rel, ForkNumber.MAIN, 5, r);
            assertEquals(block(99), r);
            smgr.read(rel, ForkNumber.MAIN, 9, r.clear());
            assertEquals(block(9), r);
            smgr.syncPending();
            smgr.immedsync(rel, ForkNumber.MAIN);
        }
        // a fresh manager sees the same contents
        try (Smgr smgr = new Smgr(dir, 4)) {
            assertEquals(10, smgr.nblocks(rel, ForkNumber.MAIN));
            ByteBuffer r = ByteBuffer.allocate(BLCKSZ);
            smgr.read(rel, ForkNumber.MAIN, 7, r);
            assertEquals(block(7), r);
        }
    }

    @Test
    void readBeyondEndIsAnError() {
        try (Smgr smgr = new Smgr(dir, 4)) {
            smgr.create(rel, ForkNumber.MAIN, false);
            smgr.extend(rel, ForkNumber.MAIN, 0, block(1), true);
            PgException e = assertThrows(PgException.class, () -> smgr.read(rel, ForkNumber.MAIN, 2, ByteBuffer.allocate(BLCKSZ)));
            assertEquals("XX001", e.sqlState());
            assertTrue(e.getMessage().contains("read only 0 of 8192 bytes"), e.getMessage());
        }
    }

    @Test
    void truncateRemovesWholeSegmentsAndShortensTheLast() {
        try (Smgr smgr = new Smgr(dir, 4)) {
            smgr.create(rel, ForkNumber.MAIN, false);
            for (int b = 0; b < 11; b++) smgr.extend(rel, ForkNumber.MAIN, b, block(b), false);
            smgr.truncate(rel, ForkNumber.MAIN, 6);
            assertEquals(6, smgr.nblocks(rel, ForkNumber.MAIN));
            assertFalse(Files.exists(dir.resolve("base/5/16384.2")));
            assertEquals(2L * BLCKSZ, dir.resolve("base/5/16384.1").toFile().length());
            smgr.truncate(rel, ForkNumber.MAIN, 4);
            assertEquals(4, smgr.nblocks(rel, ForkNumber.MAIN));
            assertFalse(Files.exists(dir.resolve("base/5/16384.1")));
            smgr.extend(rel, ForkNumber.MAIN, 4, block(44), false);
            assertEquals(5, smgr.nblocks(rel, ForkNumber.MAIN));
            smgr.truncate(rel, ForkNumber.MAIN, 0);
            assertEquals(0, smgr.nblocks(rel, ForkNumber.MAIN));
            assertTrue(smgr.exists(rel, ForkNumber.MAIN));
            assertThrows(PgException.class, () -> smgr.truncate(rel, ForkNumber.MAIN, 3));
        }
    }

    @Test
    void unlinkRemovesAllSegmentsAndCreateRefusesDuplicates() {
        try (Smgr smgr = new Smgr(dir, 2)) {
            smgr.create(rel, ForkNumber.MAIN, false);
            PgException dup = assertThrows(PgException.class, () -> smgr.create(rel, ForkNumber.MAIN, false));
            assertEquals("58P02", dup.sqlState());
            smgr.create(rel, ForkNumber.MAIN, true);
            for (int b = 0; b < 5; b++) smgr.extend(rel, ForkNumber.MAIN, b, block(b), false);
            smgr.unlink(rel, ForkNumber.MAIN);
            assertFalse(Files.exists(dir.resolve("base/5/16384")));
            assertFalse(Files.exists(dir.resolve("base/5/16384.1")));
            assertFalse(Files.exists(dir.resolve("base/5/16384.2")));
            smgr.syncPending(); // nothing pending may fail on removed files
            PgException e = assertThrows(PgException.class, () -> smgr.nblocks(rel, ForkNumber.MAIN));
            assertEquals("58P01", e.sqlState());
        }
    }
}
