package org.pgmini.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.error.PgException;
import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.DsmImpl;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.dsm.DsmSegment;
import org.pgmini.shmem.dsm.DsmSegmentInfo;
import org.pgmini.shmem.dsm.SysvDsmImpl;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.mq.ShmMqSender;
import org.pgmini.shmem.testproc.ChildJvm;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Tests that start real JVMs: attach, refcounts, kill -9, process exit, shm_mq, crash cleanup. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultiProcessTest {
    static final long T = 30_000;

    @TempDir Path dataDir;
    private Dsm dsm;

    private Dsm postmaster(DsmImplKind kind) {
        dsm = Dsm.postmasterStartup(kind, dynshmem(), 10, 4);
        return dsm;
    }

    private Path dynshmem() {
        return dataDir.resolve("pg_dynshmem");
    }

    @AfterEach
    void tearDown() {
        if (dsm != null) {
            dsm.postmasterShutdown();
        }
    }

    private ChildJvm child(String role, DsmSegment seg, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(role, dsm.kind().gucName(), dynshmem().toString(),
                Integer.toUnsignedString(dsm.controlHandle()), Integer.toUnsignedString(seg.handle())));
        args.addAll(Arrays.asList(more));
        return ChildJvm.start(args.toArray(new String[0]));
    }

    private DsmSegmentInfo row(int handle) {
        return dsm.segments().stream().filter(r -> r.handle() == Integer.toUnsignedLong(handle)).findFirst().orElse(null);
    }

    static boolean segmentExists(DsmImplKind kind, Path dynshmem, int handle) {
        String h = Integer.toUnsignedString(handle);
        switch (kind) {
            case POSIX: return Files.exists(Path.of("/dev/shm/PostgreSQL." + h));
            case SYSV: return new SysvDsmImpl().attachCount(handle) >= 0;
            case MMAP: return Files.exists(dynshmem.resolve("mmap." + h));
            default: throw new IllegalArgumentException();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void casAcrossProcesses(DsmImplKind kind) throws Exception {
        postmaster(kind);
        DsmSegment seg = dsm.create(4096, null);
        long n = 500_000;
        try (ChildJvm c = child("cas", seg, Long.toString(n))) {
            c.expect("ready", T);
            c.send("go");
            for (long i = 0; i < n; i++) {
                long v;
                do {
                    v = seg.region().getLongVolatile(0);
                } while (!seg.region().compareAndSetLong(0, v, v + 1));
            }
            c.expect("done", T);
            assertEquals(2 * n, seg.region().getLongVolatile(0));
        }
        seg.detach();
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void attachFromAnotherProcessAndLastDetachDestroys(DsmImplKind kind) throws Exception {
        postmaster(kind);
        DsmSegment seg = dsm.create(8192, null);
        int h = seg.handle();
        seg.region().putLong(0, 99);
        try (ChildJvm c = child("attach", seg)) {
            assertEquals("99", c.expect("attached", T), "the child sees our data");
            assertEquals(2, row(h).refcnt());
            seg.detach();
            assertEquals(1, row(h).refcnt(), "the child's reference keeps it");
            assertTrue(segmentExists(kind, dynshmem(), h));
            c.send("detach");
            c.expect("detached", T);
            assertNull(row(h));
            assertFalse(segmentExists(kind, dynshmem(), h), "the child's detach was the last: destroyed");
        }
    }

    @Test
    void processExitReleasesTheReference() throws Exception {
        postmaster(DsmImplKind.POSIX);
        DsmSegment seg = dsm.create(8192, null);
        int h = seg.handle();
        try (ChildJvm c = child("attach", seg)) {
            c.expect("attached", T);
            seg.detach();
            assertEquals(1, row(h).refcnt());
            c.send("exit");
            assertEquals(0, c.waitExit(T));
            assertNull(row(h), "the exiting JVM's shutdown hook detached");
            assertFalse(segmentExists(DsmImplKind.POSIX, dynshmem(), h));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void killedAttachersReferenceIsReleasedByTheOwner(DsmImplKind kind) throws Exception {
        postmaster(kind);
        DsmSegment seg = dsm.create(8192, null);
        DsmSegment other = dsm.create(8192, null);
        int h = seg.handle();
        try (ChildJvm c = child("attach", seg)) {
            c.expect("attached", T);
            seg.detach();
            c.kill9();
            assertEquals(1, row(h).refcnt(), "kill -9 ran no cleanup: the dead process's reference remains");
            assertTrue(segmentExists(kind, dynshmem(), h));
            assertEquals(1, dsm.releaseDeadProcesses());
            assertNull(row(h));
            assertFalse(segmentExists(kind, dynshmem(), h));
            assertNotNull(row(other.handle()), "other segments are untouched");
        }
        other.detach();
    }

    static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void shmMqBetweenTwoJvms() throws Exception {
        postmaster(DsmImplKind.POSIX);
        long qsize = ShmMq.sizeFor(64 * 1024);
        long second = (qsize + 63) & -64;
        DsmSegment seg = dsm.create(second + qsize, null);
        ShmMqSender out = ShmMqSender.attach(ShmMq.create(seg.region(), 0, qsize), null);
        ShmMqReceiver in = ShmMqReceiver.attach(ShmMq.create(seg.region(), second, qsize), null);
        int[] sizes = {1, 2, 7, 8, 9, 64, 1000, 8192, 65_535, 65_536, 65_537, 200_000, 1 << 20, 4 * 1024 * 1024 + 3};
        try (ChildJvm c = child("echo", seg, "0", Long.toString(second))) {
            c.expect("ready", T);
            for (int i = 0; i < sizes.length; i++) {
                byte[] msg = pattern(sizes[i], i);
                assertEquals(ShmMqResult.SUCCESS, out.send(ByteBuffer.wrap(msg), false, true));
                assertEquals(ShmMqResult.SUCCESS, in.receive(false), "echo of " + sizes[i] + " bytes");
                ByteBuffer got = in.message();
                assertEquals(sizes[i], got.remaining());
                byte[] b = new byte[got.remaining()];
                got.get(b);
                assertArrayEquals(msg, b, "echo of " + sizes[i] + " bytes intact");
            }
            // Many small messages in a row, unflushed except the last: batching must not lose any.
            // (500 x 72 bytes fit in each ring, so the echo never blocks while we are still sending.)
            for (int i = 0; i < 500; i++) {
                assertEquals(ShmMqResult.SUCCESS, out.send(ByteBuffer.wrap(pattern(64, 1000 + i)), false, i == 499));
            }
            for (int i = 0; i < 500; i++) {
                assertEquals(ShmMqResult.SUCCESS, in.receive(false));
                byte[] b = new byte[64];
                in.message().get(b);
                assertArrayEquals(pattern(64, 1000 + i), b);
            }
            out.detach();
            assertEquals(Integer.toString(sizes.length + 500), c.expect("echoed", T), "the child saw our detach");
            assertEquals(ShmMqResult.DETACHED, in.receive(false), "and we see the child's");
            assertEquals(0, c.waitExit(T));
        }
        seg.detach();
    }

    @Test
    void killedCounterpartyIsNoticedByABlockedReceiverAndSender() throws Exception {
        postmaster(DsmImplKind.POSIX);
        long qsize = ShmMq.sizeFor(4096);
        long second = (qsize + 63) & -64;
        DsmSegment seg = dsm.create(second + qsize, null);
        ShmMqSender out = ShmMqSender.attach(ShmMq.create(seg.region(), 0, qsize), null);
        ShmMqReceiver in = ShmMqReceiver.attach(ShmMq.create(seg.region(), second, qsize), null);
        try (ChildJvm c = child("echo", seg, "0", Long.toString(second))) {
            c.expect("ready", T);
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    c.kill9();
                } catch (InterruptedException ignored) {
                    // test ends
                }
            });
            killer.start();
            long t0 = System.nanoTime();
            assertEquals(ShmMqResult.DETACHED, in.receive(false), "receiver waiting for a message that never comes");
            killer.join();
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            // The sender: the ring fills, nobody reads, the peer is dead -> DETACHED instead of waiting forever.
            ShmMqResult r = out.send(ByteBuffer.wrap(new byte[100_000]), false, true);
            assertEquals(ShmMqResult.DETACHED, r);
        }
        seg.detach();
        assertEquals(1, dsm.releaseDeadProcesses());
    }

    @Test
    void latchWaitEndsWhenThePostmasterDies() throws Exception {
        Process fakePostmaster = new ProcessBuilder("sleep", "600").start();
        try (ChildJvm c = ChildJvm.start("watch", Long.toString(fakePostmaster.pid()))) {
            int handle = Integer.parseUnsignedInt(c.expect("waiting", T));
            Thread.sleep(100);
            fakePostmaster.destroyForcibly();
            long t0 = System.nanoTime();
            assertEquals(Integer.toString(org.pgmini.shmem.sync.Latch.WL_POSTMASTER_DEATH), c.expect("result", T));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            assertEquals(0, c.waitExit(T));
            assertFalse(segmentExists(DsmImplKind.POSIX, dynshmem(), handle), "the child removed its segment");
        } finally {
            fakePostmaster.destroyForcibly();
        }
    }

    // ---- postmaster-level cleanup ----

    private ChildJvm postmasterChild(DsmImplKind kind, int nsegs) throws Exception {
        return ChildJvm.start("postmaster", dataDir.toString(), kind.gucName(), Integer.toString(nsegs));
    }

    private record Started(int control, String main, List<Integer> segments) {}

    private Started readStarted(ChildJvm c) throws Exception {
        int control = Integer.parseUnsignedInt(c.expect("control", T));
        String main = c.expect("main", T);
        List<Integer> segs = new ArrayList<>();
        for (String h : c.expect("segments", T).split(" ")) {
            segs.add(Integer.parseUnsignedInt(h));
        }
        return new Started(control, main, segs);
    }

    private void assertAllExist(DsmImplKind kind, Started s, boolean exist) {
        assertEquals(exist, Files.exists(Path.of("/dev/shm" + s.main())), "main segment " + s.main());
        assertEquals(exist, segmentExists(kind, dynshmem(), s.control()), "control segment");
        for (int h : s.segments()) {
            assertEquals(exist, segmentExists(kind, dynshmem(), h), "segment " + Integer.toUnsignedString(h));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV", "MMAP"})
    void cleanupAfterPostmasterKill9(DsmImplKind kind) throws Exception {
        Started s;
        try (ChildJvm c = postmasterChild(kind, 3)) {
            s = readStarted(c);
            assertAllExist(kind, s, true);
            PgException busy = assertThrows(PgException.class, () -> CrashCleanup.cleanupAfterCrash(dataDir));
            assertEquals("55006", busy.sqlState(), "no cleanup under a running postmaster");
            c.kill9();
        }
        assertAllExist(kind, s, true);
        assertTrue(Files.exists(SharedMemoryState.fileIn(dataDir)));
        if (kind == DsmImplKind.MMAP) {
            // A segment file the control segment does not list is found by the directory scan.
            Files.write(dynshmem().resolve("mmap.12345"), new byte[10]);
        }
        List<String> removed = CrashCleanup.cleanupAfterCrash(dataDir);
        assertAllExist(kind, s, false);
        assertEquals(s.segments().size() + 2 + (kind == DsmImplKind.MMAP ? 1 : 0), removed.size(), removed.toString());
        assertFalse(Files.exists(SharedMemoryState.fileIn(dataDir)));
        if (kind == DsmImplKind.MMAP) {
            try (var files = Files.list(dynshmem())) {
                assertEquals(List.of(), files.toList());
            }
        }
        assertEquals(List.of(), CrashCleanup.cleanupAfterCrash(dataDir), "nothing left to do");
    }

    @ParameterizedTest
    @EnumSource(value = DsmImplKind.class, names = {"POSIX", "SYSV"})
    void postmasterExitRemovesEverything(DsmImplKind kind) throws Exception {
        for (String how : List.of("shutdown", "exit")) {
            Started s;
            try (ChildJvm c = postmasterChild(kind, 2)) {
                s = readStarted(c);
                assertAllExist(kind, s, true);
                c.send(how);
                assertEquals(0, c.waitExit(T));
            }
            assertAllExist(kind, s, false);
            assertFalse(Files.exists(SharedMemoryState.fileIn(dataDir)), how);
        }
    }

    @Test
    void postmasterStartCleansUpAndWorkersAttachFromTheStateFile() throws Exception {
        Started s;
        try (ChildJvm c = postmasterChild(DsmImplKind.POSIX, 2)) {
            s = readStarted(c);
            c.kill9();
        }
        PostmasterSharedMemory shm = PostmasterSharedMemory.start(dataDir, DsmImplKind.POSIX, 10, 4, 1 << 20, 64);
        try {
            assertEquals(4, shm.removedAtStart().size(), shm.removedAtStart().toString());
            assertAllExist(DsmImplKind.POSIX, s, false);
            SharedMemoryState state = SharedMemoryState.read(dataDir);
            assertEquals(shm.state(), state);
            shm.main().initStruct("x", 8);
            DsmSegment seg = shm.dsm().create(100, null);
            try (BackendSharedMemory worker = BackendSharedMemory.attach(dataDir, state)) {
                assertNotNull(worker.main().lookup("x"));
                DsmSegment w = worker.dsm().attach(seg.handle(), null);
                assertEquals(2, shm.dsm().segments().get(0).refcnt());
                w.region().putLong(0, 5);
            }
            assertEquals(1, shm.dsm().segments().get(0).refcnt(), "worker close detached");
            assertEquals(5, seg.region().getLong(0));
            String oldMain = shm.main().name();
            shm.reinitialize();
            assertFalse(Files.exists(Path.of("/dev/shm" + oldMain)), "crash-restart recreates main shared memory");
            assertTrue(shm.dsm().segments().isEmpty());
            assertTrue(seg.isDetached());
            assertNull(shm.main().lookup("x"));
        } finally {
            shm.shutdown();
        }
        assertNull(SharedMemoryState.read(dataDir));
    }
}
