package org.pgmini.server.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.pgmini.server.ShutdownMode;
import org.pgmini.server.postmaster.InitDb;
import org.pgmini.server.postmaster.PgminiHome;
import org.pgmini.server.postmaster.PidFile;
import org.pgmini.server.postmaster.Postmaster;

/**
 * {@code Main cds-training}: starts and stops a throw-away server (temporary data directory,
 * free loopback port) so that a JVM run with {@code -XX:ArchiveClassesAtExit} records the classes
 * a server start loads. bin/pgmini turns the result into the class data sharing archive that
 * later starts map instead of loading and verifying those classes again (about a second less).
 */
final class CdsTraining {
    private CdsTraining() {}

    static int run() {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("pgmini-cds");
            Path data = tmp.resolve("data");
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            new InitDb(InitDb.parseArgs(List.of("-D", data.toString(), "-U", "cds"), null), quiet, PgminiHome.conf()).run();
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Postmaster pm = new Postmaster(new Postmaster.Options(data, List.of(
                    Map.entry("port", Integer.toString(port)), Map.entry("listen_addresses", "127.0.0.1"),
                    Map.entry("unix_socket_directories", "")), List.of())).withoutSignalHandlers();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = new Thread(() -> exit.set(pm.run()), "cds-training");
            t.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (t.isAlive() && System.nanoTime() < deadline
                    && !PidFile.read(data).map(l -> l.size() >= 8 && l.get(7).strip().equals("ready")).orElse(false)) {
                Thread.sleep(20);
            }
            pm.requestShutdown(ShutdownMode.FAST);
            t.join(TimeUnit.SECONDS.toMillis(60));
            return exit.get() == 0 ? 0 : 1;
        } catch (Exception e) {
            System.err.println("cds-training: " + e);
            return 1;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort for a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
