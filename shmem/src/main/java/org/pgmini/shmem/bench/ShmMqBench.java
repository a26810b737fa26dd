package org.pgmini.shmem.bench;

import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.dsm.DsmSegment;
import org.pgmini.shmem.libc.LibC;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.mq.ShmMq;
import org.pgmini.shmem.mq.ShmMqReceiver;
import org.pgmini.shmem.mq.ShmMqResult;
import org.pgmini.shmem.mq.ShmMqSender;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * shm_mq throughput between two JVMs next to single-thread memcpy bandwidth measured in the same
 * run. Not a test: run it by hand on a quiet machine.
 *
 * <pre>java -cp shmem/target/classes:jna.jar org.pgmini.shmem.bench.ShmMqBench [ringKiB] [secondsPerSize]</pre>
 *
 * The sender copies each message from a byte[] into the ring; the receiver copies each message
 * out of the ring into a byte[] (a consumer that only looks at a view of the ring would flatter the
 * figures) and checks the sequence number in its first 8 bytes, so lost or reordered messages
 * fail the run. Throughput counts payload bytes, from the first send to the receiver's
 * acknowledgement of the last message.
 */
public final class ShmMqBench {
    private static final int[] SIZES = {64, 8 * 1024, 1024 * 1024};

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--receiver")) {
            receiver(args);
            return;
        }
        long ringKiB = args.length > 0 ? Long.parseLong(args[0]) : 4096;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        Path dir = Files.createTempDirectory("shmqbench");
        Dsm dsm = Dsm.postmasterStartup(DsmImplKind.POSIX, dir.resolve("pg_dynshmem"), 4, 2);
        Process child = null;
        try {
            long qsize = ShmMq.sizeFor(ringKiB * 1024);
            long back = (qsize + 63) & -64;
            long backSize = ShmMq.sizeFor(4096);
            DsmSegment seg = dsm.create(back + backSize, null);
            ShmMqSender out = ShmMqSender.attach(ShmMq.create(seg.region(), 0, qsize), null);
            ShmMqReceiver acks = ShmMqReceiver.attach(ShmMq.create(seg.region(), back, backSize), null);

            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dpgmini.shmem.spinNanos=" + org.pgmini.shmem.sync.Latch.SPIN_NANOS,
                    ShmMqBench.class.getName(), "--receiver",
                    dir.resolve("pg_dynshmem").toString(), Integer.toUnsignedString(dsm.controlHandle()),
                    Integer.toUnsignedString(seg.handle()), Long.toString(back)));
            child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            if (!"ready".equals(childOut.readLine())) {
                throw new IllegalStateException("receiver did not start");
            }

            double memcpyCache = memcpy(4 << 20, 8192, seconds / 2);
            double memcpyLarge = memcpy(256 << 20, 1 << 20, seconds / 2);
            System.out.printf(Locale.ROOT, "single-thread memcpy: %.0f MB/s (8 KiB blocks, 4 MiB working set), %.0f MB/s (1 MiB blocks, 256 MiB working set)%n",
                    memcpyCache / 1e6, memcpyLarge / 1e6);
            System.out.printf(Locale.ROOT, "shm_mq, ring %d KiB, sender and receiver in two JVMs (each message copied in and out), latch spin %d ns:%n",
                    ringKiB, org.pgmini.shmem.sync.Latch.SPIN_NANOS);
            System.out.printf(Locale.ROOT, "%10s %14s %12s %18s%n", "msg size", "messages/s", "MB/s", "ratio to memcpy");
            for (int size : SIZES) {
                run(out, acks, size, seconds / 3, null); // warm-up
                double[] r = new double[2];
                run(out, acks, size, seconds, r);
                System.out.printf(Locale.ROOT, "%10s %14.0f %12.0f %9.2f / %.2f%n", label(size), r[0], r[1] / 1e6,
                        r[1] / memcpyCache, r[1] / memcpyLarge);
            }
            System.out.println("(ratio: to the 4 MiB working-set memcpy / to the 256 MiB one)");
            roundTrip(out, acks, 20_000); // warm-up
            System.out.printf(Locale.ROOT, "round trip (empty message there, 8-byte reply back): %.2f us%n", roundTrip(out, acks, 50_000));
            out.detach();
            child.waitFor();
            seg.detach();
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
            dsm.postmasterShutdown();
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir.resolve("pg_dynshmem"));
            Files.deleteIfExists(dir);
        }
    }

    private static String label(int size) {
        return size >= 1 << 20 ? (size >> 20) + " MiB" : size >= 1024 ? (size >> 10) + " KiB" : size + " B";
    }

    /** Bytes per second of ByteBuffer.put(byte[]) into a direct buffer, cycling through {@code workingSet}. */
    static double memcpy(int workingSet, int block, double seconds) {
        byte[] src = new byte[workingSet];
        ByteBuffer dst = ByteBuffer.allocateDirect(workingSet);
        long bytes = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int pos = 0;
        while (true) {
            for (int i = 0; i < 64; i++) {
                dst.put(pos, src, pos, block);
                pos += block;
                if (pos + block > workingSet) {
                    pos = 0;
                }
            }
            bytes += 64L * block;
            long now = System.nanoTime();
            if (now > end) {
                return bytes / ((now - start) / 1e9);
            }
        }
    }

    /** Streams {@code size}-byte messages for {@code seconds}; result[0] messages/s, result[1] bytes/s. */
    private static void run(ShmMqSender out, ShmMqReceiver acks, int size, double seconds, double[] result) {
        byte[] msg = new byte[size];
        ByteBuffer seq = ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder());
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (true) {
            for (int i = 0; i < 256; i++) {
                seq.putLong(0, n++);
                if (out.send(ByteBuffer.wrap(msg), false, false) != ShmMqResult.SUCCESS) {
                    throw new IllegalStateException("receiver went away");
                }
            }
            if (System.nanoTime() > end) {
                break;
            }
        }
        // End of the run: an empty message, then wait for the receiver's count.
        out.send(ByteBuffer.allocate(0), false, true);
        if (acks.receive(false) != ShmMqResult.SUCCESS) {
            throw new IllegalStateException("receiver went away");
        }
        long received = acks.message().getLong(0);
        long elapsed = System.nanoTime() - start;
        if (received != n) {
            throw new IllegalStateException("receiver counted " + received + " messages, sent " + n);
        }
        if (result != null) {
            result[0] = n / (elapsed / 1e9);
            result[1] = (double) n * size / (elapsed / 1e9);
        }
    }

    /** Mean microseconds for an empty message to the receiver and its 8-byte answer back. */
    private static double roundTrip(ShmMqSender out, ShmMqReceiver acks, int iterations) {
        ByteBuffer empty = ByteBuffer.allocate(0);
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            out.send(empty, false, true);
            if (acks.receive(false) != ShmMqResult.SUCCESS) {
                throw new IllegalStateException("receiver went away");
            }
        }
        return (System.nanoTime() - start) / 1e3 / iterations;
    }

    private static void receiver(String[] args) throws Exception {
        Processes.setParentDeathSignal(LibC.SIGKILL);
        Dsm dsm = Dsm.backendStartup(DsmImplKind.POSIX, Path.of(args[1]), Integer.parseUnsignedInt(args[2]));
        DsmSegment seg = dsm.attach(Integer.parseUnsignedInt(args[3]), null);
        ShmMqReceiver in = ShmMqReceiver.attach(ShmMq.at(seg.region(), 0), null);
        ShmMqSender ack = ShmMqSender.attach(ShmMq.at(seg.region(), Long.parseLong(args[4])), null);
        System.out.println("ready");
        System.out.flush();
        byte[] sink = new byte[1 << 20];
        ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        long n = 0;
        while (in.receive(false) == ShmMqResult.SUCCESS) {
            ByteBuffer m = in.message();
            int len = m.remaining();
            if (len == 0) {
                count.putLong(0, n);
                ack.send(count, false, true);
                n = 0;
                continue;
            }
            if (len > sink.length) {
                sink = new byte[len];
            }
            m.get(sink, 0, len);
            if (len >= 8) {
                long s = ByteBuffer.wrap(sink).order(ByteOrder.nativeOrder()).getLong(0);
                if (s != n) {
                    System.err.println("message " + n + " arrived as " + s);
                    System.exit(2);
                }
            }
            n++;
        }
        ack.detach();
        dsm.backendShutdown();
    }
}
