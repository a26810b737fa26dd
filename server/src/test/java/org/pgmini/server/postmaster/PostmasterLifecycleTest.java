package org.pgmini.server.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.server.ServerContext;
import org.pgmini.server.ShutdownMode;

/** The postmaster's request loop, in-process: readiness, reload, and escalating shutdown. */
class PostmasterLifecycleTest {
    @TempDir
    Path tmp;

    @Test
    void smartShutdownCanBeEscalatedToFast() throws Exception {
        Path dir = tmp.resolve("data");
        new InitDb(InitDb.parseArgs(List.of("-D", dir.toString(), "-U", "u"), null),
                new PrintStream(new ByteArrayOutputStream()), PgminiHome.find().resolve("conf")).run();

        List<ShutdownMode> calls = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch fastArrived = new CountDownLatch(1);
        AtomicReference<ServerContext> ctxRef = new AtomicReference<>();
        ListenerFactory factory = ctx -> {
            ctxRef.set(ctx);
            return new Listener() {
                @Override
                public void start() {
                    started.countDown();
                }

                @Override
                public void shutdown(ShutdownMode mode) {
                    calls.add(mode);
                    if (mode == ShutdownMode.SMART) {
                        try {
                            // A smart shutdown waits for sessions; here: until the fast request.
                            fastArrived.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    } else {
                        fastArrived.countDown();
                    }
                }
            };
        };
        Postmaster pm = new Postmaster(new Postmaster.Options(dir, List.of(Map.entry("port", "6543"),
                Map.entry("external_pid_file", "ext.pid")), List.of()),
                factory, () -> null).withoutSignalHandlers();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(pm.run()));
        t.start();
        assertTrue(started.await(30, TimeUnit.SECONDS));
        waitFor(() -> "ready".equals(PidFile.read(dir).map(l -> l.get(7).strip()).orElse("")));
        assertEquals(6543, ctxRef.get().config().getInt("port"));
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve("ext.pid")));

        Files.writeString(dir.resolve("postgresql.conf"), "work_mem = 12MB\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(ctxRef.get().reloadConfiguration());
        assertEquals(12288, ctxRef.get().config().getInt("work_mem"));

        pm.requestShutdown(ShutdownMode.SMART);
        waitFor(() -> calls.contains(ShutdownMode.SMART));
        assertEquals("stopping", PidFile.read(dir).orElseThrow().get(7));
        pm.requestShutdown(ShutdownMode.SMART); // repeated requests of the same mode are ignored
        pm.requestShutdown(ShutdownMode.FAST);
        t.join(30_000);
        assertFalse(t.isAlive());
        assertEquals(0, exit.get());
        assertEquals(List.of(ShutdownMode.SMART, ShutdownMode.FAST), calls);
        assertFalse(Files.exists(dir.resolve(PidFile.NAME)));
        assertFalse(Files.exists(dir.resolve("ext.pid")));
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(20);
        }
    }
}
