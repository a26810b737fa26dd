package org.pgmini.shmem.testproc;

import org.pgmini.shmem.PostmasterSharedMemory;
import org.pgmini.shmem.TestSegment;
import org.pgmini.shmem.sync.Latch;
import org.pgmini.shmem.sync.PostmasterDeath;
import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.dsm.DsmSegment;
import org.pgmini.shmem.libc.LibC;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.mq.ShmMqSender;
import org.pgmini.shmem.region.MappedRegion;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The other process of the multi-process tests. First argument: the role; it reports on stdout
 * and takes commands on stdin. It dies with its parent (PR_SET_PDEATHSIG), so a crashed test run
 * leaves no children behind.
 */
public final class ChildMain {
    private static final BufferedReader STDIN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        Processes.setParentDeathSignal(LibC.SIGKILL);
        switch (args[0]) {
            case "cas": cas(args); break;
            case "attach": attach(args); break;
            case "echo": echo(args); break;
            case "postmaster": postmaster(args); break;
            case "watch": watch(args); break;
            default: throw new IllegalArgumentException(args[0]);
        }
    }

    private static Dsm backend(String[] args) {
        return Dsm.backendStartup(DsmImplKind.fromGucName(args[1]), Path.of(args[2]), Integer.parseUnsignedInt(args[3]));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** cas kind dir control handle iterations: CAS-increment the long at offset 0. */
    private static void cas(String[] args) throws Exception {
        Dsm dsm = backend(args);
        DsmSegment seg = dsm.attach(Integer.parseUnsignedInt(args[4]), null);
        long n = Long.parseLong(args[5]);
        MappedRegion r = seg.region();
        say("ready");
        STDIN.readLine(); // "go"
        for (long i = 0; i < n; i++) {
            long v;
            do {
                v = r.getLongVolatile(0);
            } while (!r.compareAndSetLong(0, v, v + 1));
        }
        seg.detach();
        say("done");
    }

    /**
     * attach kind dir control handle: attach and report, then obey "detach" (detach and report),
     * "exit" (System.exit without detaching: the shutdown hook must clean up), or wait to be killed.
     */
    private static void attach(String[] args) throws Exception {
        Dsm dsm = backend(args);
        DsmSegment seg = dsm.attach(Integer.parseUnsignedInt(args[4]), null);
        say("attached " + seg.region().getLong(0));
        for (;;) {
            String cmd = STDIN.readLine();
            if (cmd == null || cmd.equals("exit")) {
                System.exit(0);
            }
            if (cmd.equals("detach")) {
                seg.detach();
                say("detached");
            }
        }
    }

    /**
     * echo kind dir control handle inOffset outOffset: receive on the queue at inOffset, send each
     * message back on the queue at outOffset, until the input queue is detached.
     */
    private static void echo(String[] args) throws Exception {
        Dsm dsm = backend(args);
        DsmSegment seg = dsm.attach(Integer.parseUnsignedInt(args[4]), null);
        ShmMqReceiver in = ShmMqReceiver.attach(ShmMq.at(seg.region(), Long.parseLong(args[5])), null);
        ShmMqSender out = ShmMqSender.attach(ShmMq.at(seg.region(), Long.parseLong(args[6])), null);
        in.detachWith(seg);
        out.detachWith(seg);
        say("ready");
        long count = 0;
        while (in.receive(false) == ShmMqResult.SUCCESS) {
            ByteBuffer m = in.message();
            if (out.send(m, false, true) != ShmMqResult.SUCCESS) {
                break;
            }
            count++;
        }
        out.detach();
        seg.detach();
        say("echoed " + count);
    }

    /** watch pid: wait on a latch nobody sets, with the given process as the postmaster. */
    private static void watch(String[] args) {
        PostmasterDeath.watch(Integer.parseInt(args[1]));
        try (TestSegment seg = new TestSegment(4096)) {
            Latch latch = Latch.init(seg.region(), 0, Processes.myPid());
            say("waiting " + Integer.toUnsignedString(seg.handle()));
            int r = latch.await(60_000_000_000L, null);
            say("result " + r);
        }
    }

    /**
     * postmaster dataDir kind nsegs: start shared memory as a postmaster, create nsegs segments
     * (the first one pinned), report "segments h1 h2 ..." and "main name"; then "shutdown" does a
     * clean postmaster exit, "exit" leaves through System.exit (shutdown hooks only), or wait for kill -9.
     */
    private static void postmaster(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]);
        PostmasterSharedMemory shm = PostmasterSharedMemory.start(dataDir, DsmImplKind.fromGucName(args[2]), 10, 4, 1 << 20, 64);
        int n = Integer.parseInt(args[3]);
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DsmSegment s = shm.dsm().create(64 * 1024, null);
            if (i == 0) {
                s.pinSegment();
            }
            handles.add(Integer.toUnsignedString(s.handle()));
        }
        say("control " + Integer.toUnsignedString(shm.dsm().controlHandle()));
        say("main " + shm.main().name());
        say("segments " + String.join(" ", handles));
        for (;;) {
            String cmd = STDIN.readLine();
            if (cmd == null || cmd.equals("exit")) {
                System.exit(0);
            }
            if (cmd.equals("shutdown")) {
                shm.shutdown();
                say("down");
                System.exit(0);
            }
        }
    }
}
