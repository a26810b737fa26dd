package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.pgmini.wal.io.LibPmem;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.io.RealFileLayer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Both ways of persisting mapped WAL: libpmem (when installed) and MappedByteBuffer.force. */
class PersistentRegionTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    private void roundTrip(RealFileLayer layer, String expectedMethod) throws Exception {
        Path f = dir.resolve("region-" + expectedMethod);
        try (PersistentRegion r = layer.map(f, 64 * 1024)) {
            assertEquals(expectedMethod, r.flushMethod());
            assertEquals(64 * 1024, r.size());
            r.buffer().put(4096, new byte[] {1, 2, 3}, 0, 3);
            r.persist(4096, 3);
            ByteBuffer src = ByteBuffer.allocateDirect(8192);
            src.put(100, (byte) 42);
            r.copyFrom(src, 0, 8192, 8192);
            r.persistCopied(8192, 8192);
        }
        byte[] onDisk = Files.readAllBytes(f);
        assertEquals(64 * 1024, onDisk.length);
        assertEquals(3, onDisk[4098]);
        assertEquals(42, onDisk[8192 + 100]);
    }

    @Test
    void msyncPathPersistsThroughTheFile() throws Exception {
        RealFileLayer layer = new RealFileLayer(WalPmemFlush.MSYNC);
        assertEquals("msync", layer.mapFlushMethod());
        roundTrip(layer, "msync");
    }

    @Test
    void libpmemPathWhenInstalled() throws Exception {
        Assumptions.assumeTrue(LibPmem.available(), "libpmem1 is not installed");
        RealFileLayer layer = new RealFileLayer(WalPmemFlush.LIBPMEM);
        assertEquals("libpmem", layer.mapFlushMethod());
        roundTrip(layer, "libpmem");
        if (System.getenv("PMEM_IS_PMEM_FORCE") == null) {
            // /dev/shm and ext4 are not PMEM: libpmem must say so, and persist then uses pmem_msync.
            try (PersistentRegion r = layer.map(dir.resolve("probe"), 8192)) {
                assertFalse(r.isPmem());
            }
        }
    }
}
