package org.pgmini.shmem.dsm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.shmem.resowner.ResourceOwner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Reference counting, resource owners and cleanup within one process. */
class DsmTest {
    @TempDir Path tmp;
    private final List<Dsm> started = new ArrayList<>();

    private Dsm postmaster(DsmImplKind kind) {
        Dsm d = Dsm.postmasterStartup(kind, tmp.resolve("pg_dynshmem"), 3, 2);
        started.add(d);
        return d;
    }

    @AfterEach
    void shutdown() {
        started.forEach(Dsm::postmasterShutdown);
    }

    private static DsmSegmentInfo row(Dsm dsm, int handle) {
        return dsm.segments().stream().filter(r -> r.handle() == Integer.toUnsignedLong(handle)).findFirst().orElse(null);
    }

    static boolean exists(DsmImpl impl, int handle) {
        try {
            impl.detach(impl.attach(handle));
            return true;
        } catch (PgException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void lastDetachDestroys(DsmImplKind kind) {
        Dsm dsm = postmaster(kind);
        assertEquals(64 + 5 * 5, dsm.maxSegments(), "slots from max_connections + max_worker_processes");
        DsmSegment a = dsm.create(10_000, null);
        int h = a.handle();
        a.region().putLong(0, 77);
        DsmSegmentInfo r = row(dsm, h);
        assertEquals(new DsmSegmentInfo(Integer.toUnsignedLong(h), kind.gucName(), 10_000, 1, false, r.creatorPid()), r);

        DsmSegment b = dsm.attach(h, null);
        assertEquals(77, b.region().getLong(0));
        assertEquals(2, row(dsm, h).refcnt());
        a.detach();
        a.detach(); // idempotent
        assertEquals(1, row(dsm, h).refcnt());
        assertTrue(exists(dsm.impl(), h));
        b.detach();
        assertNull(row(dsm, h), "slot freed");
        assertFalse(exists(dsm.impl(), h), "segment destroyed by the last detach");
        PgException e = assertThrows(PgException.class, () -> dsm.attach(h, null));
        assertEquals("could not map dynamic shared memory segment", e.getMessage());
        assertEquals(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, e.sqlState());
    }

    @Test
    void pinnedSegmentOutlivesItsMappings() {
        Dsm dsm = postmaster(DsmImplKind.POSIX);
        DsmSegment a = dsm.create(4096, null);
        int h = a.handle();
        a.pinSegment();
        assertThrows(PgException.class, a::pinSegment, "already pinned");
        assertTrue(row(dsm, h).pinned());
        assertEquals(2, row(dsm, h).refcnt());
        a.detach();
        assertEquals(1, row(dsm, h).refcnt());
        DsmSegment again = dsm.attach(h, null);
        again.detach();
        dsm.unpinSegment(h);
        assertNull(row(dsm, h));
        assertFalse(exists(dsm.impl(), h));
        PgException e = assertThrows(PgException.class, () -> dsm.unpinSegment(h));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void resourceOwnerReleaseDetachesAlsoOnError() {
        Dsm dsm = postmaster(DsmImplKind.POSIX);
        ResourceOwner session = ResourceOwner.createRoot("session");
        int[] handles = new int[3];
        List<String> order = new ArrayList<>();
        RuntimeException boom = assertThrows(RuntimeException.class, () -> {
            try (ResourceOwner tx = session.createChild("transaction")) {
                ResourceOwner stmt = tx.createChild("statement");
                DsmSegment s1 = dsm.create(4096, stmt);
                DsmSegment s2 = dsm.create(4096, stmt);
                DsmSegment s3 = dsm.create(4096, stmt);
                handles[0] = s1.handle(); handles[1] = s2.handle(); handles[2] = s3.handle();
                s1.onDetach(() -> order.add("s1"));
                s2.onDetach(() -> order.add("s2-first"));
                s2.onDetach(() -> order.add("s2-second"));
                s3.pinMapping(); // now the session's
                throw new IllegalStateException("query failed");
            }
        });
        assertEquals("query failed", boom.getMessage());
        assertEquals(List.of("s2-second", "s2-first", "s1"), order, "newest resource first, callbacks LIFO");
        assertNull(row(dsm, handles[0]));
        assertNull(row(dsm, handles[1]));
        assertNotNull(row(dsm, handles[2]), "pinned mapping survives the transaction");
        assertEquals(1, session.resourceCount());
        session.release(true);
        assertEquals(List.of("dynamic shared memory segment " + Integer.toUnsignedString(handles[2])), session.leaksAtCommit());
        assertNull(row(dsm, handles[2]));
        assertTrue(dsm.localMappings().isEmpty());
    }

    @Test
    void unpinMappingHandsItToAnotherOwner() {
        Dsm dsm = postmaster(DsmImplKind.SYSV);
        ResourceOwner session = ResourceOwner.createRoot("session");
        DsmSegment s = dsm.create(4096, null);
        s.unpinMapping(session.createChild("stmt"));
        assertEquals("stmt", s.owner().name());
        s.owner().release(false);
        assertTrue(s.isDetached());
        assertTrue(dsm.segments().isEmpty());
    }

    @Test
    void tooManySegments() {
        Dsm dsm = postmaster(DsmImplKind.POSIX);
        List<DsmSegment> segs = new ArrayList<>();
        try {
            for (int i = 0; i < dsm.maxSegments(); i++) {
                segs.add(dsm.create(4096, null));
            }
            PgException e = assertThrows(PgException.class, () -> dsm.create(4096, null));
            assertEquals("too many dynamic shared memory segments", e.getMessage());
            assertEquals("53000", e.sqlState());
            assertEquals(dsm.maxSegments(), dsm.segments().size(), "the failed create left nothing behind");
        } finally {
            segs.forEach(DsmSegment::detach);
        }
        assertTrue(dsm.segments().isEmpty());
    }

    @Test
    void resizeUpdatesTheListing() {
        Dsm dsm = postmaster(DsmImplKind.MMAP);
        DsmSegment s = dsm.create(4096, null);
        s.resize(65536);
        assertEquals(65536, s.size());
        assertEquals(65536, row(dsm, s.handle()).size());
        s.region().putLong(65528, 5);
        s.detach();
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void postmasterShutdownDestroysEverything(DsmImplKind kind) throws Exception {
        Dsm dsm = Dsm.postmasterStartup(kind, tmp.resolve("pg_dynshmem"), 3, 2);
        int control = dsm.controlHandle();
        DsmSegment a = dsm.create(4096, null);
        DsmSegment b = dsm.create(4096, null);
        b.pinSegment();
        b.detach();
        Dsm worker = Dsm.backendStartup(kind, tmp.resolve("pg_dynshmem"), control);
        DsmSegment wa = worker.attach(a.handle(), null);
        dsm.postmasterShutdown();
        assertTrue(a.isDetached());
        assertFalse(exists(dsm.impl(), a.handle()));
        assertFalse(exists(dsm.impl(), b.handle()));
        assertFalse(exists(dsm.impl(), control));
        assertEquals(0, wa.region().getLong(0), "a mapping stays readable after the segment is removed");
        worker.backendShutdown();
        if (kind == DsmImplKind.MMAP) {
            try (var files = Files.list(tmp.resolve("pg_dynshmem"))) {
                assertEquals(0, files.count());
            }
        }
        assertThrows(PgException.class, () -> dsm.create(10, null));
    }

    @Test
    void concurrentSessionsKeepTheControlSegmentConsistent() throws Exception {
        Dsm dsm = postmaster(DsmImplKind.POSIX);
        Dsm worker = Dsm.backendStartup(DsmImplKind.POSIX, tmp.resolve("pg_dynshmem"), dsm.controlHandle());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 150; i++) {
                        try (ResourceOwner stmt = ResourceOwner.createRoot("stmt")) {
                            DsmSegment a = dsm.create(4096, stmt);
                            seen.add(a.handle());
                            DsmSegment b = worker.attach(a.handle(), stmt);
                            b.region().putLong(0, i);
                            assertEquals(i, a.region().getLongVolatile(0));
                            if (i % 2 == 0) {
                                a.detach(); // the other mapping's release destroys it
                            }
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), errors);
        assertEquals(List.of(), dsm.segments());
        assertEquals(600, seen.size(), "every segment got its own handle");
        for (int h : seen) {
            assertFalse(exists(dsm.impl(), h));
        }
        worker.backendShutdown();
    }

    @Test
    void noneIsDisabledButStartsUp() {
        Dsm dsm = postmaster(DsmImplKind.NONE);
        assertEquals(0, dsm.controlHandle());
        PgException e = assertThrows(PgException.class, () -> dsm.create(4096, null));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
        assertTrue(dsm.segments().isEmpty());
    }

    /**
     * A process killed while holding the control segment's spinlock (e.g. a worker killed during
     * a crash restart) must not keep the postmaster from destroying every listed segment.
     */
    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void postmasterShutdownIgnoresASpinlockHeldByADeadProcess(DsmImplKind kind) throws Exception {
        Dsm dsm = postmaster(kind);
        DsmSegment a = dsm.create(4096, null);
        a.pinMapping();
        int h = a.handle();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        DsmMapping control = dsm.impl().attach(dsm.controlHandle());
        try {
            control.region().putIntVolatile(4, (int) gone.pid()); // header +4: the spinlock word
        } finally {
            dsm.impl().detach(control);
        }
        dsm.postmasterShutdown();
        assertFalse(exists(dsm.impl(), h), "listed segment destroyed");
        assertFalse(exists(dsm.impl(), dsm.controlHandle()), "control segment destroyed");
    }
}
