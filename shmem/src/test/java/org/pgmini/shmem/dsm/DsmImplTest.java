package org.pgmini.shmem.dsm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.shmem.region.MappedRegion;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DsmImplTest {
    @TempDir Path tmp;

    private DsmImpl impl(DsmImplKind kind) {
        return DsmImpls.forKind(kind, tmp.resolve("pg_dynshmem"));
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void createAttachDetachDestroy(DsmImplKind kind) {
        DsmImpl impl = impl(kind);
        DsmMapping a = DsmImpls.createWithRandomHandle(impl, 64 * 1024);
        int h = a.handle();
        try {
            assertEquals(64 * 1024, a.size());
            MappedRegion r = a.region();
            assertEquals(0L, r.getLong(4096), "a new segment is zero-filled");
            r.putLong(8, 0x1234_5678_9abcL);
            r.putBytes(100, new byte[] {1, 2, 3}, 0, 3);

            assertNull(impl.create(h, 4096), "same handle again is a collision");

            DsmMapping b = impl.attach(h);
            assertEquals(64 * 1024, b.size(), "attach finds the size");
            assertNotEquals(a.region().address(), b.region().address());
            assertEquals(0x1234_5678_9abcL, b.region().getLong(8));
            byte[] got = new byte[3];
            b.region().getBytes(100, got, 0, 3);
            assertArrayEquals(new byte[] {1, 2, 3}, got);
            b.region().compareAndSetLong(8, 0x1234_5678_9abcL, 7);
            assertEquals(7, a.region().getLongVolatile(8), "both mappings see one memory");

            impl.detach(b);
            assertFalse(b.isMapped());
            assertThrows(RuntimeException.class, () -> b.region().getLong(8), "use after detach fails, not SIGSEGV");

            assertTrue(impl.destroy(h));
            assertEquals(7, a.region().getLong(8), "a mapping survives the segment's removal");
            assertFalse(impl.destroy(h), "second destroy finds nothing");
            PgException e = assertThrows(PgException.class, () -> impl.attach(h));
            assertTrue(e.getMessage().endsWith("No such file or directory"), e.getMessage());
            impl.detach(a);
        } finally {
            if (a.isMapped()) {
                impl.detach(a);
            }
            impl.destroy(h);
        }
    }

    @Test
    void posixMessagesAreWordedLikePostgres() {
        DsmImpl impl = impl(DsmImplKind.POSIX);
        PgException e = assertThrows(PgException.class, () -> impl.attach(1234));
        assertEquals("could not open shared memory segment \"/PostgreSQL.1234\": No such file or directory", e.getMessage());
        assertEquals("58P01", e.sqlState());
        assertEquals("/PostgreSQL.4294967295", impl.segmentName(-1), "handles are unsigned 32-bit");
    }

    @Test
    void mmapSegmentsAreFilesInPgDynshmem() {
        DsmImpl impl = impl(DsmImplKind.MMAP);
        DsmMapping m = DsmImpls.createWithRandomHandle(impl, 8192);
        Path file = tmp.resolve("pg_dynshmem").resolve("mmap." + Integer.toUnsignedString(m.handle()));
        assertTrue(Files.exists(file));
        assertEquals("pg_dynshmem/mmap." + Integer.toUnsignedString(m.handle()), m.name());
        impl.detach(m);
        impl.destroy(m.handle());
        assertFalse(Files.exists(file));
        PgException e = assertThrows(PgException.class, () -> impl.attach(m.handle()));
        assertEquals("could not open shared memory segment \"" + m.name() + "\": No such file or directory", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "MMAP"})
    void resizeKeepsContentsAndGrows(DsmImplKind kind) {
        DsmImpl impl = impl(kind);
        DsmMapping m = DsmImpls.createWithRandomHandle(impl, 8192);
        try {
            m.region().putLong(8000, 42);
            impl.resize(m, 3 * 8192);
            assertEquals(3 * 8192, m.size());
            assertEquals(42, m.region().getLong(8000));
            m.region().putLong(3 * 8192 - 8, 99);
            DsmMapping other = impl.attach(m.handle());
            assertEquals(3 * 8192, other.size());
            assertEquals(99, other.region().getLong(3 * 8192 - 8));
            impl.detach(other);
        } finally {
            impl.detach(m);
            impl.destroy(m.handle());
        }
    }

    @Test
    void sysvCannotResize() {
        DsmImpl impl = impl(DsmImplKind.SYSV);
        DsmMapping m = DsmImpls.createWithRandomHandle(impl, 8192);
        try {
            PgException e = assertThrows(PgException.class, () -> impl.resize(m, 16384));
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
            assertEquals(1, ((SysvDsmImpl) impl).attachCount(m.handle()));
        } finally {
            impl.detach(m);
            impl.destroy(m.handle());
        }
        assertEquals(-1, ((SysvDsmImpl) impl).attachCount(m.handle()));
    }

    @Test
    void noneIsDisabled() {
        DsmImpl impl = impl(DsmImplKind.NONE);
        PgException e = assertThrows(PgException.class, () -> impl.create(5, 8192));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
        assertEquals("dynamic shared memory is disabled", e.getMessage());
    }
}
